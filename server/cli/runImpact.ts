/** The true impact, locks and waiting sessions as `safe-sql run` prints them (text and JSON). */
import { formatCount } from '../../shared/labels';
import { ConfirmSummary, RunResult } from '../engine/types';

type Shown = Pick<RunResult, 'impact' | 'locks' | 'waitingSessions'> | Pick<ConfirmSummary, 'impact' | 'locks' | 'waitingSessions'>;

/** The contract's added fields: runId, impact, locks, waitingSessions. */
export function impactJson(r: RunResult): Record<string, unknown> {
  const impact = r.impact
    ? {
        tables: r.impact.tables.map((t) => ({ schema: t.schema, table: t.table, inserted: t.inserted, updated: t.updated, deleted: t.deleted, ...(t.truncated ? { truncated: true, rowsBefore: t.truncated.rowsBefore } : {}) })),
        total: r.impact.total,
        unexplained: r.impact.unexplained,
      }
    : null;
  return { runId: r.runId, impact, locks: r.locks ?? [], waitingSessions: r.waitingSessions ?? 0 };
}

/** Lines for a terminal: one per table, then the locks held and who waits. */
export function impactLines(s: Shown): string[] {
  const lines: string[] = [];
  if (s.impact && s.impact.tables.length > 0) {
    lines.push('  Impact (PostgreSQL counters, cascades, triggers and functions included):');
    for (const t of s.impact.tables) {
      const parts = t.truncated ? [`every row (TRUNCATE), ${formatCount(t.truncated.rowsBefore)} before`] : [];
      if (t.inserted) parts.push(`${formatCount(t.inserted)} inserted`);
      if (t.updated) parts.push(`${formatCount(t.updated)} updated`);
      if (t.deleted) parts.push(`${formatCount(t.deleted)} deleted`);
      lines.push(`    ${t.schema}.${t.table}: ${parts.join(', ')}`);
    }
    if (s.impact.unexplained > 0) lines.push(`    ${formatCount(s.impact.unexplained)} row operation${s.impact.unexplained === 1 ? '' : 's'} by cascade, trigger or function (no statement's own count explains them)`);
  }
  if (s.locks && s.locks.length > 0) {
    lines.push(`  Holding ${s.locks.map((l) => `${l.mode} on ${l.relation}`).join(', ')}; ${formatCount(s.waitingSessions ?? 0)} session${s.waitingSessions === 1 ? '' : 's'} waiting`);
  }
  return lines;
}
