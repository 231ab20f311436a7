/** The installed extension itself: activation, packaged files, and the commands it registers. */
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { EXTENSION_ID, closeAllEditors, openNewSqlFile, waitForDiagnostics, withRule } from './helpers';

describe('the installed extension', () => {
  afterEach(closeAllEditors);

  it('activates on a SQL file, from the folder the .vsix was installed to', async () => {
    const editor = await openNewSqlFile('dev', 'SELECT 1;\n');
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is not loaded`);
    await ext.activate();
    assert.equal(ext.isActive, true);
    // The parser's .wasm must have been packaged next to the server bundle.
    for (const f of ['dist/extension.js', 'dist/server.js', 'dist/libpg-query.wasm']) {
      assert.ok(existsSync(join(ext.extensionPath, f)), `${f} is missing from ${ext.extensionPath}`);
    }
    assert.equal(editor.document.languageId, 'sql');
  });

  it('registers its commands at activation', async () => {
    const all = new Set(await vscode.commands.getCommands(true));
    for (const id of ['safeSql.placeCursor', 'safeSql.restartServer', 'safeSql.showOutput']) {
      assert.ok(all.has(id), `command ${id} is not registered`);
    }
  });

  it('restarts the language server on command, and diagnostics come back', async () => {
    await vscode.commands.executeCommand('safeSql.restartServer');
    const editor = await openNewSqlFile('prod', 'TRUNCATE orders;\n');
    await waitForDiagnostics(editor.document.uri, withRule('truncate'), 'a truncate diagnostic after the restart');
  });
});
