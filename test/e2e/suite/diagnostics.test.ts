/** Scenario 1 through the API: diagnostics while typing, by environment. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, codeOf, onlyRule, openNewSqlFile, waitForDiagnostics, withRule, withoutRule } from './helpers';

describe('diagnostics', () => {
  afterEach(closeAllEditors);

  it('a WHERE-less DELETE in a production-bound file is an error with code missing-where', async () => {
    const editor = await openNewSqlFile('prod', 'DELETE FROM orders;\n');
    const d = onlyRule(await waitForDiagnostics(editor.document.uri, withRule('missing-where'), 'missing-where'), 'missing-where');
    assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(d.source, 'safe-sql');
    assert.deepEqual([d.range.start.line, d.range.start.character], [0, 0]);
    // The code links to the rule's doc.
    assert.equal(typeof d.code === 'object' && d.code.target.toString().includes('missing-where'), true, `code ${JSON.stringify(d.code)}`);
  });

  it('typing WHERE id = 1 clears the error', async () => {
    const editor = await openNewSqlFile('prod', 'DELETE FROM orders;\n');
    const uri = editor.document.uri;
    await waitForDiagnostics(uri, withRule('missing-where'), 'missing-where before the edit');
    const ok = await editor.edit((b) => b.insert(new vscode.Position(0, 'DELETE FROM orders'.length), ' WHERE id = 1'));
    assert.equal(ok, true);
    assert.equal(editor.document.lineAt(0).text, 'DELETE FROM orders WHERE id = 1;');
    const ds = await waitForDiagnostics(uri, withoutRule('missing-where'), 'missing-where to clear');
    assert.deepEqual(ds.filter((d) => d.severity === vscode.DiagnosticSeverity.Error).map(codeOf), []);
  });

  it('the same statement in a development-bound file is a warning', async () => {
    const editor = await openNewSqlFile('dev', 'DELETE FROM orders;\n');
    const d = onlyRule(await waitForDiagnostics(editor.document.uri, withRule('missing-where'), 'missing-where'), 'missing-where');
    assert.equal(d.severity, vscode.DiagnosticSeverity.Warning);
  });

  it('an untitled SQL document is analysed too', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'sql', content: 'UPDATE orders SET paid = true;\n' });
    await vscode.window.showTextDocument(doc);
    const d = onlyRule(await waitForDiagnostics(doc.uri, withRule('missing-where'), 'missing-where in an untitled document'), 'missing-where');
    // Unbound documents use defaultEnvironment, development in this workspace.
    assert.equal(d.severity, vscode.DiagnosticSeverity.Warning);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
