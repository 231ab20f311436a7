/**
 * One guarded run on the editor's behalf, whatever built its request (a document's text, or an
 * undo): the run-state notifications for the status bar, the confirmation asked of the client while
 * the transaction is open, and the result as the protocol shows it.
 */
import { CancellationTokenSource } from 'vscode-languageserver/node';
import { Decision, runGuarded, RunRequest } from '../../engine';
import { ConfirmRunRequest, RunEnvironment, RunGuardedResult, RunStateNotification, RunStateParams } from '../../../shared/protocol';
import { ServerContext } from '../context';
import { confirmParams, resultView } from './views';

export interface ExecuteTarget {
  runId: string;
  /** The connection's name, as the status bar shows it. */
  connection: string;
  environment: RunEnvironment;
}

export async function executeGuarded(
  deps: ServerContext,
  target: ExecuteTarget,
  request: RunRequest,
  signal: AbortSignal,
  password?: () => Promise<string | undefined>,
): Promise<RunGuardedResult> {
  const { connection } = deps;
  const { runId, environment } = target;
  const startedAt = Date.now();
  const state = (s: RunStateParams['state'], rows: number, extra: Partial<RunStateParams> = {}) =>
    void connection.sendNotification(RunStateNotification.type, { runId, state: s, connection: target.connection, environment, rows, startedAt, ...extra });

  state('running', 0);
  const result = await runGuarded(request, {
    signal,
    ...(password ? { password } : {}),
    onProgress: (p) => state('running', p.rows),
    confirm: async (summary, asked): Promise<Decision> => {
      state('awaiting-confirmation', summary.totalRows, { ...(summary.locks ? { locks: summary.locks } : {}), ...(summary.waitingSessions === undefined ? {} : { waitingSessions: summary.waitingSessions }) });
      const token = new CancellationTokenSource();
      // The engine stopped waiting (timeout, cancel, lost link): the client closes what it still shows.
      asked.addEventListener('abort', () => token.cancel(), { once: true });
      const params = { ...confirmParams(runId, summary, Date.now() - startedAt), ...(request.undoOf === undefined ? {} : { undoOf: request.undoOf }) };
      const answer = await connection.sendRequest(ConfirmRunRequest.type, params, token.token);
      if (answer?.commit === true) return typeof answer.typed === 'string' ? { commit: true, typed: answer.typed } : { commit: true };
      return { commit: false, reason: 'declined in the confirmation dialog' };
    },
  });
  state('finished', result.totalRows, { outcome: result.outcome });
  return resultView(runId, environment, result);
}
