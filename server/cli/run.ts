/**
 * `safe-sql run`: the guarded run from the command line. The engine decides and executes; this
 * file reads the options and the SQL, confirms on a terminal or by the rules without one, prints
 * the outcome and maps it to the exit code.
 */
import { readFile } from 'node:fs/promises';
import { scrub } from '../engine/connect';
import { defaultAuditPath, runGuarded } from '../engine';
import { Ending, RunRequest, RunResult } from '../engine/types';
import { parseRunArgs, RUN_USAGE, RunOptions } from './runArgs';
import { Analyzer } from '../analysis/analyze';
import { loadParser } from '../analysis/parser';
import { Environment } from '../analysis/types';
import { environmentWithFlag } from '../config/runEnvironment';
import { DEFAULT_SETTINGS } from '../config/settings';
import { safeText } from '../../shared/safeText';
import { impactJson, impactLines } from './runImpact';
import { askOnTerminal, decideWithoutTerminal, statementLine } from './runPrompt';
import { formatTable } from './table';

export const EXIT_CODES: Record<Ending, number> = {
  committed: 0,
  'read-only': 0,
  usage: 1,
  connection: 1,
  audit: 1,
  refused: 2,
  declined: 3,
  expectation: 3,
  'confirm-timeout': 3,
  'confirm-impossible': 3,
  cancelled: 3,
  'link-lost': 3,
  'statement-failed': 4,
  'commit-aborted': 4,
  'commit-unknown': 5,
};

export async function runCommand(args: string[]): Promise<number> {
  const parsed = parseRunArgs(args);
  if (!parsed.ok) {
    process.stderr.write(`safe-sql run: ${scrub(parsed.error, [])}\n\n${RUN_USAGE}`);
    return 1;
  }
  const o = parsed.options;
  if (o.help) {
    process.stdout.write(RUN_USAGE);
    return 0;
  }
  const interactive = Boolean(process.stdin.isTTY && process.stdout.isTTY) && o.file !== undefined && o.file !== '-';
  let text: string;
  try {
    text = await readSql(o);
  } catch (error) {
    return fail(o, 1, scrub((error as Error).message, []));
  }
  // Analysed once: the directive decides the environment, and the engine plans from this very
  // analysis, which it uses only while its text is exactly the text it sends.
  await loadParser();
  const analysis = new Analyzer().analyze(text, { environment: 'production' });
  const environment = runEnvironment(analysis.connectionDirective, o.env);
  if (o.yes && environment === 'production' && !o.expectRows) {
    return fail(o, 2, 'refused: --yes on production needs --expect-rows as well; nothing was run');
  }

  const request: RunRequest = {
    text,
    analysed: { text, analysis },
    environment,
    connection: o.url !== undefined ? { kind: 'url', url: o.url } : { kind: 'env' },
    client: 'cli',
    auditLogPath: o.auditLog ?? defaultAuditPath(),
  };
  if (o.expectRows) request.expectRows = o.expectRows;
  if (o.statementTimeoutMs !== undefined) request.statementTimeoutMs = o.statementTimeoutMs;
  if (o.lockTimeoutMs !== undefined) request.lockTimeoutMs = o.lockTimeoutMs;
  if (o.confirmTimeoutMs !== undefined) request.confirmTimeoutMs = o.confirmTimeoutMs;
  if (o.lockedConfirmTimeoutMs !== undefined) request.lockedConfirmTimeoutMs = o.lockedConfirmTimeoutMs;
  if (o.undo) request.undo = o.undo; // undo: limits and retention

  const result = await runFromCli(o, request, interactive);
  report(o, result);
  return EXIT_CODES[result.ending];
}

