/**
 * The transaction itself: BEGIN with the run's timeouts, the statements in batches with a result
 * for each, and the end (COMMIT or ROLLBACK). The caller owns the client and releases it.
 */
import { Client } from 'pg';
import { BatchError, runBatch } from './batch';
import { PlannedStatement } from './plan';
import { RowBudget } from './rowBudget';
import type { CaptureSpec } from './undo/capture';
import { StatementResult } from './types';

export interface TransactionSettings {
  readOnly: boolean;
  statementTimeoutMs?: number;
  lockTimeoutMs?: number;
  /** The dead-man switch: the server ends a session idle inside the transaction this long. */
  idleTimeoutMs: number;
}

/** BEGIN and the run's settings in one message; `then` (one query) rides along and its first value is returned. */
export async function begin(client: Client, s: TransactionSettings, then?: string): Promise<unknown> {
  const sql = [`BEGIN${s.readOnly ? ' READ ONLY' : ''}`];
  if (s.statementTimeoutMs !== undefined) sql.push(`SET LOCAL statement_timeout = ${Math.round(s.statementTimeoutMs)}`);
  if (s.lockTimeoutMs !== undefined) sql.push(`SET LOCAL lock_timeout = ${Math.round(s.lockTimeoutMs)}`);
  sql.push(`SET LOCAL idle_in_transaction_session_timeout = ${Math.round(s.idleTimeoutMs)}`);
  if (then !== undefined) sql.push(then);
  const r = (await client.query(sql.join('; '))) as unknown as Array<{ rows: Array<Record<string, unknown>> }>;
  if (then === undefined) return undefined;
  const last = r[r.length - 1];
  return last?.rows[0] ? Object.values(last.rows[0])[0] : undefined;
}

/** Session-level timeouts, for a statement that runs outside any transaction. */
export async function setSessionTimeouts(client: Client, s: Pick<TransactionSettings, 'statementTimeoutMs' | 'lockTimeoutMs'>): Promise<void> {
  const sql: string[] = [];
  if (s.statementTimeoutMs !== undefined) sql.push(`SET statement_timeout = ${Math.round(s.statementTimeoutMs)}`);
  if (s.lockTimeoutMs !== undefined) sql.push(`SET lock_timeout = ${Math.round(s.lockTimeoutMs)}`);
  if (sql.length > 0) await client.query(sql.join('; '));
}

export interface ExecuteOptions {
  rowLimit: number;
  batchSize: number;
  /** Bytes of rows kept for display, across the whole run. */
  budget?: RowBudget;
  /** Called after each batch; returning false stops before the next one. `probe` is the value `probeSql` returned. */
  onBatch(results: StatementResult[], batch: PlannedStatement[], probe?: string | null): boolean;
  /** One query sent at the end of every batch, in the same message (no extra round trip). */
  probeSql?: string;
  /** Runs before each batch is sent; throwing stops the run. */
  beforeBatch?(batch: PlannedStatement[]): Promise<void>;
  /** undo: statements whose rows carry capture columns, by statement index (server/engine/undo). */
  capture?: Map<number, CaptureSpec>;
}

export class StatementFailure extends Error {
  constructor(
    readonly index: number,
    readonly cause: Error & { code?: string },
  ) {
    super(cause.message);
  }
}

/** The server answered a batch with more results than it had statements: nothing it did may be trusted. */
export class BoundaryMismatch extends StatementFailure {
  constructor(index: number, results: number, statements: number) {
    super(index, new Error(`PostgreSQL found ${results} statements where safe-sql found ${statements}; the statement boundaries do not agree, so the run was stopped`));
  }
}

/** Batches hold at most this much text, so one message never grows without bound. */
const MAX_BATCH_CHARS = 1_000_000;

/** Runs the statements in order; throws StatementFailure naming the one that failed. */
export async function executeStatements(client: Client, statements: PlannedStatement[], results: StatementResult[], o: ExecuteOptions): Promise<void> {
  let i = 0;
  while (i < statements.length) {
    const batch: PlannedStatement[] = [];
    let chars = 0;
    while (i < statements.length && batch.length < o.batchSize && (batch.length === 0 || chars + statements[i].text.length <= MAX_BATCH_CHARS)) {
      chars += statements[i].text.length;
      batch.push(statements[i++]);
    }
    await o.beforeBatch?.(batch);
    let previousAt = 0;
    const record = (items: Array<{ command?: string; rows: number | null; at: number; fields?: string[]; sample?: Array<Array<string | null>> }>) => {
      // More results than statements sent: PostgreSQL saw a statement boundary the splitter did not.
      if (items.length > batch.length) throw new BoundaryMismatch(batch[0].index, items.length, batch.length);
      items.forEach((item, k) => {
        const r = results[batch[k].index];
        r.command = item.command;
        r.rows = item.rows;
        r.ms = Math.round((item.at - previousAt) * 100) / 100;
        previousAt = item.at;
        if (item.fields) r.fields = item.fields;
        if (item.sample) r.sample = item.sample;
      });
    };
    let probe: string | null | undefined;
    try {
      // undo: a statement's pre-SELECT is sent just before it; its result is the capture's alone.
      const sent = withPreSelects(batch, o.capture);
      const texts = sent.map((x) => x.text);
      const capture = o.capture && sent.map((x) => x.spec);
      const items = await runBatch(client, o.probeSql === undefined ? texts : [...texts, o.probeSql], o.rowLimit, o.budget, o.probeSql !== undefined, capture);
      if (o.probeSql !== undefined) probe = items.pop()?.sample?.[0]?.[0];
      record(items.filter((_, k) => !sent[k]?.pre));
    } catch (error) {
      if (error instanceof BoundaryMismatch) throw error;
      if (error instanceof BatchError) {
        const sent = withPreSelects(batch, o.capture);
        const completed = error.completed.filter((_, k) => !sent[k]?.pre);
        record(completed.slice(0, batch.length));
        throw new StatementFailure(batch[Math.min(completed.length, batch.length - 1)].index, error.cause);
      }
      throw new StatementFailure(batch[0].index, error as Error);
    }
    if (!o.onBatch(results, batch, probe) && i < statements.length) return;
  }
}

/** undo: the texts sent for a batch, each captured statement's pre-SELECT (marked `pre`) just before it. */
function withPreSelects(batch: PlannedStatement[], capture: Map<number, CaptureSpec> | undefined): Array<{ text: string; spec?: CaptureSpec; pre?: true }> {
  return batch.flatMap((s) => {
    const spec = capture?.get(s.index);
    return spec?.pre ? [{ text: spec.pre.text, spec: spec.pre.spec, pre: true as const }, { text: s.text, spec }] : [{ text: s.text, ...(spec ? { spec } : {}) }];
  });
}
