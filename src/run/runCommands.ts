/**
 * Safe SQL: Run Guarded (the statement at the cursor, or the selection; never the whole file
 * implicitly), Run File Guarded (the whole file, after saying how many statements it holds) and
 * Cancel Guarded Run.
 */
import * as vscode from 'vscode';
import { parseDocumentPosition, SERVER_COMMANDS } from '../../shared/commands';
import { CountStatementsRequest, RunGuardedResult } from '../../shared/protocol';
import { ClientHolder, withRunningServer } from '../commands';
import { RunSession } from './session';

export const RUN_GUARDED_COMMAND = SERVER_COMMANDS.runGuarded;
export const RUN_FILE_GUARDED_COMMAND = 'safeSql.runFileGuarded';
export const CANCEL_RUN_COMMAND = 'safeSql.cancelRun';

export function registerRunCommands(context: vscode.ExtensionContext, holder: ClientHolder, session: RunSession): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(RUN_GUARDED_COMMAND, (uri?: unknown, position?: unknown) => runGuarded(holder, session, uri, position)),
    vscode.commands.registerCommand(RUN_FILE_GUARDED_COMMAND, (uri?: unknown) => runFileGuarded(holder, session, uri)),
    vscode.commands.registerCommand(CANCEL_RUN_COMMAND, () => {
      const n = session.cancel(vscode.window.activeTextEditor?.document.uri.toString()) || session.cancel();
      if (n === 0) void vscode.window.showInformationMessage('Safe SQL: no guarded run is under way.');
    }),
  );
}

/** `(uri, {line, character})` from a CodeLens, or nothing: the active editor's selection or cursor. */
async function runGuarded(holder: ClientHolder, session: RunSession, uriArg: unknown, positionArg: unknown): Promise<RunGuardedResult | undefined> {
  let document: vscode.TextDocument | undefined;
  let scope: { scope: 'statement'; position: vscode.Position } | { scope: 'selection'; range: vscode.Range };
  if (uriArg !== undefined) {
    const args = parseDocumentPosition(uriArg, positionArg);
    if (!args) throw new Error(`${RUN_GUARDED_COMMAND}: expected (uri, {line, character}), got ${JSON.stringify([uriArg, positionArg])}`);
    document = await vscode.workspace.openTextDocument(vscode.Uri.parse(args.uri, true));
    scope = { scope: 'statement', position: new vscode.Position(args.line, args.character) };
  } else {
    const editor = sqlEditor();
    if (!editor) return undefined;
    document = editor.document;
    const sel = editor.selection;
    scope = sel.isEmpty ? { scope: 'statement', position: sel.active } : { scope: 'selection', range: new vscode.Range(sel.start, sel.end) };
  }
  const doc = document;
  return withRunningServer(holder, async (client) => {
    if (session.isRunning(doc.uri.toString())) {
      void vscode.window.showWarningMessage('Safe SQL: a guarded run of this file is already under way; confirm, roll back or cancel it first.');
      return undefined;
    }
    return session.run(client, { uri: doc.uri.toString(), version: doc.version, ...scope });
  });
}

async function runFileGuarded(holder: ClientHolder, session: RunSession, uriArg: unknown): Promise<RunGuardedResult | undefined> {
  const document = uriArg !== undefined ? await vscode.workspace.openTextDocument(typeof uriArg === 'string' ? vscode.Uri.parse(uriArg, true) : (uriArg as vscode.Uri)) : sqlEditor()?.document;
  if (!document) return undefined;
  return withRunningServer(holder, async (client) => {
    const uri = document.uri.toString();
    const version = document.version;
    const count = await client.sendRequest(CountStatementsRequest.type, { uri, version });
    if (!count) {
      void vscode.window.showWarningMessage('Safe SQL: the file changed while it was being counted; run it again.');
      return undefined;
    }
    if (count.statements === 0) {
      void vscode.window.showInformationMessage('Safe SQL: this file holds no SQL statement to run.');
      return undefined;
    }
    const n = `${count.statements} statement${count.statements === 1 ? '' : 's'}`;
    const go: vscode.MessageItem = { title: 'Run File' };
    const choice = await vscode.window.showWarningMessage(`Run the whole file guarded? It holds ${n}.`, {
      modal: true,
      detail: `All ${n} run in one transaction. Nothing is committed before you see each statement's real row count and confirm.`,
    }, go, { title: 'Cancel', isCloseAffordance: true });
    if (choice !== go) return undefined;
    return session.run(client, { uri, version, scope: 'file' });
  });
}

function sqlEditor(): vscode.TextEditor | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== 'sql') {
    void vscode.window.showWarningMessage('Safe SQL: open a SQL file, put the cursor in a statement (or select it), then run it guarded.');
    return undefined;
  }
  return editor;
}
