/**
 * What the engine watches inside an open write transaction, at no extra round trip per statement:
 * the impact snapshot and the guard settings read with BEGIN, a snapshot at the end of every batch,
 * then before the decision one query for the locks held and the settings, and before COMMIT the
 * settings again (with the transaction id the commit needs anyway).
 */
import { Client } from 'pg';
import { formatCount } from '../../shared/labels';
import { BatchError, BatchItemResult, runBatch } from './batch';
import { everyRowOf, explainSql, PlanRefusal } from './planCheck';
import { changedSettings, guardedNames, parseSettings, settingsSql, Settings } from './guardSettings';
import { difference, Impact, parseSnapshot, Snapshot, SNAPSHOT_SQL, summarise, tablesOf, TruncatedBefore } from './impact';
import { HeldLock, LOCKS_SQL, parseLocks } from './locks';
import { PlannedStatement } from './plan';
import { begin, TransactionSettings } from './transaction';
import { StatementResult } from './types';

export interface BatchImpact {
  /** 0-based indexes of the batch's first and last statements. */
  first: number;
  last: number;
  total: number;
}

export interface Watch {
  baseline: Snapshot;
  last: Snapshot;
  expected: Settings;
  names: string[];
  serverVersion: number;
  truncated: TruncatedBefore[];
  batches: BatchImpact[];
}

/** BEGIN, the guard's settings, the baseline snapshot and what the settings now read, in one message. */
export async function beginWatched(client: Client, s: TransactionSettings, statements: PlannedStatement[]): Promise<Watch> {
  const names = guardedNames({ readOnly: s.readOnly, statementTimeout: s.statementTimeoutMs !== undefined, lockTimeout: s.lockTimeoutMs !== undefined });
  const opening = `SELECT pg_catalog.json_build_object('impact', (${SNAPSHOT_SQL}), 'settings', ${settingsSql(names)}, 'version', pg_catalog.current_setting('server_version_num'))::text`;
  const raw = await begin(client, s, opening);
  const v = JSON.parse(String(raw)) as { impact: string; settings: unknown; version: string };
  const baseline = parseSnapshot(v.impact);
  const watch: Watch = { baseline, last: baseline, expected: parseSettings(v.settings), names, serverVersion: Number(v.version), truncated: [], batches: [] };
  const truncates = [...new Set(statements.flatMap((p) => p.truncates ?? []))];
  if (truncates.length > 0) watch.truncated = await countBefore(client, truncates);
  return watch;
}

/** The probe each batch ends with. */
export const BATCH_PROBE = SNAPSHOT_SQL;

/** A batch finished: its share of the impact, and each statement's own when it ran alone in its batch. */
export function batchDone(watch: Watch, results: StatementResult[], batch: PlannedStatement[], probe: string | null | undefined): void {
  const snap = parseSnapshot(probe);
  const diff = difference(watch.last, snap);
  const tables = tablesOf(diff);
  if (batch.length === 1) results[batch[0].index].impact = tables;
  watch.batches.push({ first: batch[0].index, last: batch[batch.length - 1].index, total: tables.reduce((n, t) => n + t.inserted + t.updated + t.deleted, 0) });
  watch.last = snap;
}

export function runImpact(watch: Watch, results: StatementResult[], planned: PlannedStatement[]): Impact {
  const createsRows = new Set(planned.filter((p) => p.createsRows).map((p) => p.index));
  return summarise(difference(watch.baseline, watch.last), watch.truncated, results, createsRows);
}

export interface BeforeDecision {
  locks: HeldLock[];
  waitingSessions: number;
  /** Guard settings that no longer hold their value, in words. */
  changed: string[];
}

export async function beforeDecision(client: Client, watch: Watch): Promise<BeforeDecision> {
  const r = await client.query<{ v: string }>(`SELECT pg_catalog.json_build_object('held', ${LOCKS_SQL}, 'settings', ${settingsSql(watch.names)})::text AS v`);
  const v = JSON.parse(r.rows[0].v) as { held: unknown; settings: unknown };
  return { ...parseLocks(v.held), changed: changedSettings(watch.expected, parseSettings(v.settings)) };
}

/** The engine itself shortens the dead-man switch; what it now reads is the new expectation. */
export async function shortenIdleTimeout(client: Client, watch: Watch, ms: number): Promise<void> {
  await client.query(`SET LOCAL idle_in_transaction_session_timeout = ${Math.round(ms)}`);
  const r = await client.query<{ v: string }>(`SELECT pg_catalog.current_setting('idle_in_transaction_session_timeout') AS v`);
  watch.expected.idle_in_transaction_session_timeout = r.rows[0].v;
}

/** The transaction id (to ask about the commit if the link drops) and the settings, just before COMMIT. */
export async function beforeCommit(client: Client, watch: Watch): Promise<{ xid: string; changed: string[] }> {
  const r = await client.query<{ xid: string; s: string }>(`SELECT pg_catalog.txid_current()::text AS xid, ${settingsSql(watch.names)}::text AS s`);
  return { xid: r.rows[0].xid, changed: changedSettings(watch.expected, parseSettings(JSON.parse(r.rows[0].s))) };
}

/** Rows of each truncated table before the run (a table the run creates had none). */
async function countBefore(client: Client, names: string[]): Promise<TruncatedBefore[]> {
  const found = await client.query<{ schema: string; table: string }>(
    `SELECT n.nspname AS schema, c.relname AS table FROM pg_catalog.unnest($1::text[]) AS u(name)
     JOIN pg_catalog.pg_class c ON c.oid OPERATOR(pg_catalog.=) pg_catalog.to_regclass(u.name)
     JOIN pg_catalog.pg_namespace n ON n.oid OPERATOR(pg_catalog.=) c.relnamespace`,
    [names],
  );
  if (found.rows.length === 0) return [];
  const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
  const counts = found.rows.map((t, i) => `(SELECT pg_catalog.count(*) FROM ${q(t.schema)}.${q(t.table)}) AS c${i}`).join(', ');
  const r = await client.query<Record<string, string>>(`SELECT ${counts}`);
  return found.rows.map((t, i) => ({ schema: t.schema, table: t.table, rowsBefore: Number(r.rows[0][`c${i}`]) }));
}

/** On production, the planner is asked about each UPDATE, DELETE and MERGE of the batch before it is sent. */
export async function refuseEveryRow(client: Client, watch: Watch, batch: PlannedStatement[]): Promise<void> {
  const modifying = batch.filter((p) => p.modifies);
  if (modifying.length === 0) return;
  let items: BatchItemResult[];
  try {
    items = await runBatch(client, modifying.map((p) => explainSql(p.text, watch.serverVersion)), 1);
  } catch (error) {
    const done = error instanceof BatchError ? error.completed.length : 0;
    const p = modifying[Math.min(done, modifying.length - 1)];
    throw new PlanRefusal(`statement ${p.index + 1} (line ${p.line}) could not be planned before it ran (${(error as Error).message}); on production a write the planner cannot check is refused; everything was rolled back`);
  }
  items.forEach((item, k) => {
    const every = everyRowOf(item.sample?.[0]?.[0]);
    if (!every) return;
    const p = modifying[k];
    throw new PlanRefusal(`statement ${p.index + 1} (line ${p.line}) would touch every row of ${every.table} (the planner estimates ≈ ${formatCount(every.rows)} rows): PostgreSQL reduced its condition to true; refused on production, everything was rolled back`);
  });
}
