/** The engine's results as the protocol shows them to the client. */
import { ConfirmSummary, RunResult, StatementResult } from '../../engine';
import { ConfirmRunParams, RunEnvironment, RunGuardedResult, RunStatementView } from '../../../shared/protocol';

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
  return view;
}

/** A run refused before the engine was asked (nothing connected, nothing ran, nothing audited). */
export function refusal(runId: string, reason: string, environment: RunEnvironment = 'production', connection = ''): RunGuardedResult {
  return { runId, outcome: 'refused', reason, connection, environment, statements: [], totalRows: 0, durationMs: 0 };
}
