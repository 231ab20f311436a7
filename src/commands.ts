/**
 * Every command is registered at activation, whether the server runs or not: a command that needs
 * the server says so when it is down, instead of failing with "command not found".
 */
import * as vscode from 'vscode';
import { LanguageClient, State } from 'vscode-languageclient/node';
import { parseDocumentPosition, SERVER_COMMANDS } from '../shared/commands';

export const RESTART_SERVER_COMMAND = 'safeSql.restartServer';
export const SHOW_OUTPUT_COMMAND = 'safeSql.showOutput';

export interface ClientHolder {
  /** The client, or undefined when it could not be created or was disposed. */
  readonly client: LanguageClient | undefined;
  restart(): Promise<void>;
  readonly output: vscode.LogOutputChannel;
}

/** Runs `fn` with a running client, or tells the user that the server is not running. */
export async function withRunningServer<T>(holder: ClientHolder, fn: (client: LanguageClient) => Promise<T>): Promise<T | undefined> {
  const client = holder.client;
  if (!client || client.state !== State.Running) {
    const choice = await vscode.window.showErrorMessage('Safe SQL: the language server is not running.', 'Show Output', 'Restart Server');
    if (choice === 'Show Output') holder.output.show(true);
    if (choice === 'Restart Server') await holder.restart();
    return undefined;
  }
  return fn(client);
}

export function registerCommands(context: vscode.ExtensionContext, holder: ClientHolder): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(SERVER_COMMANDS.placeCursor, placeCursor),
    vscode.commands.registerCommand(RESTART_SERVER_COMMAND, () => holder.restart()),
    vscode.commands.registerCommand(SHOW_OUTPUT_COMMAND, () => holder.output.show(true)),
  );
}

/** Moves the cursor of the editor showing `uri` (opening it if needed) to `position`. */
async function placeCursor(uri: unknown, position: unknown): Promise<void> {
  const args = parseDocumentPosition(uri, position);
  if (!args) throw new Error(`${SERVER_COMMANDS.placeCursor}: expected (uri, {line, character}), got ${JSON.stringify([uri, position])}`);
  const target = vscode.Uri.parse(args.uri, true);
  const editor = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === target.toString())
    ?? await vscode.window.showTextDocument(target);
  const at = editor.document.validatePosition(new vscode.Position(args.line, args.character));
  editor.selection = new vscode.Selection(at, at);
  editor.revealRange(new vscode.Range(at, at));
  await vscode.window.showTextDocument(editor.document, editor.viewColumn);
}
