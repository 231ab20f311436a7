/**
 * The true impact of a run, from PostgreSQL's own counters: `pg_stat_xact_user_tables` counts every
 * row operation of the transaction so far, cascades, triggers and functions included. A snapshot
 * right after BEGIN is the baseline (earlier unflushed activity of the session is already in the
 * counters); a snapshot after each batch rides in the batch's own message, so it costs no round trip.
 *
 * Caveats (PostgreSQL's, measured): counts are row operations, not distinct rows; partitions are
 * counted on the leaf (rolled up here to the root); TRUNCATE resets a table's counters, so a
 * truncated table reports "every row" with the count taken before the run.
 *
 * Everything is schema-qualified: a script may change search_path before a snapshot runs.
 */
import { StatementResult } from './types';

export interface TableImpact {
  schema: string;
  table: string;
  inserted: number;
  updated: number;
  deleted: number;
  /** Set when the run truncated the table: every row, and how many there were before the run. */
  truncated?: { rowsBefore: number };
}

export interface Impact {
  tables: TableImpact[];
  /** Row operations in all: inserted + updated + deleted, a truncated table's rows included. */
  total: number;
  /** Row operations the statements' own command tags do not account for. */
  unexplained: number;
}

/** Per table (keyed by the root relation's oid): counters as the snapshot saw them. */
export type Snapshot = Map<string, TableImpact>;

/** One row, one text column: the non-zero counters of the transaction, rolled up to the partition root. */
export const SNAPSHOT_SQL = `SELECT COALESCE(pg_catalog.json_agg(pg_catalog.json_build_array(r.oid, rn.nspname, r.relname, s.n_tup_ins, s.n_tup_upd, s.n_tup_del)), '[]')::text AS impact
FROM pg_catalog.pg_stat_xact_user_tables s
JOIN pg_catalog.pg_class r ON r.oid OPERATOR(pg_catalog.=) COALESCE(pg_catalog.pg_partition_root(s.relid)::pg_catalog.oid, s.relid)
JOIN pg_catalog.pg_namespace rn ON rn.oid OPERATOR(pg_catalog.=) r.relnamespace
WHERE s.n_tup_ins OPERATOR(pg_catalog.<>) 0 OR s.n_tup_upd OPERATOR(pg_catalog.<>) 0 OR s.n_tup_del OPERATOR(pg_catalog.<>) 0`;

/** Reads the snapshot's single value; anything else is an error (the caller fails closed). */
export function parseSnapshot(value: string | null | undefined): Snapshot {
  if (typeof value !== 'string') throw new Error('the impact snapshot returned no value');
  const rows = JSON.parse(value) as unknown;
  if (!Array.isArray(rows)) throw new Error('the impact snapshot is not a list');
  const out: Snapshot = new Map();
  for (const row of rows) {
    if (!Array.isArray(row) || row.length !== 6) throw new Error('the impact snapshot has a malformed row');
    const [oid, schema, table, ins, upd, del] = row as [unknown, unknown, unknown, unknown, unknown, unknown];
    const key = String(oid);
    const t = out.get(key) ?? { schema: String(schema), table: String(table), inserted: 0, updated: 0, deleted: 0 };
    t.inserted += Number(ins);
    t.updated += Number(upd);
    t.deleted += Number(del);
    out.set(key, t);
  }
  return out;
}

/** Counts per table between two snapshots, tables without change left out. */
export function difference(before: Snapshot, after: Snapshot): Snapshot {
  const out: Snapshot = new Map();
  for (const [key, a] of after) {
    const b = before.get(key);
    // A TRUNCATE inside the run can take a counter below its baseline: never report a negative count.
    const d = { schema: a.schema, table: a.table, inserted: Math.max(0, a.inserted - (b?.inserted ?? 0)), updated: Math.max(0, a.updated - (b?.updated ?? 0)), deleted: Math.max(0, a.deleted - (b?.deleted ?? 0)) };
    if (d.inserted + d.updated + d.deleted > 0) out.set(key, d);
  }
  return out;
}

/** The tables of a snapshot difference, largest first, as the contract lists them. */
export function tablesOf(diff: Snapshot): TableImpact[] {
  return [...diff.values()].sort((a, b) => ops(b) - ops(a) || a.schema.localeCompare(b.schema) || a.table.localeCompare(b.table));
}

function ops(t: TableImpact): number {
  return t.inserted + t.updated + t.deleted;
}

/** Command tags whose count is the rows the statement itself wrote. */
const WRITE_TAGS = new Set(['INSERT', 'UPDATE', 'DELETE', 'MERGE', 'COPY']);

/** Rows the statements' own command tags account for. */
export function explainedRows(statements: StatementResult[], createsRows: ReadonlySet<number>): number {
  let n = 0;
  for (const s of statements) if (s.command !== undefined && (WRITE_TAGS.has(s.command) || createsRows.has(s.index))) n += s.rows ?? 0;
  return n;
}

/** A truncated table before the run: its schema, name and row count. */
export interface TruncatedBefore {
  schema: string;
  table: string;
  rowsBefore: number;
}

/** The run's impact: the counters' difference, truncated tables as "every row", and what no tag explains. */
export function summarise(diff: Snapshot, truncated: TruncatedBefore[], statements: StatementResult[], createsRows: ReadonlySet<number> = new Set()): Impact {
  const tables = tablesOf(diff);
  for (const t of truncated) {
    let row = tables.find((x) => x.schema === t.schema && x.table === t.table);
    if (!row) {
      row = { schema: t.schema, table: t.table, inserted: 0, updated: 0, deleted: 0 };
      tables.push(row);
    }
    row.truncated = { rowsBefore: t.rowsBefore };
  }
  let total = 0;
  for (const t of tables) total += ops(t) + (t.truncated?.rowsBefore ?? 0);
  // The truncated rows are the TRUNCATE's own doing: it says "every row".
  const explained = explainedRows(statements, createsRows) + truncated.reduce((n, t) => n + t.rowsBefore, 0);
  return { tables, total, unexplained: Math.max(0, total - explained) };
}
