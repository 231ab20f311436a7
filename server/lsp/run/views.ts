/** The engine's results as the protocol shows them to the client. */
import { Binding } from '../../config/settings';
import { ConfirmSummary, RunResult, StatementResult } from '../../engine';
import { UndoStatus } from '../../engine/undo/types';
import { ConfirmRunParams, RunEnvironment, RunGuardedResult, RunStatementView, RunUndoView } from '../../../shared/protocol';

export function statementView(s: StatementResult): RunStatementView {
  const view: RunStatementView = { line: s.line, text: s.text, rows: s.rows, ms: s.ms };
  if (s.command !== undefined) view.command = s.command;
  if (s.fields) view.fields = s.fields;
  if (s.sample) view.sample = s.sample;
  return view;
}

export function confirmParams(runId: string, summary: ConfirmSummary, elapsedMs: number): ConfirmRunParams {
  const params: ConfirmRunParams = {
    runId,
    connection: summary.connectionLabel,
    environment: summary.environment,
    statements: summary.statements.map(statementView),
    totalRows: summary.totalRows,
    elapsedMs,
    irreversible: summary.irreversible,
    timeoutMs: summary.timeoutMs,
  };
  if (summary.typed) params.typed = summary.typed;
  if (summary.impact) params.impact = summary.impact;
  if (summary.locks) params.locks = summary.locks;
  if (summary.waitingSessions !== undefined) params.waitingSessions = summary.waitingSessions;
  if (summary.undo) params.undo = undoView(summary.undo);
  return params;
}

export function resultView(runId: string, environment: RunEnvironment, r: RunResult): RunGuardedResult {
  const view: RunGuardedResult = {
    runId,
    outcome: r.outcome,
    reason: r.reason,
    connection: r.connectionLabel,
    environment,
    statements: r.statements.map(statementView),
    totalRows: r.totalRows,
    durationMs: r.durationMs,
  };
  if (r.auditError) view.auditError = r.auditError;
  if (r.impact) view.impact = r.impact;
  if (r.locks) view.locks = r.locks;
  if (r.waitingSessions !== undefined) view.waitingSessions = r.waitingSessions;
  // Only an undo whose COMMIT was recorded can be used.
  if (r.undo && r.outcome === 'committed' && r.undo.committed === true) view.undo = undoView(r.undo);
  return view;
}

export function undoView(u: UndoStatus): RunUndoView {
  return { available: u.available, partial: u.partial, rows: u.rows, reason: u.reason };
}

/** A run refused before the engine was asked (nothing connected, nothing ran, nothing audited). */
export function refusal(runId: string, reason: string, environment: RunEnvironment = 'production', connection = ''): RunGuardedResult {
  return { runId, outcome: 'refused', reason, connection, environment, statements: [], totalRows: 0, durationMs: 0 };
}

/** Why a document cannot run: no connection is bound, or the one named is unknown. */
export function noConnection(binding: Binding): string {
  const unknown = binding.sources.filter((s) => s.includes('unknown connection'));
  if (unknown.length > 0) return `this document is bound to a connection that is not in safeSql.connections (${unknown.join('; ')}); add it there to run`;
  return 'no connection is bound to this document: add one to safeSql.connections, then bind the file with safeSql.documentConnections (a glob) or a `-- safe-sql: connection=<name>` comment at the top of the file';
}
