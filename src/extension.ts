/** The VS Code extension client: thin glue between the VS Code API and the language server. */
import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/node';
import { createClient, CLIENT_NAME } from './client';
import { ClientHolder, registerCommands } from './commands';
import { Connections, registerConnections } from './connections';
import { Passwords } from './secrets';
import { registerTools } from './lm/tools';
import { registerRunCommands } from './run/runCommands';
import { RunSession } from './run/session';
import { CredentialsRequest } from '../server/protocol';
import { newChannelKey } from '../server/secretChannel';

let holder: ServerHolder | undefined;
let connections: Connections | undefined;
let runSession: RunSession | undefined;

/** Owns the client's life: start, restart, stop, and reporting why a start failed. */
class ServerHolder implements ClientHolder {
  client: LanguageClient | undefined;

  readonly passwords: Passwords;

  constructor(private readonly context: vscode.ExtensionContext, readonly output: vscode.LogOutputChannel) {
    this.passwords = new Passwords(context.secrets);
  }

  async start(): Promise<void> {
    try {
      const channelKey = newChannelKey();
      this.client = createClient(this.context, this.output, channelKey, connections?.middleware);
      this.client.onRequest(CredentialsRequest.type, (params) => this.passwords.answer(params, channelKey));
      connections?.attach(this.client);
      runSession?.attach(this.client);
      await this.client.start();
      this.output.info('language server started');
    } catch (err) {
      // The client has already logged the details; say it plainly and show where.
      this.output.error(`the language server failed to start: ${err instanceof Error ? err.message : String(err)}`);
      this.output.show(true);
      void vscode.window.showErrorMessage('Safe SQL: the language server failed to start. See the "Safe SQL" output.');
    }
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (!client) return;
    try {
      await client.dispose(2000);
    } catch (err) {
      this.output.warn(`stopping the language server: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel(CLIENT_NAME, { log: true });
  context.subscriptions.push(output);
  holder = new ServerHolder(context, output);
  registerCommands(context, holder);
  connections = registerConnections(context, holder);
  runSession = new RunSession(context.globalStorageUri);
  registerRunCommands(context, holder, runSession);
  registerTools(context, holder, runSession);
  await holder.start();
}

export async function deactivate(): Promise<void> {
  await holder?.stop();
  holder = undefined;
}
