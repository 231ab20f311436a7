/**
 * The audit trail: one JSON line per finished run, appended in a single write to a file only its
 * owner can read. A failure to write is returned to the caller to report, never dropped.
 */
import { constants } from 'node:fs';
import { appendFile, mkdir, open, stat } from 'node:fs/promises';
import { homedir, userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { Environment } from '../analysis/types';
import { Impact } from './impact';
import { HeldLock } from './locks';
import { Ending, Outcome, RowRange, RunClient } from './types';
import type { UndoStatus } from './undo/types';

export interface AuditRecord {
  ts: string;
  runId: string;
  client: RunClient;
  tool?: string;
  connection: string;
  /** Where the run connected; null when it never got that far. No password, ever. */
  database: { host: string; port: number; name: string; user: string } | null;
  environment: Environment;
  user: string;
  statements: Array<{ text: string; command: string | null; rows: number | null; ms: number }>;
  totalRows: number;
  /** The true impact per table; null when no write transaction got that far. */
  impact: Impact | null;
  /** SHARE ROW EXCLUSIVE or stronger locks held while the decision was awaited. */
  locks: HeldLock[];
  expectation: RowRange | null;
  /** How it ended (the exact ending) and what that means for the data (the outcome). */
  ending: Ending;
  outcome: Outcome;
  reason: string;
  durationMs: number;
  /** Sessions that waited on those locks when the decision was asked for. */
  waitingSessions?: number;
  /** psql commands that were skipped as having no effect. */
  skipped?: string[];
  /** undo: the undo file and whether COMMIT followed it (never row values). */
  undo?: UndoStatus;
  /** undo: the run this run undid. */
  undoOf?: string;
}

/** `--audit-log`, else `$SAFE_SQL_AUDIT_LOG`, else `$XDG_STATE_HOME/safe-sql/audit.jsonl` (default `~/.local/state`). */
export function defaultAuditPath(env: Record<string, string | undefined> = process.env): string {
  if (env.SAFE_SQL_AUDIT_LOG) return env.SAFE_SQL_AUDIT_LOG;
  const state = env.XDG_STATE_HOME || join(homedir(), '.local', 'state');
  return join(state, 'safe-sql', 'audit.jsonl');
}

export function osUser(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? 'unknown';
  }
}

/** Creates the file (mode 0600) when missing and checks it can be appended to. Throws a one-line reason. */
export async function prepareAuditLog(path: string): Promise<void> {
  // An empty path would mean "no trail": the audit cannot be switched off that way.
  if (path.trim() === '') throw new Error('the audit log path is empty');
  try {
    await makeDirs(dirname(path));
    const handle = await open(path, constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT, 0o600);
    await handle.close();
  } catch (error) {
    throw new Error(`cannot write the audit log ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

/** mkdir -p, one level at a time: Node's recursive mkdir can spin forever on some paths (e.g. under /proc). */
async function makeDirs(dir: string): Promise<void> {
  try {
    await stat(dir);
    return;
  } catch {
    /* missing: create it below */
  }
  const parent = dirname(dir);
  if (parent !== dir) await makeDirs(parent);
  await mkdir(dir, { mode: 0o700 }).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'EEXIST') throw error;
  });
}

export async function appendAudit(path: string, record: AuditRecord): Promise<void> {
  try {
    await makeDirs(dirname(path));
    // One write of the whole line, so concurrent runs never interleave inside a record.
    await appendFile(path, `${JSON.stringify(record)}\n`, { mode: 0o600, flag: 'a' });
  } catch (error) {
    throw new Error(`cannot write the audit log ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}
