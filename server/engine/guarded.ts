/**
 * `runGuarded`: re-analyse, connect, run in one transaction, show the real counts, and commit only
 * on a confirmed decision. ROLLBACK runs on every other path and the client is always released.
 */
import { appendAudit, prepareAuditLog } from './audit';
import { auditRecord, DatabaseIdentity, databaseIdentity } from './auditRecord';
import { cancelBackend } from './cancel';
import { commitStatus, isServerAnswer } from './commitOutcome';
import { describeConnectError, openClient, ResolvedConnection, resolveConnection, scrub } from './connect';
import { confirmWithin, typedRequirement, typedMatches } from './confirm';
import { checkExpectations } from './expectations';
import { Plan, PlannedStatement, planRun } from './plan';
import { begin, executeStatements, setSessionTimeouts, StatementFailure } from './transaction';
import { Impact } from './impact';
import { DEFAULT_LOCKED_CONFIRM_TIMEOUT_MS, HeldLock } from './locks';
import { PlanRefusal } from './planCheck';
import { BATCH_PROBE, batchDone, beforeCommit, beforeDecision, BeforeDecision, beginWatched, refuseEveryRow, runImpact, shortenIdleTimeout, Watch } from './runWatch';
import { Ending, Outcome, RunHooks, RunRequest, RunResult, StatementResult } from './types';
import { Client } from 'pg';
import { formatCount, plural } from '../../shared/labels';
import { redactSecrets } from '../analysis/redact';
import { describeInternalError, isInternalError, plainMessage } from './internalError';
import { RowBudget } from './rowBudget';
import { newRunId } from './runId';
import { runEnvironment } from './environment';
import { Capture } from './undo/capture'; // undo
import { startUndo, undoTyped } from './undo/hook'; // undo

const OUTCOMES: Record<Ending, Outcome> = {
  committed: 'committed',
  // The outcome word stays 'committed' (exit 0, the JSON contract); the reason says it ended with ROLLBACK.
  'read-only': 'committed',
  usage: 'failed',
  connection: 'failed',
  audit: 'failed',
  refused: 'refused',
  declined: 'rolled-back',
  expectation: 'rolled-back',
  'confirm-timeout': 'rolled-back',
  'confirm-impossible': 'rolled-back',
  cancelled: 'rolled-back',
  'link-lost': 'rolled-back',
  'statement-failed': 'failed',
  'commit-aborted': 'failed',
  'commit-unknown': 'unknown',
};

export const DEFAULT_CONFIRM_TIMEOUT_MS = 120_000;
/** The server's dead-man switch fires this long after the engine's own confirm timeout would have. */
export const IDLE_MARGIN_MS = 5_000;

interface State {
  runId: string;
  label: string;
  database?: DatabaseIdentity;
  skipped?: string[];
  statements: StatementResult[];
  readOnly: boolean;
  failedStatement?: number;
  secrets: string[];
  impact?: Impact;
  batches?: RunResult['batches'];
  locks?: HeldLock[];
  waitingSessions?: number;
  capture?: Capture; // undo
}

export async function runGuarded(request: RunRequest, hooks: RunHooks): Promise<RunResult> {
  const started = performance.now();
  const req: RunRequest = { ...request, environment: runEnvironment(request) };
  const state: State = { runId: req.runId ?? newRunId(), label: fallbackLabel(req), statements: [], readOnly: false, secrets: [] };
  if (req.auditLogPath !== null) {
    try {
      await prepareAuditLog(req.auditLogPath);
    } catch (error) {
      // Without a trail nothing runs: the run would leave no record.
      return finish(state, 'audit', `${(error as Error).message}; nothing was run`, started);
    }
  }
  let ending: Ending;
  let reason: string;
  try {
    [ending, reason] = await guarded(req, hooks, state);
  } catch (error) {
    // A defect of this program, not of the SQL: the connection is closed without COMMIT (so the
    // server rolls back), and the message says so in plain words, never a JavaScript error's text.
    ending = 'statement-failed';
    reason = describeInternalError(error);
  }
  const result = finish(state, ending, scrub(reason, state.secrets), started);
  if (req.auditLogPath !== null) {
    try {
      await appendAudit(req.auditLogPath, auditRecord(req, result, state.database));
    } catch (error) {
      result.auditError = (error as Error).message;
    }
  }
  return result;
}

