/**
 * The language-model tools through the real `vscode.lm` API: an agent's check is graded for the
 * connection's environment, and an agent's run goes through the same guard as a person's.
 * The commit path, which needs the modal, is in layer 2.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors } from './helpers';

function pg(): { host: string; port: number; user: string; password: string; database: string } {
  const raw = process.env.SAFE_SQL_E2E_PG;
  if (!raw) throw new Error('SAFE_SQL_E2E_PG is not set: the e2e runner starts PostgreSQL');
  return JSON.parse(raw) as ReturnType<typeof pg>;
}

async function invoke(name: string, input: Record<string, unknown>): Promise<string> {
  const result = await vscode.lm.invokeTool(name, { input, toolInvocationToken: undefined }, new vscode.CancellationTokenSource().token);
  return result.content.map((p) => (p instanceof vscode.LanguageModelTextPart ? p.value : '')).join('');
}

describe('language-model tools (extension host)', () => {
  before(async () => {
    const { host, port, user, database, password } = pg();
    await vscode.commands.executeCommand('safeSql.addConnection', { profile: { name: 'e2e-agent', environment: 'production', host, port, user, database }, password, target: 'workspace' });
  });
  afterEach(closeAllEditors);

  it('contributes safe-sql_check and safe-sql_run', () => {
    const names = vscode.lm.tools.map((t) => t.name);
    assert.ok(names.includes('safe-sql_check'), names.join(', '));
    assert.ok(names.includes('safe-sql_run'), names.join(', '));
  });

  it('safe-sql_check grades a WHERE-less DELETE as an error on a production connection', async () => {
    const text = await invoke('safe-sql_check', { sql: 'DELETE FROM orders;', connection: 'e2e-agent' });
    assert.match(text, /errors: a guarded run refuses this SQL/);
    assert.match(text, /"rule":"missing-where","severity":"error"/);
  });

  it('safe-sql_run refuses it, and runs a read on the named connection, returning its rows', async () => {
    assert.match(await invoke('safe-sql_run', { sql: 'DELETE FROM orders;', connection: 'e2e-agent' }), /^Refused: nothing was run/);
    const text = await invoke('safe-sql_run', { sql: 'SELECT count(*) AS n FROM items WHERE id <= 42;', connection: 'e2e-agent' });
    assert.match(text, /"connection":"e2e-agent"/);
    assert.match(text, /"sample":\[\["42"\]\]/);
  });
});
