/**
 * `safe-sql undo RUN_ID|--last`: takes a committed run back. The inverse is built from the run's
 * undo file, checked for rows changed since (listed by key, exit 3), and then run as a guarded run
 * of its own: its own counts, its own confirmation, its own audit record linking the original.
 */
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { defaultAuditPath } from '../engine';
import { ConnectionTarget, resolveConnection, scrub } from '../engine/connect';
import { AuditRecord } from '../engine/audit';
import { findConflicts, UndoRefused } from '../engine/undo/conflicts';
import { readUndoFile, undoPath, UndoFile } from '../engine/undo/file';
import { buildInverse } from '../engine/undo/inverse';
import { RunRequest } from '../engine/types';
import { EXIT_CODES, report, runFromCli } from './run';
import { parseRunArgs, RUN_USAGE, RunOptions } from './runArgs';

export const UNDO_USAGE = `Usage: safe-sql undo RUN_ID|--last [--url URL] [--env production|staging|development]
                    [--expect-rows N|MIN..MAX] [--yes] [--audit-log PATH] [--format text|json]

Takes back a committed run: deleted rows are inserted again, updated rows set back, inserted rows
deleted, each found by its key. A row changed since the run is a conflict: the conflicts are listed
and nothing is changed (exit 3). --last is the last committed run with undo on this connection.
The undo is a guarded run: the options and exit codes are those of 'safe-sql run'.
${RUN_USAGE.slice(RUN_USAGE.indexOf('Exit codes'))}`;

export async function undoCommand(args: string[]): Promise<number> {
  const last = args.includes('--last');
  const parsed = parseRunArgs(args.filter((a) => a !== '--last'));
  if (!parsed.ok) return usage(parsed.error);
  const o = parsed.options;
  if (o.help) {
    process.stdout.write(UNDO_USAGE);
    return 0;
  }
  if (last === (o.file !== undefined)) return usage('give either a RUN_ID or --last');
  if (o.yes && o.env === 'production' && !o.expectRows) return fail(o, 2, 'refused: --yes on production needs --expect-rows as well; nothing was run');
  const target: ConnectionTarget = o.url !== undefined ? { kind: 'url', url: o.url } : { kind: 'env' };
  const resolved = resolveConnection(target);
  if (!resolved.ok) return fail(o, 1, resolved.reason);
  const auditLog = o.auditLog ?? defaultAuditPath();

  let found: { id: string; file: UndoFile };
  try {
    const records = await readAudit(auditLog);
    const id = last ? lastUndoable(records, resolved.value.label) : o.file;
    if (!id) return fail(o, 2, `no committed run with undo on ${resolved.value.label} in ${auditLog}; nothing was run`);
    const record = records.filter((r) => r.undo?.id === id).pop();
    if (records.some((r) => r.undoOf === id && r.outcome === 'committed')) return fail(o, 2, `run ${id} was already undone; nothing was run`);
    const path = record?.undo?.path ?? undoPath(join(dirname(auditLog), 'undo'), id);
    const file = await readUndoFile(path).catch(() => undefined);
    if (!file) return fail(o, 2, `run ${id} has no undo file; nothing was run`);
    // The file is written before COMMIT: without the mark that COMMIT followed, the run may never have committed.
    if (!file.committed || (record && record.outcome !== 'committed')) return fail(o, 2, `run ${id} did not commit (its undo file was written, COMMIT was not recorded); nothing to undo`);
    found = { id, file };
  } catch (error) {
    return fail(o, 1, scrub((error as Error).message, resolved.value.secrets));
  }

  const parts = buildInverse(found.file);
  if (parts.length === 0) return fail(o, 0, `run ${found.id} changed no rows that can be undone; nothing was run`);
  let conflicts: string[];
  try {
    conflicts = await findConflicts(target, parts, found.file.header.tables);
  } catch (error) {
    return fail(o, error instanceof UndoRefused ? 2 : 1, scrub((error as Error).message, resolved.value.secrets));
  }
  if (found.file.header.partial) process.stderr.write(`safe-sql undo: this undo is partial: ${found.file.header.reason}\n`);
  if (conflicts.length > 0) {
    const list = conflicts.slice(0, 50).map((c) => `  ${c}`).join('\n');
    return fail(o, 3, `${conflicts.length} row${conflicts.length === 1 ? '' : 's'} changed since run ${found.id}; nothing was undone:\n${list}${conflicts.length > 50 ? '\n  …' : ''}`);
  }
  const request: RunRequest = {
    text: parts.map((p) => p.sql).join('\n'),
    environment: o.env,
    connection: target,
    client: 'cli',
    auditLogPath: auditLog,
    undoOf: found.id,
    // The inverse is not captured again: its statements carry the rows themselves.
    undo: { enabled: false },
  };
  if (o.expectRows) request.expectRows = o.expectRows;
  if (o.statementTimeoutMs !== undefined) request.statementTimeoutMs = o.statementTimeoutMs;
  if (o.lockTimeoutMs !== undefined) request.lockTimeoutMs = o.lockTimeoutMs;
  if (o.confirmTimeoutMs !== undefined) request.confirmTimeoutMs = o.confirmTimeoutMs;
  const interactive = Boolean(process.stdin.isTTY && process.stdout.isTTY);
  const result = await runFromCli(o, request, interactive);
  report(o, result);
  return EXIT_CODES[result.ending];
}

async function readAudit(path: string): Promise<AuditRecord[]> {
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

/** The last committed run on this connection whose undo is available and not yet used. */
function lastUndoable(records: AuditRecord[], connection: string): string | undefined {
  const undone = new Set(records.filter((r) => r.undoOf && r.outcome === 'committed').map((r) => r.undoOf));
  for (let i = records.length - 1; i >= 0; i--) {
    const r = records[i];
    if (r.connection === connection && r.outcome === 'committed' && r.undo?.available && r.undo.committed && r.undo.id && !undone.has(r.undo.id)) return r.undo.id;
  }
  return undefined;
}

function usage(error: string): number {
  process.stderr.write(`safe-sql undo: ${scrub(error, [])}\n\n${UNDO_USAGE}`);
  return 1;
}

function fail(o: RunOptions, code: number, reason: string): number {
  if (o.format === 'json') process.stdout.write(`${JSON.stringify({ outcome: code === 0 ? 'committed' : code === 2 ? 'refused' : code === 3 ? 'rolled-back' : 'failed', statements: [], totalRows: 0, reason })}\n`);
  (code === 0 ? process.stdout : process.stderr).write(`safe-sql undo: ${reason}\n`);
  return code;
}