function finish(state: State, ending: Ending, reason: string, started: number): RunResult {
  const result: RunResult = {
    runId: state.runId,
    outcome: OUTCOMES[ending],
    ending,
    reason,
    statements: state.statements,
    totalRows: totalRows(state.statements, state.readOnly),
    durationMs: Math.round(performance.now() - started),
    connectionLabel: state.label,
    readOnly: state.readOnly,
  };
  if (state.impact) {
    result.impact = state.impact;
    result.totalRows = state.impact.total;
  }
  if (state.batches) result.batches = state.batches;
  if (state.locks) result.locks = state.locks;
  if (state.waitingSessions !== undefined) result.waitingSessions = state.waitingSessions;
  if (state.failedStatement !== undefined) result.failedStatement = state.failedStatement;
  if (state.skipped && state.skipped.length > 0) result.skipped = state.skipped;
  if (state.capture?.checked) result.undo = state.capture.status; // undo
  return result;
}

/** Rows that count: those written; in a read-only run, those returned. */
export function totalRows(statements: StatementResult[], readOnly: boolean): number {
  let n = 0;
  for (const s of statements) if (readOnly || !READ_COMMANDS.has(s.command ?? '')) n += s.rows ?? 0;
  return n;
}
const READ_COMMANDS = new Set(['SELECT', 'SHOW', 'EXPLAIN', 'FETCH']);

function fallbackLabel(req: RunRequest): string {
  const c = req.connection;
  if (c.kind === 'profile') return c.profile.name;
  return c.name ?? (c.kind === 'url' ? 'url' : 'PG* environment');
}

async function guarded(req: RunRequest, hooks: RunHooks, state: State): Promise<[Ending, string]> {
  // A read-only profile is read-only whatever the caller passed: every write is refused before connecting.
  const readOnly = req.readOnly === true || (req.connection.kind === 'profile' && req.connection.profile.readOnly === true);
  // Password literals of the whole text are scrubbed from every message, even a refusal's.
  state.secrets.push(...redactSecrets(req.text).secrets);
  const plan = await planRun(req.text, req.environment, readOnly, req.analyzer, req.analysed);
  if (!plan.ok) return [plan.empty ? 'usage' : 'refused', plan.reason];
  state.readOnly = plan.readOnly;
  if (plan.skippedMeta.length > 0) state.skipped = plan.skippedMeta;
  // The one place statement texts enter the results: from here on every output shows them redacted.
  state.statements = plan.statements.map((s) => {
    const r: StatementResult = { index: s.index, line: s.line, text: redactSecrets(s.text).text, rows: null, ms: 0 };
    if (s.expectRows) r.expectRows = s.expectRows;
    return r;
  });
  const password = req.connection.kind === 'profile' && hooks.password ? await hooks.password() : undefined;
  if (hooks.signal?.aborted) return ['cancelled', 'cancelled before anything ran'];
  const resolved = resolveConnection(password === undefined || req.connection.kind !== 'profile' ? req.connection : { ...req.connection, password });
  if (!resolved.ok) return ['connection', resolved.reason];
  const conn = resolved.value;
  state.label = conn.label;
  state.database = databaseIdentity(conn);
  state.secrets.push(...conn.secrets);
  if (hooks.signal?.aborted) return ['cancelled', 'cancelled before anything ran'];

  let linkLost: Error | undefined;
  let onLost: (e: Error) => void = () => undefined;
  const lost = new Promise<Error>((resolve) => {
    onLost = resolve;
  });
  let client: Client;
  try {
    client = await openClient(conn, (e) => {
      linkLost ??= e;
      onLost(e);
    });
  } catch (error) {
    return ['connection', describeConnectError(error, conn)];
  }
  try {
    const ctx: Ctx = { req, hooks, state, conn, client, plan, lost, isLost: () => linkLost !== undefined };
    return plan.nonTransactional ? await runAlone(ctx) : await runInTransaction(ctx);
  } finally {
    await client.end().catch(() => undefined);
  }
}

interface Ctx {
  req: RunRequest;
  hooks: RunHooks;
  state: State;
  conn: ResolvedConnection;
  client: Client;
  plan: Extract<Plan, { ok: true }>;
  lost: Promise<Error>;
  isLost(): boolean;
}

function timeouts(req: RunRequest): { statementTimeoutMs?: number; lockTimeoutMs?: number } {
  const prod = req.environment === 'production';
  const statementTimeoutMs = req.statementTimeoutMs ?? (prod ? 30_000 : undefined);
  const lockTimeoutMs = req.lockTimeoutMs ?? (prod ? 5_000 : undefined);
  return { ...(statementTimeoutMs === undefined ? {} : { statementTimeoutMs }), ...(lockTimeoutMs === undefined ? {} : { lockTimeoutMs }) };
}

