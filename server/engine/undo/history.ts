/**
 * The runs that can still be undone, read from the audit log: committed, with an undo file whose
 * COMMIT was recorded, on the given connection, and not undone yet. What is listed comes from the
 * audit record alone (time, user, counts, the first line of the first statement), never row values.
 */
import type { UndoableRunView } from '../../../shared/protocol';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { AuditRecord } from '../audit';

/** As the editor lists it ({@link UndoableRunView}), with what finds the original run. */
export interface UndoableRun extends UndoableRunView {
  /** The original run's id in the audit log. */
  runId: string;
  connection: string;
  environment: string;
}

export const FIRST_LINE_MAX = 120;
/** Runs listed at most, newest first. */
export const LISTED_RUNS = 50;

/** The audit log's records; a missing log has none. Throws a one-line reason when it cannot be read. */
export async function readAudit(path: string): Promise<AuditRecord[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new Error(`cannot read the audit log ${path}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  const out: AuditRecord[] = [];
  for (const line of text.split('\n')) {
    try {
      if (line.trim()) out.push(JSON.parse(line) as AuditRecord);
    } catch {
      /* a torn last line of a crashed writer: skipped */
    }
  }
  return out;
}

/** Undo ids whose undo committed. */
export function undoneIds(records: AuditRecord[]): Set<string> {
  return new Set(records.filter((r) => r.undoOf && r.outcome === 'committed').map((r) => r.undoOf as string));
}

function undoable(r: AuditRecord, connection: string, undone: Set<string>): boolean {
  return r.connection === connection && r.outcome === 'committed' && r.undo?.available === true && r.undo.committed === true && Boolean(r.undo.id) && !undone.has(r.undo.id as string);
}

/** The last committed run on this connection whose undo is available and not yet used (`--last`). */
export function lastUndoable(records: AuditRecord[], connection: string): string | undefined {
  const undone = undoneIds(records);
  for (let i = records.length - 1; i >= 0; i--) if (undoable(records[i], connection, undone)) return records[i].undo?.id;
  return undefined;
}

/** Recent runs on `connection` that can be undone, newest first; runs whose undo file retention removed are left out. */
export async function listUndoableRuns(auditLog: string, connection: string, max = LISTED_RUNS): Promise<UndoableRun[]> {
  const records = await readAudit(auditLog);
  const undone = undoneIds(records);
  const out: UndoableRun[] = [];
  for (let i = records.length - 1; i >= 0 && out.length < max; i--) {
    const r = records[i];
    if (!undoable(r, connection, undone) || !r.undo) continue;
    if (r.undo.path && !existsSync(r.undo.path)) continue;
    out.push({
      id: r.undo.id as string,
      runId: r.runId,
      ts: r.ts,
      user: r.user,
      connection: r.connection,
      environment: r.environment,
      firstStatement: firstStatementLine(r),
      statements: r.statements.length,
      totalRows: r.totalRows,
      undoRows: r.undo.rows,
      partial: r.undo.partial,
      reason: r.undo.reason,
    });
  }
  return out;
}

/** The first line of SQL of the run's first statement (comments and blank lines skipped), bounded. */
export function firstStatementLine(r: Pick<AuditRecord, 'statements'>): string {
  const lines = (r.statements[0]?.text ?? '').split(/\r?\n/).map((l) => l.trim());
  const line = lines.find((l) => l !== '' && !l.startsWith('--')) ?? lines.find((l) => l !== '') ?? '';
  return line.length > FIRST_LINE_MAX ? `${line.slice(0, FIRST_LINE_MAX - 1)}…` : line;
}
