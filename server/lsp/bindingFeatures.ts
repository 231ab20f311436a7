/**
 * Wires the connection-aware features onto the language server: binding notifications, code
 * lenses (banner, Run guarded, row estimates) and Test Connection. server.ts calls
 * {@link installBindingFeatures} once and feeds it every finished analysis.
 */
import { CodeLensParams, CodeLensRefreshRequest, Connection } from 'vscode-languageserver/node';
import { DocumentAnalysis } from '../analysis/analyze';
import { Binding } from '../config/settings';
import { Estimator } from '../engine/estimate';
import { TestConnectionRequest } from '../../shared/protocol';
import { DocumentBindings } from './binding';
import { codeLenses } from './codeLens';
import { Credentials } from './credentials';
import { describeError, guard, Log } from './guard';
import { SettingsStore } from './settings';
import { testConnection } from './testConnection';

export interface BindingFeatures {
  /** After each analysis (validation.ts). */
  analysed(uri: string, version: number, text: string, analysis: DocumentAnalysis, binding: Binding): void;
  /** On close. */
  forget(uri: string): void;
  /** Set from the client's capabilities at initialize. */
  setCanRefresh(canRefresh: boolean): void;
  dispose(): Promise<void>;
}

/** `openVersion(uri)`: the version of the open document, whose analysis a code-lens request waits for. */
export function installBindingFeatures(connection: Connection, settings: SettingsStore, credentials: Credentials, log: Log, openVersion: (uri: string) => number | undefined): BindingFeatures {
  let canRefresh = false;
  let refreshQueued = false;
  // Estimates arrive one by one; the editor is asked to redraw once per turn of the event loop.
  const refresh = () => {
    if (!canRefresh || refreshQueued) return;
    refreshQueued = true;
    setImmediate(() => {
      refreshQueued = false;
      connection.sendRequest(CodeLensRefreshRequest.type).catch((error: unknown) => log(`Safe SQL: codeLens refresh failed: ${describeError(error)}`));
    });
  };
  const bindings = new DocumentBindings(connection, refresh);
  const estimator = new Estimator({ password: (profile) => credentials.password(profile, false), onEstimate: refresh, log });

  connection.onCodeLens(
    guard(log, 'codeLens', [], async (params: CodeLensParams) => {
      const uri = params.textDocument.uri;
      const doc = await bindings.current(uri, openVersion(uri));
      return codeLenses(doc, (p, s) => estimator.peek(p, s));
    }),
  );
  connection.onRequest(
    TestConnectionRequest.type,
    guard(log, 'testConnection', { ok: false as const, reason: 'the test failed inside Safe SQL; see the Safe SQL output' }, (params) => testConnection(params, settings, credentials)),
  );

  return {
    analysed(uri, version, text, analysis, binding) {
      bindings.analysed({ uri, version, text, analysis, binding });
    },
    forget: (uri) => bindings.forget(uri),
    setCanRefresh(value) {
      canRefresh = value;
    },
    dispose: () => estimator.close(),
  };
}