async function runInTransaction(ctx: Ctx): Promise<[Ending, string]> {
  const { req, hooks, state, client, plan } = ctx;
  const confirmTimeoutMs = req.confirmTimeoutMs ?? DEFAULT_CONFIRM_TIMEOUT_MS;
  const rollback = async () => {
    if (!ctx.isLost()) await client.query('ROLLBACK').catch(() => undefined);
  };
  const pid = (client as unknown as { processID?: number }).processID;
  let cancelling: Promise<unknown> | undefined;
  const onAbort = () => {
    if (pid !== null && pid !== undefined) cancelling ??= cancelBackend(ctx.conn, pid).catch(() => false);
  };
  hooks.signal?.addEventListener('abort', onAbort);
  let watch: Watch | undefined;
  try {
    const settings = { readOnly: plan.readOnly, ...timeouts(req), idleTimeoutMs: confirmTimeoutMs + IDLE_MARGIN_MS };
    // A read-only run ends in ROLLBACK and is never confirmed: it needs no impact and no settings check.
    if (plan.readOnly) await begin(client, settings);
    else watch = await beginWatched(client, settings, plan.statements);
    const w = watch;
    state.capture = await startUndo(req, client, plan); // undo
    await executeStatements(client, state.capture?.statements ?? plan.statements, state.statements, {
      ...(state.capture ? { capture: state.capture.specs } : {}), // undo
      rowLimit: req.rowLimit ?? 500,
      batchSize: req.batchSize ?? 250,
      budget: new RowBudget(),
      ...(w ? { probeSql: BATCH_PROBE } : {}),
      ...(w && req.environment === 'production' ? { beforeBatch: (batch: PlannedStatement[]) => refuseEveryRow(client, w, batch) } : {}),
      onBatch: (results, batch, probe) => {
        if (w) batchDone(w, results, batch, probe);
        const done = results.filter((r) => r.command !== undefined).length;
        hooks.onProgress?.({ statementsDone: done, statementsTotal: results.length, rows: totalRows(results, plan.readOnly) });
        return !hooks.signal?.aborted;
      },
    });
  } catch (error) {
    await cancelling;
    await rollback();
    if (hooks.signal?.aborted) return ['cancelled', 'cancelled while running; everything was rolled back'];
    if (error instanceof PlanRefusal) return ['refused', error.message];
    if (error instanceof StatementFailure) {
      state.failedStatement = error.index;
      const s = state.statements[error.index];
      const why = ctx.isLost() ? `the connection was lost (${plainMessage(error.cause)})` : plainMessage(error.cause);
      return ['statement-failed', `statement ${error.index + 1} (line ${s.line}) failed: ${why}; everything was rolled back, nothing was committed`];
    }
    if (isInternalError(error)) return ['statement-failed', describeInternalError(error)];
    return ['statement-failed', `the run could not go on: ${plainMessage(error)}; everything was rolled back, nothing was committed`];
  } finally {
    hooks.signal?.removeEventListener('abort', onAbort);
  }
  if (hooks.signal?.aborted) {
    await rollback();
    return ['cancelled', 'cancelled; everything was rolled back'];
  }

  if (plan.readOnly || !watch) {
    const total = totalRows(state.statements, true);
    const missed = checkExpectations(state.statements, total, req.expectRows);
    // Nothing of a read-only run is kept, and nothing fires at commit (pg_notify): it always rolls back.
    await rollback();
    if (missed) return ['expectation', `${missed}; rolled back`];
    return ['read-only', `read-only: ${plural(state.statements.length, 'statement')} ran, ${plural(total, 'row')} returned; ended with ROLLBACK`];
  }

  // The run's total is its true impact: cascades, triggers and functions included.
  const impact = runImpact(watch, state.statements, plan.statements);
  state.impact = impact;
  state.batches = watch.batches;
  const total = impact.total;
  const missed = checkExpectations(state.statements, total, req.expectRows);
  if (missed) {
    await rollback();
    return ['expectation', `${missed}; rolled back`];
  }
  let before: BeforeDecision;
  try {
    before = await beforeDecision(client, watch);
  } catch (error) {
    await rollback();
    return ['statement-failed', `the locks and guard settings could not be read (${(error as Error).message}); everything was rolled back`];
  }
  state.locks = before.locks;
  state.waitingSessions = before.waitingSessions;
  if (before.changed.length > 0) {
    await rollback();
    return ['refused', `the run changed the guard's own settings (${before.changed.join('; ')}); everything was rolled back`];
  }
  let timeoutMs = confirmTimeoutMs;
  if (before.locks.length > 0) {
    timeoutMs = Math.min(confirmTimeoutMs, req.lockedConfirmTimeoutMs ?? DEFAULT_LOCKED_CONFIRM_TIMEOUT_MS);
    await shortenIdleTimeout(client, watch, timeoutMs + IDLE_MARGIN_MS).catch(() => undefined);
  }

  // undo: the capture must agree with each statement's count; the confirmation says what undo covers.
  const undoProblem = state.capture?.check(state.statements, { connection: state.label, environment: req.environment }, impact);
  if (undoProblem) {
    await rollback();
    return ['statement-failed', undoProblem];
  }
  const maxRows = req.maxAffectedRows ?? (req.environment === 'production' ? 1_000 : Number.POSITIVE_INFINITY);
  const typed = typedRequirement(total, maxRows, plan.suppressed) ?? undoTyped(req, total, state.capture?.status); // undo
  const answer = await confirmWithin(hooks, ctx.lost, {
    connectionLabel: state.label,
    environment: req.environment,
    statements: state.statements,
    totalRows: total,
    elapsedMs: 0,
    irreversible: false,
    timeoutMs,
    impact,
    locks: before.locks,
    waitingSessions: before.waitingSessions,
    ...(typed ? { typed } : {}),
    ...(state.capture?.checked ? { undo: state.capture.status } : {}), // undo
  });
  if (answer.kind !== 'commit') {
    await rollback();
    return [answer.ending, answer.reason];
  }
  if (typed && !typedMatches(answer.typed, typed.expected)) {
    await rollback();
    return ['declined', `the typed answer did not match ${typed.expected}; rolled back`];
  }
  return commit(ctx, total, watch);
}

