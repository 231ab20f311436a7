/** Scenario 2 through the API: "Add WHERE clause" inserts the clause and puts the cursor in it. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, onlyRule, openNewSqlFile, waitForDiagnostics, withRule } from './helpers';

describe('quick fixes', () => {
  afterEach(closeAllEditors);

  it('"Add WHERE clause" inserts " WHERE " before the semicolon and places the cursor after it', async () => {
    const editor = await openNewSqlFile('prod', 'DELETE FROM orders;\n');
    const uri = editor.document.uri;
    const d = onlyRule(await waitForDiagnostics(uri, withRule('missing-where'), 'missing-where'), 'missing-where');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, d.range, vscode.CodeActionKind.QuickFix.value);
    const titles = actions.map((a) => a.title);
    const fix = actions.find((a) => a.title === 'Add WHERE clause');
    assert.ok(fix, `no "Add WHERE clause" among ${JSON.stringify(titles)}`);
    assert.ok(fix.edit, 'the fix carries no edit');
    // What the editor does when the user picks it: apply the edit, then run its command.
    assert.equal(await vscode.workspace.applyEdit(fix.edit), true);
    assert.ok(fix.command, 'the fix carries no cursor command');
    await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments ?? []));
    assert.equal(editor.document.lineAt(0).text, 'DELETE FROM orders WHERE ;');
    const active = vscode.window.activeTextEditor;
    assert.equal(active?.document.uri.toString(), uri.toString());
    assert.deepEqual([active.selection.active.line, active.selection.active.character], [0, 'DELETE FROM orders WHERE '.length]);
    assert.equal(active.selection.isEmpty, true);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('placeCursor rejects arguments that are not a uri and a position', async () => {
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('safeSql.placeCursor', 42, 'nowhere')), /expected \(uri, \{line, character\}\)/);
  });
});
