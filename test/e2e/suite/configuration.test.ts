/** A settings change re-publishes diagnostics with the new environment. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, codeOf, openNewSqlFile, waitForDiagnostics } from './helpers';

const missingWhereWith = (severity: vscode.DiagnosticSeverity) => (ds: readonly vscode.Diagnostic[]) =>
  ds.some((d) => codeOf(d) === 'missing-where' && d.severity === severity);

describe('configuration', () => {
  const section = () => vscode.workspace.getConfiguration('safeSql');
  let original: Record<string, string> | undefined;

  before(() => {
    original = section().inspect<Record<string, string>>('documentConnections')?.workspaceValue;
  });
  after(async () => {
    await section().update('documentConnections', original, vscode.ConfigurationTarget.Workspace);
    await closeAllEditors();
  });

  it('binding a development file to the production connection turns its warning into an error, and back', async () => {
    const editor = await openNewSqlFile('dev', 'DELETE FROM orders;\n');
    const uri = editor.document.uri;
    await waitForDiagnostics(uri, missingWhereWith(vscode.DiagnosticSeverity.Warning), 'a missing-where warning');
    const name = uri.path.split('/').pop();
    assert.ok(original, 'the e2e workspace has no safeSql.documentConnections');
    await section().update('documentConnections', { ...original, [`**/dev/${name}`]: 'prod-main' }, vscode.ConfigurationTarget.Workspace);
    await waitForDiagnostics(uri, missingWhereWith(vscode.DiagnosticSeverity.Error), 'a missing-where error after binding to production');
    await section().update('documentConnections', original, vscode.ConfigurationTarget.Workspace);
    await waitForDiagnostics(uri, missingWhereWith(vscode.DiagnosticSeverity.Warning), 'a missing-where warning after unbinding');
  });
});
