/** The one notification that says how a guarded run ended. */
import * as vscode from 'vscode';
import { RunGuardedResult } from '../../shared/protocol';

export function outcomeMessage(r: RunGuardedResult): string {
  const on = r.connection ? ` on ${r.connection}` : '';
  // Reasons may list findings on several lines; a notification shows one paragraph.
  const reason = r.reason.split('\n').map((l) => l.trim()).filter(Boolean).join(' · ');
  const counts = r.statements.filter((s) => s.command).map((s) => `${s.command}${s.rows === null ? '' : ` ${s.rows}`}`).join(', ');
  switch (r.outcome) {
    case 'committed':
      return `Safe SQL: ${reason}${on}${counts ? ` (${counts})` : ''}.`;
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

export function reportOutcome(r: RunGuardedResult): void {
  const message = outcomeMessage(r);
  if (r.outcome === 'committed') void vscode.window.showInformationMessage(message);
  else if (r.outcome === 'rolled-back') void vscode.window.showWarningMessage(message);
  else void vscode.window.showErrorMessage(message);
  if (r.auditError) void vscode.window.showErrorMessage(`Safe SQL: the audit record of this run was not written: ${r.auditError}`);
}
