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
    // undo: an undo's statements carry row values; only their first line (no values) is kept.
    statements: result.statements.map((s) => ({ text: req.undoOf ? s.text.split('\n', 1)[0] : s.text, command: s.command ?? null, rows: s.rows, ms: s.ms })),
    totalRows: result.totalRows,
    impact: result.impact ?? null,
    locks: result.locks ?? [],
    expectation: req.expectRows ?? null,
    ending: result.ending,
    outcome: result.outcome,
    reason: result.reason,
    durationMs: result.durationMs,
  };
  if (result.waitingSessions !== undefined) record.waitingSessions = result.waitingSessions;
  if (result.skipped && result.skipped.length > 0) record.skipped = result.skipped;
  if (result.undo) record.undo = result.undo;
  if (req.undoOf) record.undoOf = req.undoOf;
  return record;
}
