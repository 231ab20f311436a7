/** The guarded-execution engine: the one place that sends SQL to a database. */
export { runGuarded, DEFAULT_CONFIRM_TIMEOUT_MS, IDLE_MARGIN_MS } from './guarded';
export { defaultAuditPath } from './audit';
export { parseDuration, formatDuration } from './durations';
export { formatRange } from './expectations';
export type { ConnectionTarget } from './connect';
export type { ConfirmSummary, Decision, Ending, Outcome, RowRange, RunHooks, RunRequest, RunResult, StatementResult } from './types';
