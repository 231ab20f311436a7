import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { DiagnosticSeverity } from 'vscode-languageserver-protocol/node';
import { CLI, fileUri, startClient } from './client';

describe('protocol: safe-sql lsp --stdio', function () {
  it('serves the same diagnostics and quick fixes through the CLI', async () => {
    const client = await startClient({ args: [CLI, 'lsp', '--stdio'], settings: () => ({ defaultEnvironment: 'production' }) });
    try {
      const uri = fileUri('cli', 'a.sql');
      const diagnostics = await client.open(uri, 'DELETE FROM users;');
      assert.deepEqual(diagnostics.map((d) => [d.code, d.severity]), [['missing-where', DiagnosticSeverity.Error]]);
      const actions = await client.codeActions(uri, diagnostics);
      assert.ok(actions.some((a) => a.title === 'Add WHERE clause'));
    } finally {
      assert.equal(await client.stop(), 0, 'a clean shutdown exits 0');
    }
  });

  it('rejects an unknown transport option with exit code 2', () => {
    const result = spawnSync(process.execPath, [CLI, 'lsp', '--socket=9000'], { encoding: 'utf8' });
    assert.equal(result.status, 2);
    assert.match(result.stderr, /--stdio/);
  });
});
