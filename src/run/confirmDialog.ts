/**
 * The confirmation a guarded run waits for, while its transaction is open: a modal that shows what
 * really happened (each statement's command and row count), then Commit or Roll back. Escape rolls
 * back. When the count must be typed, an input box asks for it; the server checks the answer.
 */
import * as vscode from 'vscode';
import { formatCount } from '../../shared/labels';
import { ConfirmRunParams, ConfirmRunResult, RunStatementView } from '../../shared/protocol';
import { safeText } from '../../shared/safeText';
import { clock, environmentLabel, firstLine } from './format';
import { impactLines, locksLine } from './impactText';
import { undoLine } from './undoText';

/** Statements listed one per line in the dialog; the rest are counted. */
const LISTED = 15;

export async function askToConfirm(p: ConfirmRunParams, token: vscode.CancellationToken): Promise<ConfirmRunResult> {
  const where = `${p.connection} (${environmentLabel(p.environment)})`;
  const message = p.irreversible
    ? `Run on ${where}? This statement cannot be rolled back once it has run.`
    : `Commit ${rowsText(p.totalRows)} on ${where}?`;
  const go: vscode.MessageItem = { title: p.irreversible ? 'Run' : 'Commit' };
  const stop: vscode.MessageItem = { title: p.irreversible ? 'Cancel' : 'Roll back', isCloseAffordance: true };
  const choice = await vscode.window.showWarningMessage(message, { modal: true, detail: confirmDetail(p) }, go, stop);
  // The server stopped waiting (timeout or cancel): whatever was answered no longer counts.
  if (token.isCancellationRequested || choice !== go) return { commit: false };
  if (!p.typed) return { commit: true };
  const typed = await vscode.window.showInputBox({
    title: `Safe SQL: confirm ${p.irreversible ? 'running' : 'committing'} on ${where}`,
    prompt: `${p.typed.why}. Anything else rolls back.`,
    ignoreFocusOut: true,
  }, token);
  if (typed === undefined || token.isCancellationRequested) return { commit: false };
  return { commit: true, typed };
}

export function confirmDetail(p: ConfirmRunParams): string {
  const lines: string[] = [`Connection: ${p.connection} · ${environmentLabel(p.environment)}`, ''];
  if (p.undoOf) lines.push(`Undo of run ${safeText(p.undoOf)}: its rows are set back, each found by its key.`, '');
  for (const s of p.statements.slice(0, LISTED)) lines.push(statementLine(s));
  if (p.statements.length > LISTED) lines.push(`… and ${formatCount(p.statements.length - LISTED)} more statements`);
  lines.push('');
  const count = `${formatCount(p.statements.length)} statement${p.statements.length === 1 ? '' : 's'}`;
  lines.push(p.irreversible ? `${count}; nothing has run yet.` : `Total: ${rowsText(p.totalRows)} in ${count} · ${clock(p.elapsedMs)} so far · uncommitted`);
  const impact = impactLines(p.impact, p.statements);
  if (impact.length > 0) lines.push('', ...impact);
  const held = locksLine(p.locks, p.waitingSessions);
  if (held) lines.push('', held);
  if (p.undo) lines.push('', undoLine(p.undo));
  lines.push(`Rolls back on its own after ${clock(p.timeoutMs)} without an answer.`);
  if (p.typed) lines.push('', `Typing required: ${p.typed.why}.`);
  return lines.join('\n');
}

function statementLine(s: RunStatementView): string {
  const result = s.command === undefined ? 'not run yet' : `${s.command}${s.rows === null ? '' : ` ${rowsText(s.rows)}`}`;
  return `Line ${s.line}: ${firstLine(s.text, 70)} → ${result}`;
}

export function rowsText(n: number): string {
  return `${formatCount(n)} row${n === 1 ? '' : 's'}`;
}
