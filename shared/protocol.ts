/**
 * Every custom message between the Safe SQL client (`src/`) and the language server (`server/`),
 * typed in one place. Both sides import this file, so it imports nothing from `vscode`.
 *
 * Each entry says which side sends it.
 */
import { NotificationType, RequestType } from 'vscode-languageserver-protocol';
import type { Position, Range } from 'vscode-languageserver-protocol';

/** A request and its method name, written once. */
function request<P, R>(method: string) {
  return { method, type: new RequestType<P, R, void>(method) } as const;
}

function notification<P>(method: string) {
  return { method, type: new NotificationType<P>(method) } as const;
}

// The commands the server sends inside lenses and quick fixes are in commands.ts.

// ---------------------------------------------------------------------------------------------
// Guarded execution (the engine runs in the server; the client shows and asks).

export type RunScope = 'statement' | 'selection' | 'file';
export type RunEnvironment = 'production' | 'staging' | 'development';
export type RunOutcome = 'committed' | 'rolled-back' | 'refused' | 'failed' | 'unknown';

export interface RunGuardedParams {
  /** Chosen by the client, so it can cancel the run and match its state notifications. */
  runId: string;
  uri: string;
  /** The document version the user saw. The server refuses to run any other version. */
  version: number;
  /** `statement`: the statement at `position`. `selection`: exactly `range`. `file`: the whole document. */
  scope: RunScope;
  position?: Position;
  range?: Range;
  /** The audit log when the `safeSql.auditLogPath` setting is empty: the extension's global storage. */
  defaultAuditLogPath?: string;
  /** Set when a language-model tool asked for the run: its name, for the audit record (client `vscode-lm`). */
  agentTool?: string;
}

export interface RunStatementView {
  /** 1-based line in the document. */
  line: number;
  text: string;
  command?: string;
  rows: number | null;
  ms: number;
  fields?: string[];
  /** The first rows (SELECT or RETURNING) as text values. */
  sample?: Array<Array<string | null>>;
}

/** The true impact per table, from PostgreSQL's counters (cascades, triggers and functions included). */
export interface RunImpactView {
  tables: Array<{ schema: string; table: string; inserted: number; updated: number; deleted: number; truncated?: { rowsBefore: number } }>;
  total: number;
  /** Row operations no statement's own count explains: by cascade, trigger or function. */
  unexplained: number;
}

/** A relation the run holds SHARE ROW EXCLUSIVE or stronger. */
export interface RunLockView {
  relation: string;
  mode: string;
}

/** Whether a run can be undone after COMMIT, in the engine's words ("undo available for N rows", "undo is partial: …", "undo unavailable: N rows over the limit …"). */
export interface RunUndoView {
  available: boolean;
  partial: boolean;
  rows: number;
  reason: string;
}

/** What a run shows of itself, while it waits for a decision and once it ended. */
export interface RunView {
  runId: string;
  connection: string;
  environment: RunEnvironment;
  statements: RunStatementView[];
  totalRows: number;
  impact?: RunImpactView;
  locks?: RunLockView[];
  waitingSessions?: number;
  /** What undo covers once the run commits (Safe SQL: Undo a Run…); absent when the run keeps none. */
  undo?: RunUndoView;
}

export interface RunGuardedResult extends RunView {
  outcome: RunOutcome;
  reason: string;
  durationMs: number;
  /** The run's audit record could not be written. */
  auditError?: string;
}

/** Sent by the client: run SQL of a document guarded, in one transaction, committing only on confirmation. */
export const RunGuardedRequest = request<RunGuardedParams, RunGuardedResult>('safeSql/runGuarded');

export interface ConfirmRunParams extends RunView {
  elapsedMs: number;
  /** Set when the answer must be typed: the exact text expected, and why. */
  typed?: { expected: string; why: string };
  /** The statement cannot be rolled back once it ran (it has not run yet). */
  irreversible: boolean;
  /** The server rolls back on its own after this long. */
  timeoutMs: number;
  /** Set when this run is the undo of another: that run's undo id. */
  undoOf?: string;
}

export interface ConfirmRunResult {
  commit: boolean;
  typed?: string;
}

/** Sent by the server, while the transaction is open: commit or roll back? */
export const ConfirmRunRequest = request<ConfirmRunParams, ConfirmRunResult>('safeSql/confirmRun');

export interface RunStateParams {
  runId: string;
  state: 'running' | 'awaiting-confirmation' | 'finished';
  connection: string;
  environment: RunEnvironment;
  rows: number;
  /** Epoch milliseconds when the transaction began. */
  startedAt: number;
  outcome?: RunOutcome;
  /** Relations held SHARE ROW EXCLUSIVE or stronger while awaiting confirmation, and who waits on them. */
  locks?: RunLockView[];
  waitingSessions?: number;
}

/** Sent by the server as a run progresses, so the client can show the open transaction. */
export const RunStateNotification = notification<RunStateParams>('safeSql/runState');

