/** Builds the language client that runs the bundled server (dist/server.js) over stdio. */
import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, Middleware, ServerOptions, TransportKind } from 'vscode-languageclient/node';
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
  };
  return new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions);
}
