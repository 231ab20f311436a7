/** The one notification that says how a guarded run ended. */
import * as vscode from 'vscode';
import { RunGuardedResult } from '../../shared/protocol';
import { safeText } from '../../shared/safeText';
import { undoLine } from './undoText';

export function outcomeMessage(r: RunGuardedResult): string {
  const on = r.connection ? ` on ${r.connection}` : '';
  // Reasons may list findings on several lines; a notification shows one paragraph.
  const reason = r.reason.split('\n').map((l) => l.trim()).filter(Boolean).join(' · ');
  const counts = r.statements.filter((s) => s.command).map((s) => `${s.command}${s.rows === null ? '' : ` ${s.rows}`}`).join(', ');
  switch (r.outcome) {
    case 'committed':
      return `Safe SQL: ${reason}${on}${counts ? ` (${counts})` : ''}.${r.undo?.available ? ` ${undoLine(r.undo)} Safe SQL: Undo a Run… takes it back.` : ''}`;
    case 'rolled-back':
      return `Safe SQL: rolled back${on}, nothing was committed: ${reason}`;
    case 'refused':
      return `Safe SQL: refused${on}, nothing was run: ${reason}`;
    case 'unknown':
      return `Safe SQL: the outcome${on} is unknown: ${reason}`;
    default:
      return `Safe SQL: the run failed${on}: ${reason}`;
  }
}

/** Keys named in the conflict message; the rest are counted. */
const LISTED_CONFLICTS = 10;

/** An undo that found rows changed since the run: an error naming them by table and key. */
export function conflictMessage(r: RunGuardedResult, conflicts: string[]): string {
  const on = r.connection ? ` on ${r.connection}` : '';
  const listed = conflicts.slice(0, LISTED_CONFLICTS).map((c) => safeText(c)).join('; ');
  const more = conflicts.length > LISTED_CONFLICTS ? `; and ${conflicts.length - LISTED_CONFLICTS} more` : '';
  return `Safe SQL: nothing was undone${on}: ${conflicts.length} row${conflicts.length === 1 ? '' : 's'} changed since the run (${listed}${more}). Nothing is ever overwritten blindly.`;
}

export function reportOutcome(r: RunGuardedResult & { conflicts?: string[] }): void {
  if (r.conflicts && r.conflicts.length > 0) {
    void vscode.window.showErrorMessage(conflictMessage(r, r.conflicts));
    return;
  }
  const message = outcomeMessage(r);
  if (r.outcome === 'committed') void vscode.window.showInformationMessage(message);
  else if (r.outcome === 'rolled-back') void vscode.window.showWarningMessage(message);
  else void vscode.window.showErrorMessage(message);
  if (r.auditError) void vscode.window.showErrorMessage(`Safe SQL: the audit record of this run was not written: ${r.auditError}`);
}
