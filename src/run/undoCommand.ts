/**
 * Safe SQL: Undo a Run…: a quick pick of the recent runs on the active document's connection that
 * can be undone (time, user, first statement, counts; partial ones marked), then the undo as a
 * guarded run of its own, with its own counts and confirmation. The server does the work.
 */
import * as vscode from 'vscode';
import { ListUndoableRunsRequest, UndoableRunView, UndoRunResult } from '../../shared/protocol';
import { ClientHolder, withRunningServer } from '../commands';
import { environmentLabel } from './format';
import { RunSession } from './session';
import { undoableRunText } from './undoText';

export const UNDO_RUN_COMMAND = 'safeSql.undoRun';

export function registerUndoCommand(context: vscode.ExtensionContext, holder: ClientHolder, session: RunSession): void {
  context.subscriptions.push(vscode.commands.registerCommand(UNDO_RUN_COMMAND, () => undoRun(holder, session)));
}

interface RunItem extends vscode.QuickPickItem {
  run: UndoableRunView;
}

async function undoRun(holder: ClientHolder, session: RunSession): Promise<UndoRunResult | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== 'sql') {
    void vscode.window.showWarningMessage('Safe SQL: open a SQL file bound to the connection whose run you want to undo, then Undo a Run again.');
    return undefined;
  }
  const uri = editor.document.uri.toString();
  return withRunningServer(holder, async (client) => {
    if (session.isRunning(uri)) {
      void vscode.window.showWarningMessage('Safe SQL: a guarded run of this file is already under way; confirm, roll back or cancel it first.');
      return undefined;
    }
    const list = await client.sendRequest(ListUndoableRunsRequest.type, { uri, defaultAuditLogPath: session.defaultAuditLogPath });
    if (list.reason !== undefined || !list.connection) {
      void vscode.window.showWarningMessage(`Safe SQL: cannot list runs to undo: ${list.reason ?? 'no connection is bound to this document'}`);
      return undefined;
    }
    if (list.runs.length === 0) {
      void vscode.window.showInformationMessage(`Safe SQL: no committed run on ${list.connection} can be undone. Runs keep an undo on production connections, or with "undo": true on the connection.`);
      return undefined;
    }
    const picked = await vscode.window.showQuickPick(list.runs.map(runItem), {
      title: `Safe SQL: Undo a Run on ${list.connection} (${environmentLabel(list.environment)})`,
      placeHolder: 'The run to take back. Its undo runs guarded: you see its own counts and confirm before it commits.',
      matchOnDescription: true,
      matchOnDetail: true,
    });
    if (!picked) return undefined;
    return session.undo(client, { uri, undoId: picked.run.id });
  });
}

function runItem(run: UndoableRunView): RunItem {
  return { ...undoableRunText(run), run };
}
