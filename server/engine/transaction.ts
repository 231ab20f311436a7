/**
 * The transaction itself: BEGIN with the run's timeouts, the statements in batches with a result
 * for each, and the end (COMMIT or ROLLBACK). The caller owns the client and releases it.
 */
import { Client } from 'pg';
import { BatchError, runBatch } from './batch';
import { PlannedStatement } from './plan';
import type { CaptureSpec } from './undo/capture';
import { StatementResult } from './types';

export interface TransactionSettings {
  readOnly: boolean;
  statementTimeoutMs?: number;
  lockTimeoutMs?: number;
  /** The dead-man switch: the server ends a session idle inside the transaction this long. */
  idleTimeoutMs: number;
}

export async function begin(client: Client, s: TransactionSettings): Promise<void> {
  const sql = [`BEGIN${s.readOnly ? ' READ ONLY' : ''}`];
  if (s.statementTimeoutMs !== undefined) sql.push(`SET LOCAL statement_timeout = ${Math.round(s.statementTimeoutMs)}`);
  if (s.lockTimeoutMs !== undefined) sql.push(`SET LOCAL lock_timeout = ${Math.round(s.lockTimeoutMs)}`);
  sql.push(`SET LOCAL idle_in_transaction_session_timeout = ${Math.round(s.idleTimeoutMs)}`);
  await client.query(sql.join('; '));
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
  /** Called after each batch; returning false stops before the next one. */
  onBatch(results: StatementResult[]): boolean;
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
    let previousAt = 0;
    const record = (items: Array<{ command?: string; rows: number | null; at: number; fields?: string[]; sample?: Array<Array<string | null>> }>) => {
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
    try {
      record(await runBatch(client, batch.map((s) => s.text), o.rowLimit, o.capture && batch.map((s) => o.capture?.get(s.index))));
    } catch (error) {
      if (error instanceof BatchError) {
        record(error.completed);
        throw new StatementFailure(batch[Math.min(error.completed.length, batch.length - 1)].index, error.cause);
      }
      throw new StatementFailure(batch[0].index, error as Error);
    }
    if (!o.onBatch(results) && i < statements.length) return;
  }
}