/** The guarded run with the CLI's confirmation and signal handling (also used by `safe-sql undo`). */
export async function runFromCli(o: RunOptions, request: RunRequest, interactive: boolean): Promise<RunResult> {
  // Ctrl+C or a kill while the run is open cancels the statement and rolls back before exit.
  const cancel = new AbortController();
  const onSignal = () => cancel.abort();
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const talk = o.format === 'json' ? process.stderr : process.stdout;
  try {
    return await runGuarded(request, {
      signal: cancel.signal,
      confirm: async (summary, signal) => (interactive ? askOnTerminal(summary, signal, talk) : decideWithoutTerminal(summary, { ...(o.expectRows ? { expectRows: o.expectRows } : {}), yes: o.yes, production: request.environment === 'production' })),
    });
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

/**
 * --env and the file's `-- safe-sql: connection=` directive: the stricter wins, as in the editor.
 * The command line knows no connections, so a directive names an unknown one: production.
 */
function runEnvironment(directive: string | undefined, flag: Environment): Environment {
  return environmentWithFlag({ ...DEFAULT_SETTINGS, defaultEnvironment: 'production' }, undefined, directive, flag).environment;
}

async function readSql(o: RunOptions): Promise<string> {
  if (o.file === undefined || o.file === '-') {
    if (o.file === undefined && process.stdin.isTTY) throw new Error('give a FILE to run, or - to read the SQL from stdin');
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  }
  try {
    return await readFile(o.file, 'utf8');
  } catch (error) {
    throw new Error(`cannot read ${o.file}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
  }
}

function fail(o: RunOptions, code: number, reason: string): number {
  if (o.format === 'json') process.stdout.write(`${JSON.stringify({ outcome: code === 2 ? 'refused' : 'failed', statements: [], totalRows: 0, reason })}\n`);
  process.stderr.write(`safe-sql run: ${safeText(reason, { newlines: true })}\n`);
  return code;
}

export function report(o: RunOptions, r: RunResult): void {
  if (r.auditError) process.stderr.write(`safe-sql run: ${r.auditError}\n`);
  if (o.format === 'json') {
    const statements = r.statements.map((s) => ({ command: s.command ?? null, rows: s.rows }));
    const skipped = r.skipped && r.skipped.length > 0 ? { skipped: r.skipped } : {};
    process.stdout.write(`${JSON.stringify({ runId: r.runId, outcome: r.outcome, statements, totalRows: r.totalRows, reason: r.reason, ...skipped, ...impactJson(r), ...undoJson(r) })}\n`);
    return;
  }
  for (const s of r.skipped ?? []) process.stderr.write(`safe-sql run: skipped the psql command at ${s} (it changes nothing in a guarded run)\n`);
  const ran = r.statements.some((s) => s.command !== undefined);
  if (ran && r.statements.length <= 50) process.stdout.write(`${r.statements.map(statementLine).join('\n')}\n`);
  // What the reads returned, as psql shows it (bounded).
  for (const s of r.statements) {
    if (s.fields && s.sample) process.stdout.write(`\n${formatTable(s.fields, s.sample, s.rows ?? s.sample.length)}\n\n`);
  }
  const impact = impactLines(r);
  if (impact.length > 0) process.stdout.write(`${impact.join('\n')}\n`);
  const head: Record<RunResult['outcome'], string> = { committed: 'Committed', 'rolled-back': 'Rolled back', refused: 'Refused', failed: 'Failed', unknown: 'Outcome unknown' };
  const reason = safeText(r.reason, { newlines: true });
  const line = r.outcome === 'committed' ? `${reason[0].toUpperCase()}${reason.slice(1)}\n` : `${head[r.outcome]}: ${reason}\n`;
  (r.outcome === 'committed' ? process.stdout : process.stderr).write(line);
  if (r.undo && r.outcome === 'committed') process.stdout.write(`${r.undo.id && r.undo.available ? `Undo with: safe-sql undo ${r.undo.id}. ` : ''}${r.undo.reason}\n`); // undo
}

/** undo: the `"undo"` member of the JSON report. */
function undoJson(r: RunResult): { undo?: { available: boolean; partial: boolean; rows: number; path: string | null; reason: string; id: string | null } } {
  if (!r.undo) return {};
  const u = r.undo;
  return { undo: { available: u.available && u.committed === true, partial: u.partial, rows: u.rows, path: u.path ?? null, reason: u.reason, id: u.id ?? null } };
}
