/**
 * Connections in the editor: the commands, the per-document selection, and the status bar that
 * shows where the active file runs. extension.ts creates it before the client (its middleware
 * goes into the client's options) and attaches each client it starts.
 */
import * as vscode from 'vscode';
import { LanguageClient, Middleware } from 'vscode-languageclient/node';
import { DocumentBindingNotification } from '../../shared/protocol';
import { OpenTransaction } from '../run/transactionState';
import { ConnectionStatusBar } from '../statusBar';
import { COMMANDS, ConnectionCommands, ConnectionsHolder } from './commands';
import { ConnectionSelection, selectionMiddleware } from './selection';
import { watchSettingsProblems } from './settingsProblems';

export interface Connections {
  readonly middleware: Middleware;
  /** Listens to a freshly created client (before it starts). */
  attach(client: LanguageClient): void;
}

export function registerConnections(context: vscode.ExtensionContext, holder: ConnectionsHolder, transaction: OpenTransaction): Connections {
  const selection = new ConnectionSelection(context.workspaceState);
  const statusBar = new ConnectionStatusBar(COMMANDS.select, transaction);
  context.subscriptions.push(selection, statusBar);
  new ConnectionCommands(holder, selection, statusBar).register(context);
  watchSettingsProblems(context);
  return {
    middleware: selectionMiddleware(selection),
    attach(client) {
      client.onNotification(DocumentBindingNotification.type, (params) => statusBar.setBinding(params));
    },
  };
}