/** Sent by the client before Run File Guarded: how many statements the file holds, so the user knows what "the whole file" means. */
export const CountStatementsRequest = request<{ uri: string; version: number }, { statements: number } | null>('safeSql/countStatements');

/** Sent by the client: cancel the run (a running statement is cancelled; everything rolls back). */
export const CancelRunNotification = notification<{ runId: string }>('safeSql/cancelRun');

// ---------------------------------------------------------------------------------------------
// Undo (Safe SQL: Undo a Run…).

/** A committed run that can still be undone, as its audit record describes it (never row values). */
export interface UndoableRunView {
  /** The undo's id (what `safe-sql undo RUN_ID` takes). */
  id: string;
  /** ISO time the run ended. */
  ts: string;
  user: string;
  /** The first line of the first statement, bounded. */
  firstStatement: string;
  statements: number;
  totalRows: number;
  undoRows: number;
  partial: boolean;
  reason: string;
}

export interface ListUndoableRunsParams {
  uri: string;
  /** As in {@link RunGuardedParams}: the audit log when `safeSql.auditLogPath` is empty. */
  defaultAuditLogPath?: string;
}

export interface ListUndoableRunsResult {
  /** The document's connection; absent when none is bound (then `reason` says why). */
  connection?: string;
  environment: RunEnvironment;
  /** Newest first. */
  runs: UndoableRunView[];
  reason?: string;
}

/** Sent by the client: the recent runs on the document's connection that can be undone. */
export const ListUndoableRunsRequest = request<ListUndoableRunsParams, ListUndoableRunsResult>('safeSql/listUndoableRuns');

export interface UndoRunParams {
  /** Chosen by the client, as for a guarded run: cancel and state notifications use it. */
  runId: string;
  /** The document whose connection the undo runs on. */
  uri: string;
  /** The undo's id, from {@link UndoableRunView.id}. */
  undoId: string;
  defaultAuditLogPath?: string;
}

export interface UndoRunResult extends RunGuardedResult {
  /** Rows changed since the run, by table and key: the undo changed nothing. */
  conflicts?: string[];
  /** What the undo cannot take back (cascades, triggers, statements not captured). */
  partial?: string;
}

/**
 * Sent by the client: run the undo of a run as a guarded run of its own, on the document's
 * connection. The server asks {@link ConfirmRunRequest} exactly as for any run.
 */
export const UndoRunRequest = request<UndoRunParams, UndoRunResult>('safeSql/undoRun');

// ---------------------------------------------------------------------------------------------
// Connections.

export interface CredentialsParams {
  connection: string;
  /** False for background work (estimates): answer from SecretStorage only, never ask the user. */
  mayPrompt: boolean;
  host?: string;
  user?: string;
  database?: string;
}

export interface CredentialsResult {
  /** The password sealed with the key the client gave the server at start (see secretChannel.ts). */
  sealedPassword?: string;
}

/**
 * Sent by the server when it needs a connection's password. The client reads SecretStorage and
 * asks the user once when it is missing. The password travels sealed, so an LSP trace never shows it.
 */
export const CredentialsRequest = request<CredentialsParams, CredentialsResult | null>('safeSql/credentials');

export interface DocumentBindingParams {
  uri: string;
  environment: RunEnvironment;
  connection?: { name: string; host?: string; port?: number; database?: string; user?: string; readOnly?: boolean };
  /** Why: globs, directive, selection or default. */
  sources: string[];
}

/** Sent by the server after analysing a document when its binding changed: for the status bar and banner. */
export const DocumentBindingNotification = notification<DocumentBindingParams>('safeSql/documentBinding');

export type TestConnectionResult = { ok: true; serverVersion: string; roundTripMs: number } | { ok: false; reason: string };

/** Sent by the client (Safe SQL: Test Connection): connect to a named connection and report. */
export const TestConnectionRequest = request<{ connection: string; uri?: string }, TestConnectionResult>('safeSql/testConnection');

// ---------------------------------------------------------------------------------------------
// Language-model tools.

export interface CheckSqlParams {
  text: string;
  /** A document whose binding (globs, directive, selection) applies. */
  uri?: string;
  /** A connection by name; with `uri` too, the stricter environment wins. */
  connection?: string;
}

export interface CheckSqlFinding {
  rule: string;
  severity: 'error' | 'warning' | 'information';
  message: string;
  /** 1-based. */
  line: number;
  column: number;
}

export interface CheckSqlResult {
  environment: RunEnvironment;
  /** The connection the SQL would run on; absent when none is bound or the name is unknown. */
  connection?: string;
  /** Why this environment: globs, directive, selection or default. */
  sources: string[];
  findings: CheckSqlFinding[];
}

/** Sent by the client (a language-model tool): analyse SQL text, graded for the environment it would run in. */
export const CheckSqlRequest = request<CheckSqlParams, CheckSqlResult>('safeSql/checkSql');
