/**
 * What a finished run leaves in the audit trail. Built from the result the caller gets, so the
 * record and the report can never disagree. Never holds a password: the database is named by host,
 * port, name and user only, and statement texts are already redacted.
 */
import { AuditRecord, osUser } from './audit';
import { ResolvedConnection } from './connect';
import { RunRequest, RunResult } from './types';

export interface DatabaseIdentity {
  host: string;
  port: number;
  name: string;
  user: string;
}

export function databaseIdentity(conn: ResolvedConnection): DatabaseIdentity {
  const c = conn.config;
  return { host: String(c.host ?? ''), port: Number(c.port ?? 0), name: String(c.database ?? ''), user: String(c.user ?? '') };
}

/** Fields another part of the engine may add to the result; copied when present. */
interface Optional {
  impact?: unknown;
  locks?: unknown;
  waitingSessions?: unknown;
}

export function auditRecord(req: RunRequest, result: RunResult, database: DatabaseIdentity | undefined): AuditRecord {
  const record: AuditRecord = {
    ts: new Date().toISOString(),
    runId: result.runId,
    client: req.client,
    ...(req.tool ? { tool: req.tool } : {}),
    connection: result.connectionLabel,
    database: database ?? null,
    environment: req.environment,
    user: osUser(),
    statements: result.statements.map((s) => ({ text: s.text, command: s.command ?? null, rows: s.rows, ms: s.ms })),
    totalRows: result.totalRows,
    expectation: req.expectRows ?? null,
    ending: result.ending,
    outcome: result.outcome,
    reason: result.reason,
    durationMs: result.durationMs,
  };
  const extra = result as RunResult & Optional;
  if (extra.impact !== undefined) record.impact = extra.impact;
  if (extra.locks !== undefined) record.locks = extra.locks;
  if (extra.waitingSessions !== undefined) record.waitingSessions = extra.waitingSessions;
  if (result.skipped && result.skipped.length > 0) record.skipped = result.skipped;
  return record;
}
