/**
 * The client context: the one object that owns the language client's life (start, restart, stop),
 * the commands, and the client-side state (connections and their status bar, guarded runs). Every
 * part a client is attached to is built in the constructor, before the first start.
 */
import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/node';
import { createClient } from './client';
import { registerCommands } from './commands';
import { Connections, registerConnections } from './connections';
import { ConnectionsHolder } from './connections/commands';
import { registerTools } from './lm/tools';
import { registerRunCommands } from './run/runCommands';
import { RunSession } from './run/session';
import { registerUndoCommand } from './run/undoCommand';
import { OpenTransaction } from './run/transactionState';
import { Passwords } from './secrets';
import { CredentialsRequest } from '../shared/protocol';
import { newChannelKey } from '../shared/secretChannel';

export class Ctx implements ConnectionsHolder {
  client: LanguageClient | undefined;
  readonly passwords: Passwords;
  private readonly connections: Connections;
  private readonly runSession: RunSession;

  constructor(private readonly context: vscode.ExtensionContext, readonly output: vscode.LogOutputChannel) {
    this.passwords = new Passwords(context.secrets);
    const transaction = new OpenTransaction();
    registerCommands(context, this);
    this.connections = registerConnections(context, this, transaction);
    this.runSession = new RunSession(context.globalStorageUri, transaction);
    context.subscriptions.push(transaction, this.runSession);
    registerRunCommands(context, this, this.runSession);
    registerUndoCommand(context, this, this.runSession);
    registerTools(context, this, this.runSession);
  }

  async start(): Promise<void> {
    try {
      const channelKey = newChannelKey();
      const client = createClient(this.context, this.output, channelKey, this.connections.middleware);
      this.client = client;
      client.onRequest(CredentialsRequest.type, (params) => this.passwords.answer(params, channelKey));
      this.connections.attach(client);
      this.runSession.attach(client);
      await client.start();
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
