/**
 * `safe-sql undo RUN_ID|--last`: takes a committed run back. The inverse is built from the run's
 * undo file, checked for rows changed since (listed by key, exit 3), and then run as a guarded run
 * of its own: its own counts, its own confirmation, its own audit record linking the original.
 */
import { defaultAuditPath } from '../engine';
import { ConnectionTarget, scrub } from '../engine/connect';
import { prepareUndo, UndoRequestBase } from '../engine/undo/prepare';
import { EXIT_CODES, report, runFromCli } from './run';
import { parseRunArgs, RUN_USAGE, RunOptions } from './runArgs';

export const UNDO_USAGE = `Usage: safe-sql undo RUN_ID|--last [--url URL] [--env production|staging|development]
                    [--expect-rows N|MIN..MAX] [--yes] [--audit-log PATH] [--format text|json]

Takes back a committed run: deleted rows are inserted again, updated rows set back, inserted rows
deleted, each found by its key. A row changed since the run is a conflict: the conflicts are listed
and nothing is changed (exit 3). --last is the last committed run with undo on this connection.
The undo is a guarded run: the options and exit codes are those of 'safe-sql run'
(but for --undo-*: an undo keeps no undo of its own).
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
  // An undo keeps no undo of its own: its statements carry the rows themselves.
  if (o.undo) return usage('the --undo-* options belong to safe-sql run; an undo keeps no undo of its own');
  if (o.yes && o.env === 'production' && !o.expectRows) return fail(o, 2, 'refused: --yes on production needs --expect-rows as well; nothing was run');
  const target: ConnectionTarget = o.url !== undefined ? { kind: 'url', url: o.url } : { kind: 'env' };
  const base: UndoRequestBase = { environment: o.env, client: 'cli' };
  if (o.expectRows) base.expectRows = o.expectRows;
  if (o.statementTimeoutMs !== undefined) base.statementTimeoutMs = o.statementTimeoutMs;
  if (o.lockTimeoutMs !== undefined) base.lockTimeoutMs = o.lockTimeoutMs;
  if (o.confirmTimeoutMs !== undefined) base.confirmTimeoutMs = o.confirmTimeoutMs;
  if (o.lockedConfirmTimeoutMs !== undefined) base.lockedConfirmTimeoutMs = o.lockedConfirmTimeoutMs;
  const prepared = await prepareUndo({ target, auditLog: o.auditLog ?? defaultAuditPath(), run: last ? { last: true } : { id: o.file as string }, base });
  if ((prepared.ok || prepared.kind === 'conflicts') && prepared.partial !== undefined) process.stderr.write(`safe-sql undo: this undo is partial: ${prepared.partial}\n`);
  if (!prepared.ok) return fail(o, EXIT_BY_KIND[prepared.kind], prepared.reason);
  const interactive = Boolean(process.stdin.isTTY && process.stdout.isTTY);
  const result = await runFromCli(o, prepared.request, interactive);
  report(o, result);
  return EXIT_CODES[result.ending];
}

const EXIT_BY_KIND = { refused: 2, failed: 1, nothing: 0, conflicts: 3 } as const;

function usage(error: string): number {
  process.stderr.write(`safe-sql undo: ${scrub(error, [])}\n\n${UNDO_USAGE}`);
  return 1;
}

function fail(o: RunOptions, code: number, reason: string): number {
  if (o.format === 'json') process.stdout.write(`${JSON.stringify({ outcome: code === 0 ? 'committed' : code === 2 ? 'refused' : code === 3 ? 'rolled-back' : 'failed', statements: [], totalRows: 0, reason })}\n`);
  (code === 0 ? process.stdout : process.stderr).write(`safe-sql undo: ${reason}\n`);
  return code;
}
