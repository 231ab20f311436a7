/**
 * The guarded-execution engine's public shapes. The CLI and the language server both drive the
 * engine through `runGuarded(request, hooks)`; nothing here knows about terminals or editors.
 */
import { Analyzer, DocumentAnalysis } from '../analysis/analyze';
import { RunStatementView } from '../../shared/protocol';
import { Environment } from '../analysis/types';
import { ConnectionTarget } from './connect';
import { Impact, TableImpact } from './impact';
import { HeldLock } from './locks';
import type { UndoSettings, UndoStatus } from './undo/types';

export interface RowRange {
  min: number;
  max: number;
}

/** Who asked for the run, for the audit record: a person's CLI or editor, or an agent's tool call. */
export type RunClient = 'cli' | 'vscode' | 'vscode-lm' | `mcp:${string}`;

export interface RunRequest {
  /** The exact text that will run. It is analysed again here, whatever the caller showed. */
  text: string;
  environment: Environment;
  connection: ConnectionTarget;
  client: RunClient;
  /** The agent tool that asked for the run (`run_sql`, `safe-sql_run`…), for the audit record. */
  tool?: string;
  /** Expected total rows for the whole run (`--expect-rows`). */
  expectRows?: RowRange;
  statementTimeoutMs?: number;
  lockTimeoutMs?: number;
  /** How long the confirmation may take before the run rolls back on its own. Default 120 s. */
  confirmTimeoutMs?: number;
  /** The shorter deadline while the run holds SHARE ROW EXCLUSIVE or stronger locks. Default 30 s. */
  lockedConfirmTimeoutMs?: number;
  /** The run's id (audit, JSON output); one is made when not given. */
  runId?: string;
  /** Above this many affected rows confirmation must be the typed row count. Production default 1,000. */
  maxAffectedRows?: number;
  /** A read-only connection refuses every write before connecting. */
  readOnly?: boolean;
  /** Rows kept per statement for display. Default 500. */
  rowLimit?: number;
  /** Where the audit record goes; `null` writes none (tests of the engine alone). An empty path is refused. */
  auditLogPath: string | null;
  /** The analyzer to re-analyse with (the language server passes its own, with its cache). */
  analyzer?: Analyzer;
  /**
   * An analysis the caller already made: used only when its text is exactly `text`; otherwise the
   * engine analyses `text` itself.
   */
  analysed?: { text: string; analysis: DocumentAnalysis };
  /** Statements sent per protocol message (each still gets its own result). Default 250. */
  batchSize?: number;
  /** undo: capture before-images (default on production; see server/engine/undo/settings.ts). */
  undo?: Partial<UndoSettings>;
  /** undo: the id of the run this run undoes, for the audit record. */
  undoOf?: string;
}

/** A statement's result: what the editor is shown of it (shared/protocol.ts), and the engine's own facts. */
export interface StatementResult extends RunStatementView {
  index: number;
  expectRows?: RowRange;
  /** The true impact of this statement, when it ran alone in its batch. */
  impact?: TableImpact[];
}

/** What the confirmation callback is shown. */
export interface ConfirmSummary {
  connectionLabel: string;
  environment: Environment;
  statements: StatementResult[];
  totalRows: number;
  elapsedMs: number;
  /** Set when the answer must be typed: the exact text expected, and why. */
  typed?: { expected: string; why: string };
  /** The statement has not run yet and cannot be rolled back once it has (non-transactional). */
  irreversible: boolean;
  /** The engine gives up waiting after this many milliseconds and rolls back. */
  timeoutMs: number;
  /** The true impact from PostgreSQL's counters (cascades, triggers and functions included). */
  impact?: Impact;
  /** Relations locked SHARE ROW EXCLUSIVE or stronger while the decision is awaited. */
  locks?: HeldLock[];
  /** Sessions waiting on this run's locks. */
  waitingSessions?: number;
  /** undo: whether the run can be undone after COMMIT, and why not. */
  undo?: UndoStatus;
}

/**
 * The confirmation's answer. `typed` must equal `summary.typed.expected` when that is set.
 * `impossible` means no one could be asked (no terminal, no expectation).
 */
export type Decision = { commit: true; typed?: string } | { commit: false; impossible?: boolean; reason?: string };

export interface RunHooks {
  confirm(summary: ConfirmSummary, signal: AbortSignal): Promise<Decision>;
  onProgress?(p: { statementsDone: number; statementsTotal: number; rows: number }): void;
  /**
   * The profile's password, asked for only once the plan allows the run (nobody is asked for a
   * password for a run the analysis refuses). Undefined: node-postgres looks in PGPASSWORD and ~/.pgpass.
   */
  password?(): Promise<string | undefined>;
  /** Aborting it cancels the running statement (from a second connection) and rolls back. */
  signal?: AbortSignal;
}

export type Outcome = 'committed' | 'rolled-back' | 'refused' | 'failed' | 'unknown';

/** Why a run ended as it did, finer than the outcome; the CLI maps it to an exit code. */
export type Ending =
  | 'committed'
  | 'read-only'
  | 'usage'
  | 'connection'
  | 'refused'
  | 'declined'
  | 'expectation'
  | 'confirm-timeout'
  | 'confirm-impossible'
  | 'cancelled'
  | 'link-lost'
  | 'statement-failed'
  | 'commit-aborted'
  | 'commit-unknown'
  | 'audit';

export interface RunResult {
  /** Unique per run (a UUID); the audit record carries the same id. */
  runId: string;
  outcome: Outcome;
  ending: Ending;
  reason: string;
  statements: StatementResult[];
  totalRows: number;
  durationMs: number;
  connectionLabel: string;
  readOnly: boolean;
  /** The statement that failed, when one did. */
  failedStatement?: number;
  /** The true impact, when a write transaction got that far. */
  impact?: Impact;
  /** The impact per batch of statements sent together. */
  batches?: Array<{ first: number; last: number; total: number }>;
  locks?: HeldLock[];
  waitingSessions?: number;
  /** Set when the audit record could not be written: the run's outcome stands, but this must be reported. */
  auditError?: string;
  /** psql commands that were skipped because they change nothing in the run (`line 1: \timing on`). */
  skipped?: string[];
  /** undo: set when the run captured (or tried to capture) before-images. */
  undo?: UndoStatus;
}
