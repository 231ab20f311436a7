/** Pin in File: the `-- safe-sql: connection=<name>` directive at the top of the document. */
import * as vscode from 'vscode';

const DIRECTIVE = /^\s*--\s*safe-sql:\s*connection\s*=/i;

/** Writes (or replaces) the connection directive above the first statement. */
export async function pinDirective(uri: vscode.Uri, name: string): Promise<void> {
  const doc = await vscode.workspace.openTextDocument(uri);
  const line = `-- safe-sql: connection=${name}`;
  const edit = new vscode.WorkspaceEdit();
  // Only comments and blank lines may stand before it; an existing directive there is replaced.
  for (let i = 0; i < doc.lineCount; i++) {
    const text = doc.lineAt(i).text;
    if (DIRECTIVE.test(text)) {
      edit.replace(uri, doc.lineAt(i).range, line);
      await vscode.workspace.applyEdit(edit);
      return;
    }
    if (text.trim() && !text.trim().startsWith('--')) break;
  }
  edit.insert(uri, new vscode.Position(0, 0), `${line}\n`);
  await vscode.workspace.applyEdit(edit);
}
