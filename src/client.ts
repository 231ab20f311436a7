/** Builds the language client that runs the bundled server (dist/server.js) over stdio. */
import * as vscode from 'vscode';
import { CloseAction, ErrorAction, ErrorHandler, LanguageClient, LanguageClientOptions, Middleware, ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { CHANNEL_KEY_ENV } from '../shared/secretChannel';

export const CLIENT_ID = 'safeSql';
export const CLIENT_NAME = 'Safe SQL';

/**
 * `channelKey` seals passwords sent to this server (see server/secretChannel.ts); it reaches the server in its environment.
 * `middleware`: e.g. the per-document connection selection added to the configuration the server pulls.
 */
export function createClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel, channelKey: string, middleware?: Middleware): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const options = { env: { ...process.env, [CHANNEL_KEY_ENV]: channelKey } };
  // Same server as `safe-sql lsp --stdio`; TransportKind.stdio adds `--stdio` to its argv.
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.stdio, options },
    debug: { module, transport: TransportKind.stdio, options: { ...options, execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  // The library's own restart policy, made once the client exists.
  const restarts: { policy?: ErrorHandler } = {};
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'sql' },
      { scheme: 'untitled', language: 'sql' },
    ],
    // The server pulls `workspace/configuration` (section safeSql); the client answers it from
    // the VS Code settings and forwards changes, so no `synchronize` block is needed.
    outputChannel: output,
    traceOutputChannel: output,
    ...(middleware ? { middleware } : {}),
    errorHandler: {
      // When the server dies, every message the client still writes fails at once (several while
      // the user types). The library's default shuts the client down after three such errors, and
      // the restarted server with it: the file would lose its diagnostics. A write error decides
      // nothing; the server's exit does, through the usual restart policy (five crashes in three
      // minutes and it stays down, which the status bar and Run Guarded then say).
      error: () => ({ action: ErrorAction.Continue }),
      closed: () => restarts.policy?.closed() ?? { action: CloseAction.Restart },
    },
  };
  const client = new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions);
  restarts.policy = client.createDefaultErrorHandler();
  return client;
}
