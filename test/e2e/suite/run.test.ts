/**
 * Guarded runs through the real `vscode` API: the commands and Ctrl+Enter are contributed, the
 * CodeLens signature `(uri, {line, character})` runs the statement at that line, and a refusal
 * names the rule and the document line. Runs that need the modal are in layer 2.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { closeAllEditors, EXTENSION_ID, openNewSqlFile } from './helpers';

interface Result {
  outcome: string;
  reason: string;
  connection: string;
  statements: Array<{ line: number; command?: string; rows: number | null; sample?: Array<Array<string | null>> }>;
}

function pg(): { host: string; port: number; user: string; password: string; database: string } {
  const raw = process.env.SAFE_SQL_E2E_PG;
  if (!raw) throw new Error('SAFE_SQL_E2E_PG is not set: the e2e runner starts PostgreSQL');
  return JSON.parse(raw) as ReturnType<typeof pg>;
}

describe('guarded runs (extension host)', () => {
  before(async () => {
    const { host, port, user, database, password } = pg();
    await vscode.commands.executeCommand('safeSql.addConnection', { profile: { name: 'e2e-run', environment: 'production', host, port, user, database }, password, target: 'workspace' });
  });
  afterEach(closeAllEditors);

  it('contributes Run Guarded, Run File Guarded, Cancel Guarded Run, Undo a Run…, and Ctrl+Enter in SQL editors', async () => {
    const all = new Set(await vscode.commands.getCommands(true));
    for (const id of ['safeSql.runGuarded', 'safeSql.runFileGuarded', 'safeSql.cancelRun', 'safeSql.undoRun']) assert.ok(all.has(id), `command ${id} is not registered`);
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    const pkg = JSON.parse(readFileSync(join(ext.extensionPath, 'package.json'), 'utf8')) as { contributes: { keybindings: Array<Record<string, string>> } };
    assert.deepEqual(pkg.contributes.keybindings.find((k) => k.command === 'safeSql.runGuarded'), {
      command: 'safeSql.runGuarded', key: 'ctrl+enter', mac: 'cmd+enter', when: 'editorTextFocus && editorLangId == sql',
    });
  });

  it('(uri, position) runs the statement on that line: a production read runs READ ONLY without a dialog and returns its rows', async () => {
    const editor = await openNewSqlFile('dev', '-- safe-sql: connection=e2e-run\nSELECT 1 AS one;\n\nSELECT count(*) AS n FROM items WHERE id <= 42;\n');
    const r = await vscode.commands.executeCommand<Result>('safeSql.runGuarded', editor.document.uri.toString(), { line: 3, character: 0 });
    assert.equal(r?.outcome, 'committed', JSON.stringify(r));
    assert.match(r.reason, /^read-only/);
    assert.deepEqual(r.statements.map((s) => [s.line, s.command, s.sample]), [[4, 'SELECT', [['42']]]]);
  });

  it('the cursor\'s statement, refused on production: the reason names the rule and the document line', async () => {
    const editor = await openNewSqlFile('dev', '-- safe-sql: connection=e2e-run\nSELECT 1;\nDELETE FROM orders;\n');
    editor.selection = new vscode.Selection(2, 5, 2, 5);
    const r = await vscode.commands.executeCommand<Result>('safeSql.runGuarded');
    assert.equal(r?.outcome, 'refused', JSON.stringify(r));
    assert.match(r.reason, /3:1 missing-where/);
    assert.equal(r.connection, 'e2e-run');
  });
});
