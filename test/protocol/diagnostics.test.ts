import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Diagnostic, DiagnosticSeverity } from 'vscode-languageserver-protocol/node';
import { fileUri, ROOT, startClient, TestClient } from './client';

const PROD = { connections: [{ name: 'prod-main', environment: 'production' }, { name: 'dev', environment: 'development' }], documentConnections: { '**/prod/**/*.sql': 'prod-main' } };

function byRule(diagnostics: Diagnostic[], rule: string): Diagnostic {
  const d = diagnostics.find((x) => x.code === rule);
  assert.ok(d, `expected a ${rule} diagnostic, got ${JSON.stringify(diagnostics.map((x) => x.code))}`);
  return d;
}

describe('protocol: diagnostics', function () {
  let client: TestClient;
  beforeEach(async () => {
    client = await startClient({ settings: () => PROD });
  });
  afterEach(async () => {
    await client.stop();
  });

  it('reports missing-where with the rule id, a doc link, the source and exact UTF-16 positions after an emoji line', async () => {
    const uri = fileUri('prod', 'cleanup.sql');
    const text = '-- 削除 ✓ 🚀 cleanup\nSELECT 1;\n  🚀; DELETE FROM users;\n';
    const diagnostics = await client.open(uri, text);
    const d = byRule(diagnostics, 'missing-where');
    assert.equal(d.source, 'safe-sql');
    assert.equal(d.severity, DiagnosticSeverity.Error);
    // "  🚀; " is 2 + 2 (surrogate pair) + 2 UTF-16 units.
    assert.deepEqual(d.range, { start: { line: 2, character: 6 }, end: { line: 2, character: 12 } });
    const href = d.codeDescription?.href ?? '';
    assert.match(href, /^file:\/\/.*\/docs\/rules\/missing-where\.md$/);
    // Resolved beside the bundle: dist/../docs/rules, the folder that ships in the .vsix.
    assert.equal(fileURLToPath(href), path.join(ROOT, 'docs', 'rules', 'missing-where.md'));
  });

  it('reports each rule with its own code', async () => {
    const uri = fileUri('prod', 'mixed.sql');
    const text = 'TRUNCATE audit;\nUPDATE t SET a = 1 WHERE 1 = 1;\nDROP TABLE old;\nSELEC 1;\nBEGIN;\n';
    const diagnostics = await client.open(uri, text);
    assert.deepEqual(diagnostics.map((d) => [d.code, d.range.start.line, d.severity]), [
      ['truncate', 0, DiagnosticSeverity.Error],
      ['always-true-where', 1, DiagnosticSeverity.Error],
      ['destructive-ddl', 2, DiagnosticSeverity.Error],
      ['syntax-error', 3, DiagnosticSeverity.Error],
      ['transaction-control', 4, DiagnosticSeverity.Warning],
    ]);
  });

  it('lowers errors to warnings outside production, and pulls the settings with the document as scope', async () => {
    const uri = fileUri('dev', 'scratch.sql');
    const diagnostics = await client.open(uri, 'DELETE FROM users;');
    assert.equal(byRule(diagnostics, 'missing-where').severity, DiagnosticSeverity.Warning);
    assert.ok(client.configurationRequests.some((item) => item.section === 'safeSql' && item.scopeUri === uri));
  });

  it('binds a document through the connection directive', async () => {
    const uri = fileUri('scratch', 'one.sql');
    const diagnostics = await client.open(uri, '-- safe-sql: connection=prod-main\nDELETE FROM users;');
    assert.equal(byRule(diagnostics, 'missing-where').severity, DiagnosticSeverity.Error);
  });

  it('lets the stricter environment win: a development directive cannot relax a production glob', async () => {
    const uri = fileUri('prod', 'relaxed.sql');
    const diagnostics = await client.open(uri, '-- safe-sql: connection=dev\nDELETE FROM users;');
    assert.equal(byRule(diagnostics, 'missing-where').severity, DiagnosticSeverity.Error);
  });

  it('uses defaultEnvironment for unbound documents', async () => {
    client.settings = () => ({ defaultEnvironment: 'production' });
    const diagnostics = await client.open(fileUri('misc', 'x.sql'), 'UPDATE t SET a = 1;');
    assert.equal(byRule(diagnostics, 'missing-where').severity, DiagnosticSeverity.Error);
  });

  it('keeps a suppressed finding, as a warning that says it was suppressed and why', async () => {
    const uri = fileUri('prod', 'suppressed.sql');
    const diagnostics = await client.open(uri, '-- safe-sql-ignore missing-where: the table is a scratch copy\nDELETE FROM scratch;');
    const d = byRule(diagnostics, 'missing-where');
    assert.equal(d.severity, DiagnosticSeverity.Warning);
    assert.match(String(d.message), /suppressed/i);
    assert.match(String(d.message), /the table is a scratch copy/);
  });

  it('re-analyses after an incremental edit and echoes the version', async () => {
    const uri = fileUri('prod', 'edit.sql');
    const text = '-- 🚀\nSELECT 1;\nDELETE FROM users;\n';
    const before = await client.open(uri, text, 3);
    byRule(before, 'missing-where');
    // Insert " WHERE id = 1" before the ';' of line 2.
    const at = { line: 2, character: 'DELETE FROM users'.length };
    const after = await client.change(uri, 4, [{ range: { start: at, end: at }, text: ' WHERE id = 1' }]);
    assert.deepEqual(after, []);
    // And back: the version of each publication is the version it analysed.
    const again = await client.change(uri, 5, [{ range: { start: at, end: { line: 2, character: at.character + 13 } }, text: '' }]);
    byRule(again, 'missing-where');
  });

  it('never publishes an older version after a newer one when edits arrive in a burst', async () => {
    const uri = fileUri('prod', 'burst.sql');
    await client.open(uri, 'SELECT 1;\n', 1);
    const last = client.diagnosticsFor(uri, 40);
    for (let v = 2; v <= 40; v++) {
      const at = { line: 1, character: 0 };
      void client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [{ range: { start: at, end: at }, text: v === 40 ? 'DELETE FROM t;' : '' }] });
    }
    const final = await last;
    byRule(final.diagnostics, 'missing-where');
    const published = client.publications(uri).map((p) => p.version ?? -1);
    assert.deepEqual(published, [...published].sort((a, b) => a - b), `versions published out of order: ${published.join(', ')}`);
  });

  it('clears the diagnostics of a closed document', async () => {
    const uri = fileUri('prod', 'closed.sql');
    await client.open(uri, 'DELETE FROM users;');
    const cleared = client.nextDiagnostics(uri);
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    assert.deepEqual((await cleared).diagnostics, []);
  });
});
