/**
 * The connection-aware features: binding notifications, code lenses (banner, Run guarded, row
 * estimates) and Test Connection.
 */
import { CodeLensParams, CodeLensRefreshRequest } from 'vscode-languageserver/node';
import { Estimator } from '../engine/estimate';
import { TestConnectionRequest } from '../../shared/protocol';
import { registerBindingNotifications } from './binding';
import { codeLenses } from './codeLens';
import { ServerContext } from './context';
import { describeError, guard } from './guard';
import { testConnection } from './testConnection';

export function register(ctx: ServerContext): void {
  const { connection, log, state } = ctx;
  let refreshQueued = false;
  // Estimates arrive one by one; the editor is asked to redraw once per turn of the event loop.
  const refresh = () => {
    if (!ctx.client.codeLensRefresh || refreshQueued) return;
    refreshQueued = true;
    setImmediate(() => {
      refreshQueued = false;
      connection.sendRequest(CodeLensRefreshRequest.type).catch((error: unknown) => log(`Safe SQL: codeLens refresh failed: ${describeError(error)}`));
    });
  };
  registerBindingNotifications(ctx, refresh);
  const estimator = new Estimator({ password: (profile) => ctx.credentials.password(profile, false), onEstimate: refresh, log });
  ctx.onShutdown(() => estimator.close());

  connection.onCodeLens(
    guard(log, 'codeLens', [], async (params: CodeLensParams) => {
      const uri = params.textDocument.uri;
      const doc = await state.current(uri, ctx.documents.get(uri)?.version);
      return codeLenses(doc, (p, s) => estimator.peek(p, s));
    }),
  );
  connection.onRequest(
    TestConnectionRequest.type,
    guard(log, 'testConnection', { ok: false as const, reason: 'the test failed inside Safe SQL; see the Safe SQL output' }, (params) => testConnection(params, ctx.settings, ctx.credentials)),
  );
}
