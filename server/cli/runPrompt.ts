/** How `safe-sql run` confirms: a question on a terminal, or the rules for running without one. */
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { firstLine } from '../engine/plan';
import { formatRange } from '../engine/expectations';
import { ConfirmSummary, Decision, RowRange, StatementResult } from '../engine/types';
import { formatCount } from '../../shared/labels';
import { impactLines } from './runImpact';

export function statementLine(s: StatementResult): string {
  const rows = s.rows === null ? '' : `${formatCount(s.rows)} row${s.rows === 1 ? '' : 's'}`;
  return `  ${String(s.index + 1).padStart(3)}  ${(s.command ?? '-').padEnd(14)} ${rows.padStart(12)}  line ${s.line}: ${firstLine(s.text)}`;
}

export function describeSummary(summary: ConfirmSummary): string {
  const lines: string[] = [];
  lines.push(`${summary.environment.toUpperCase()} ${summary.connectionLabel}: ${summary.statements.length} statement${summary.statements.length === 1 ? '' : 's'}${summary.irreversible ? ' (not run yet)' : ', uncommitted'}`);
  const shown = summary.statements.length > 50 ? [...summary.statements.slice(0, 25), undefined, ...summary.statements.slice(-25)] : summary.statements;
  for (const s of shown) lines.push(s ? statementLine(s) : `  … ${summary.statements.length - 50} more …`);
  lines.push(...impactLines(summary));
  if (!summary.irreversible) lines.push(`  Total: ${formatCount(summary.totalRows)} row${summary.totalRows === 1 ? '' : 's'}`);
  if (summary.locks && summary.locks.length > 0) lines.push(`  Rolls back on its own after ${Math.round(summary.timeoutMs / 1000)} s while it holds these locks.`);
  return `${lines.join('\n')}\n`;
}

/** Asks on the terminal. Anything but the exact answer rolls back; the signal closes the question. */
export function askOnTerminal(summary: ConfirmSummary, signal: AbortSignal, out: Writable): Promise<Decision> {
  out.write(describeSummary(summary));
  if (summary.undo) out.write(`${summary.undo.available ? (summary.undo.partial ? 'Undo partial' : 'Undo') : 'No undo'}: ${summary.undo.reason}\n`); // undo
  let question: string;
  if (summary.irreversible) {
    out.write(`This statement cannot run inside a transaction: once run it CANNOT be rolled back.\n${summary.typed?.why ?? ''}\n`);
    question = `Type ${summary.typed?.expected} to run it, anything else cancels: `;
  } else if (summary.typed) {
    out.write(`${summary.typed.why}.\n`);
    question = `Type ${summary.typed.expected} to commit, anything else rolls back: `;
  } else {
    question = 'Commit? [y/N] ';
  }
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: out, terminal: true });
    let done = false;
    const finish = (d: Decision) => {
      if (done) return;
      done = true;
      signal.removeEventListener('abort', onAbort);
      rl.close();
      process.stdin.pause();
      resolve(d);
    };
    const onAbort = () => {
      out.write('\n');
      finish({ commit: false, reason: 'no answer' });
    };
    signal.addEventListener('abort', onAbort, { once: true });
    rl.on('SIGINT', () => {
      out.write('\n');
      finish({ commit: false, reason: 'declined (Ctrl+C)' });
    });
    rl.on('close', () => finish({ commit: false, reason: 'declined (input closed)' }));
    rl.question(question, (answer) => {
      if (summary.typed) finish({ commit: true, typed: answer });
      else if (/^\s*y(es)?\s*$/i.test(answer)) finish({ commit: true });
      else finish({ commit: false, reason: 'declined' });
    });
  });
}

/**
 * Without a terminal: commit only when the run's expectation is met (the engine has already rolled
 * back a miss), or with --yes outside production. A typed confirmation needs an exact --expect-rows.
 */
export function decideWithoutTerminal(summary: ConfirmSummary, o: { expectRows?: RowRange; yes: boolean; production: boolean }): Decision {
  if (summary.irreversible) {
    if (o.yes && !o.production) return { commit: true, typed: summary.typed?.expected };
    return { commit: false, impossible: true, reason: 'a statement that cannot be rolled back needs a terminal to confirm on (or --yes outside production)' };
  }
  if (o.expectRows) {
    if (!summary.typed) return { commit: true };
    if (o.expectRows.min === o.expectRows.max) return { commit: true, typed: String(o.expectRows.min) };
    return { commit: false, impossible: true, reason: `${summary.typed.why}; without a terminal give the exact count with --expect-rows ${summary.totalRows} (got ${formatRange(o.expectRows)})` };
  }
  const unexplained = summary.impact?.unexplained ?? 0;
  if (o.yes && unexplained > 0) {
    return { commit: false, impossible: true, reason: `${formatCount(unexplained)} row operation${unexplained === 1 ? '' : 's'} by cascade, trigger or function that no statement's own count explains; --yes does not commit them, give --expect-rows ${summary.totalRows} to cover the total` };
  }
  if (o.yes && !o.production) return { commit: true, typed: summary.typed?.expected };
  return { commit: false, impossible: true, reason: 'confirmation was impossible: no terminal to ask on and no --expect-rows' };
}