async function commit(ctx: Ctx, total: number, watch: Watch): Promise<[Ending, string]> {
  const { client } = ctx;
  let xid: string;
  try {
    const checked = await beforeCommit(client, watch);
    if (checked.changed.length > 0) {
      await client.query('ROLLBACK').catch(() => undefined);
      return ['refused', `the guard's own settings changed before COMMIT (${checked.changed.join('; ')}); everything was rolled back`];
    }
    xid = checked.xid;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    return ['statement-failed', `could not prepare to commit (${plainMessage(error)}); nothing was committed`];
  }
  try {
    await ctx.state.capture?.save(xid); // undo: the file is on disk before COMMIT
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    return ['statement-failed', `could not write the undo file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); nothing was committed`];
  }
  try {
    const r = await client.query('COMMIT');
    // COMMIT of a transaction the server had already aborted answers ROLLBACK.
    if (r.command === 'ROLLBACK') return ['commit-aborted', 'the server rolled the transaction back instead of committing'];
    await ctx.state.capture?.committed().catch(() => undefined); // undo
    return ['committed', `committed ${plural(total, 'row')}`];
  } catch (error) {
    if (isServerAnswer(error)) return ['commit-aborted', `COMMIT failed: ${(error as Error).message}; nothing was committed`];
    const status = await commitStatus(ctx.conn, xid);
    if (status.status === 'committed') await ctx.state.capture?.committed().catch(() => undefined); // undo
    if (status.status === 'committed') return ['committed', `the connection dropped after COMMIT was sent; ${status.detail}: committed ${formatCount(total)} rows`];
    if (status.status === 'aborted') return ['commit-aborted', `the connection dropped after COMMIT was sent; ${status.detail}: nothing was committed`];
    return ['commit-unknown', `the connection dropped after COMMIT was sent and the outcome of transaction ${xid} is unknown (${status.detail}); check with SELECT txid_status(${xid})`];
  }
}

/** A statement PostgreSQL refuses inside a transaction: confirmed first, typed, then run alone. */
async function runAlone(ctx: Ctx): Promise<[Ending, string]> {
  const { req, hooks, state, client, plan, conn } = ctx;
  const expected = String(conn.config.database);
  const answer = await confirmWithin(hooks, ctx.lost, {
    connectionLabel: state.label,
    environment: req.environment,
    statements: state.statements,
    totalRows: 0,
    elapsedMs: 0,
    irreversible: true,
    timeoutMs: req.confirmTimeoutMs ?? DEFAULT_CONFIRM_TIMEOUT_MS,
    typed: { expected, why: `${plan.nonTransactional} Type the database name to run it.` },
  });
  if (answer.kind !== 'commit') return [answer.ending, `${answer.reason}; nothing was run`];
  if (!typedMatches(answer.typed, expected)) return ['declined', 'the typed answer did not match the database name; nothing was run'];
  try {
    await setSessionTimeouts(client, timeouts(req));
    await executeStatements(client, plan.statements, state.statements, { rowLimit: req.rowLimit ?? 500, batchSize: 1, budget: new RowBudget(), onBatch: () => true });
  } catch (error) {
    state.failedStatement = 0;
    return ['statement-failed', `the statement failed: ${error instanceof StatementFailure ? plainMessage(error.cause) : plainMessage(error)}`];
  }
  const total = totalRows(state.statements, false);
  const missed = checkExpectations(state.statements, total, req.expectRows);
  return ['committed', missed ? `ran (it cannot be rolled back), but ${missed}` : 'ran outside a transaction (it cannot be rolled back)'];
}
