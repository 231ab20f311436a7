/**
 * The locks a run holds while it waits for the decision. SHARE ROW EXCLUSIVE and stronger block
 * every writer (ACCESS EXCLUSIVE every reader too), so they are listed with the number of sessions
 * queued behind this one (`pg_blocking_pids`), and the confirmation gets a shorter deadline.
 */

export interface HeldLock {
  /** schema.table, as PostgreSQL names it. */
  relation: string;
  mode: string;
}

export const DEFAULT_LOCKED_CONFIRM_TIMEOUT_MS = 30_000;

/** One JSON object: the strong locks this session holds, and how many sessions wait on it. */
export const LOCKS_SQL = `pg_catalog.json_build_object(
  'locks', (SELECT COALESCE(pg_catalog.json_agg(pg_catalog.json_build_array(n.nspname, c.relname, l.mode) ORDER BY n.nspname, c.relname, l.mode), '[]')
    FROM pg_catalog.pg_locks l
    JOIN pg_catalog.pg_class c ON c.oid OPERATOR(pg_catalog.=) l.relation
    JOIN pg_catalog.pg_namespace n ON n.oid OPERATOR(pg_catalog.=) c.relnamespace
    WHERE l.locktype OPERATOR(pg_catalog.=) 'relation' AND l.granted AND l.pid OPERATOR(pg_catalog.=) pg_catalog.pg_backend_pid()
      AND l.mode OPERATOR(pg_catalog.=) ANY (ARRAY['ShareRowExclusiveLock', 'ExclusiveLock', 'AccessExclusiveLock'])),
  'waiting', (SELECT pg_catalog.count(*) FROM pg_catalog.pg_stat_activity a
    WHERE pg_catalog.pg_backend_pid() OPERATOR(pg_catalog.=) ANY (pg_catalog.pg_blocking_pids(a.pid))))`;

export function parseLocks(value: unknown): { locks: HeldLock[]; waitingSessions: number } {
  const v = value as { locks?: unknown; waiting?: unknown } | undefined;
  if (!v || !Array.isArray(v.locks)) throw new Error('the locks held could not be read');
  const locks = v.locks.map((row) => {
    const [schema, table, mode] = row as [string, string, string];
    return { relation: `${schema}.${table}`, mode };
  });
  return { locks, waitingSessions: Number(v.waiting ?? 0) };
}
