/** Helpers for the extension-host suite: workspace files, editors, and waiting on diagnostics. */
import * as vscode from 'vscode';

export const EXTENSION_ID = 'safe-sql.safe-sql';

export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the e2e workbench was opened without a workspace folder');
  return folder.uri;
}

let counter = 0;

/** Writes a new SQL file under `folder` (e.g. `prod`) with a unique name, and opens it in an editor. */
export async function openNewSqlFile(folder: string, text: string): Promise<vscode.TextEditor> {
  const uri = vscode.Uri.joinPath(workspaceRoot(), folder, `case-${Date.now()}-${counter++}.sql`);
  await vscode.workspace.fs.writeFile(uri, Buffer.from(text, 'utf8'));
  const doc = await vscode.workspace.openTextDocument(uri);
  if (doc.languageId !== 'sql') throw new Error(`${uri.fsPath} opened as ${doc.languageId}, not sql`);
  return vscode.window.showTextDocument(doc);
}

/** The rule id of a diagnostic: `code` is a string or `{ value, target }`. */
export function codeOf(d: vscode.Diagnostic): string | undefined {
  const c = d.code;
  if (c === undefined) return undefined;
  return typeof c === 'object' ? String(c.value) : String(c);
}

export function describeDiagnostics(ds: readonly vscode.Diagnostic[]): string {
  return JSON.stringify(ds.map((d) => ({ code: codeOf(d), severity: vscode.DiagnosticSeverity[d.severity], line: d.range.start.line, character: d.range.start.character, message: d.message })));
}

/**
 * Resolves with the document's diagnostics once `accept` holds for them, re-checking on every
 * diagnostics change event. Rejects after `timeoutMs` with what it saw last, so a failure says why.
 */
export function waitForDiagnostics(uri: vscode.Uri, accept: (ds: readonly vscode.Diagnostic[]) => boolean, what: string, timeoutMs = 20_000): Promise<readonly vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const ds = vscode.languages.getDiagnostics(uri);
      if (!accept(ds)) return false;
      finish();
      resolve(ds);
      return true;
    };
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      finish();
      reject(new Error(`timed out waiting for ${what}; diagnostics now: ${describeDiagnostics(vscode.languages.getDiagnostics(uri))}`));
    }, timeoutMs);
    function finish(): void {
      clearTimeout(timer);
      sub.dispose();
    }
    check();
  });
}

export const withRule = (rule: string) => (ds: readonly vscode.Diagnostic[]) => ds.some((d) => codeOf(d) === rule);
export const withoutRule = (rule: string) => (ds: readonly vscode.Diagnostic[]) => !ds.some((d) => codeOf(d) === rule);

export function onlyRule(ds: readonly vscode.Diagnostic[], rule: string): vscode.Diagnostic {
  const found = ds.filter((d) => codeOf(d) === rule);
  if (found.length !== 1) throw new Error(`expected one ${rule} diagnostic, got ${describeDiagnostics(ds)}`);
  return found[0];
}

/** Closes every editor, so each test starts from the same screen. */
export async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}
