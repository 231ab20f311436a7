/** The true impact and the locks held, in words for the dialog, the status bar and the results view. */
import { formatCount } from '../../shared/labels';
import { RunImpactView, RunLockView, RunStatementView } from '../../shared/protocol';

/** One line per table; tables no statement writes to directly are marked as cascade, trigger or function. */
export function impactLines(impact: RunImpactView | undefined, statements: RunStatementView[]): string[] {
  if (!impact || impact.tables.length === 0) return [];
  const lines = ['Impact (PostgreSQL counters):'];
  const named = statements.map((s) => s.text.toLowerCase());
  for (const t of impact.tables) {
    const parts = t.truncated ? [`every row (TRUNCATE), ${formatCount(t.truncated.rowsBefore)} before`] : [];
    if (t.inserted) parts.push(`${formatCount(t.inserted)} inserted`);
    if (t.updated) parts.push(`${formatCount(t.updated)} updated`);
    if (t.deleted) parts.push(`${formatCount(t.deleted)} deleted`);
    // A table that no statement names can only have been reached indirectly.
    const indirect = !named.some((text) => text.includes(t.table.toLowerCase()));
    lines.push(`  ${t.schema}.${t.table}: ${parts.join(', ')}${indirect ? ' — by cascade, trigger or function' : ''}`);
  }
  if (impact.unexplained > 0) lines.push(`  ${formatCount(impact.unexplained)} row operation${impact.unexplained === 1 ? '' : 's'} by cascade, trigger or function (no statement's own count explains them)`);
  return lines;
}

export function locksLine(locks: RunLockView[] | undefined, waiting: number | undefined): string | undefined {
  if (!locks || locks.length === 0) return undefined;
  return `Holding ${locks.map((l) => `${l.mode} on ${l.relation}`).join(', ')}; ${formatCount(waiting ?? 0)} session${waiting === 1 ? '' : 's'} waiting`;
}
