/**
 * Everything an undo needs before it runs, for the CLI and the editor alike: the run (by id, or the
 * last undoable one on the connection), checks that it committed and was not undone already, its
 * inverse, the rows changed since (conflicts), and the guarded request that runs the inverse.
 * Nothing here changes the database: conflicts are found in a transaction that rolls back.
 */
import { dirname, join } from 'node:path';
import { ConnectionTarget, resolveConnection, scrub } from '../connect';
import { RunRequest } from '../types';
import { findConflicts, UndoRefused } from './conflicts';
import { readUndoFile, undoPath, UndoFile } from './file';
import { lastUndoable, readAudit, undoneIds } from './history';
import { buildInverse } from './inverse';

/** What the caller adds to the request: who asks, the environment, timeouts, expectations. */
export type UndoRequestBase = Omit<RunRequest, 'text' | 'connection' | 'auditLogPath' | 'undoOf' | 'undo'>;

export interface UndoInput {
  target: ConnectionTarget;
  auditLog: string;
  /** A run's undo id, or the last committed run with undo on this connection. */
  run: { id: string } | { last: true };
  base: UndoRequestBase;
  /** Refuse a run recorded on another connection (the editor lists only this connection's runs). */
  sameConnection?: boolean;
}

/**
 * `refused`: nothing to take back as asked (exit 2); `failed`: the log, the file or the database
 * could not be read (exit 1); `nothing`: the run changed no row that can be undone (exit 0);
 * `conflicts`: rows changed since the run, listed by key (exit 3).
 */
export type PreparedUndo =
  | { ok: true; id: string; request: RunRequest; rows: number; partial?: string }
  | { ok: false; kind: 'refused' | 'failed' | 'nothing' | 'conflicts'; reason: string; conflicts?: string[]; partial?: string };

/** Conflicts named in the reason; the rest are counted. */
const LISTED_CONFLICTS = 50;

export async function prepareUndo(input: UndoInput): Promise<PreparedUndo> {
  const resolved = resolveConnection(input.target);
  if (!resolved.ok) return { ok: false, kind: 'failed', reason: resolved.reason };
  const { label, secrets } = resolved.value;
  const { auditLog } = input;

  let found: { id: string; file: UndoFile };
  try {
    const records = await readAudit(auditLog);
    const id = 'id' in input.run ? input.run.id : lastUndoable(records, label);
    if (!id) return { ok: false, kind: 'refused', reason: `no committed run with undo on ${label} in ${auditLog}; nothing was run` };
    const record = records.filter((r) => r.undo?.id === id).pop();
    if (undoneIds(records).has(id)) return { ok: false, kind: 'refused', reason: `run ${id} was already undone; nothing was run` };
    const path = record?.undo?.path ?? undoPath(join(dirname(auditLog), 'undo'), id);
    const file = await readUndoFile(path).catch(() => undefined);
    if (!file) return { ok: false, kind: 'refused', reason: `run ${id} has no undo file; nothing was run` };
    // The file is written before COMMIT: without the mark that COMMIT followed, the run may never have committed.
    if (!file.committed || (record && record.outcome !== 'committed')) return { ok: false, kind: 'refused', reason: `run ${id} did not commit (its undo file was written, COMMIT was not recorded); nothing to undo` };
    const ranOn = record?.connection ?? file.header.connection;
    if (input.sameConnection && ranOn !== label) return { ok: false, kind: 'refused', reason: `run ${id} ran on ${ranOn}, not on ${label}; nothing was run` };
    found = { id, file };
  } catch (error) {
    return { ok: false, kind: 'failed', reason: scrub((error as Error).message, secrets) };
  }

  const parts = buildInverse(found.file);
  if (parts.length === 0) return { ok: false, kind: 'nothing', reason: `run ${found.id} changed no rows that can be undone; nothing was run` };
  const partial = found.file.header.partial ? found.file.header.reason : undefined;
  const withPartial = partial === undefined ? {} : { partial };
  let conflicts: string[];
  try {
    conflicts = await findConflicts(input.target, parts, found.file.header.tables);
  } catch (error) {
    return { ok: false, kind: error instanceof UndoRefused ? 'refused' : 'failed', reason: scrub((error as Error).message, secrets), ...withPartial };
  }
  if (conflicts.length > 0) {
    const list = conflicts.slice(0, LISTED_CONFLICTS).map((c) => `  ${c}`).join('\n');
    const more = conflicts.length > LISTED_CONFLICTS ? '\n  …' : '';
    const reason = `${conflicts.length} row${conflicts.length === 1 ? '' : 's'} changed since run ${found.id}; nothing was undone:\n${list}${more}`;
    return { ok: false, kind: 'conflicts', reason, conflicts, ...withPartial };
  }
  const request: RunRequest = {
    ...input.base,
    text: parts.map((p) => p.sql).join('\n'),
    connection: input.target,
    auditLogPath: auditLog,
    undoOf: found.id,
    // The inverse is not captured again: its statements carry the rows themselves.
    undo: { enabled: false },
  };
  return { ok: true, id: found.id, request, rows: parts.reduce((n, p) => n + p.rows, 0), ...withPartial };
}
