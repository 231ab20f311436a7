/** The documentBinding notification, the code lenses and checkSql's grading, over the real protocol. */
import * as assert from 'node:assert/strict';
import { CodeLens } from 'vscode-languageserver-protocol/node';
import { CheckSqlRequest, DocumentBindingNotification, DocumentBindingParams } from '../../shared/protocol';
import { fileUri, startClient, TestClient } from './client';

describe('protocol: document bindings and code lenses', function () {
  let client: TestClient | undefined;
  afterEach(async () => {
    await client?.stop();
    client = undefined;
  });

  const connections = [
    { name: 'prod-main', environment: 'production', host: 'db.example.com', database: 'shop', user: 'app' },
    { name: 'dev', environment: 'development' },
  ];

  it('tells the client a document\'s binding once, and again only when it changes (the editor\'s selection included)', async () => {
    let selected: string | undefined = undefined;
    client = await startClient({ settings: () => ({ connections, documentConnections: { 'prod/**': 'prod-main' }, ...(selected ? { selectedConnection: selected } : {}) }) });
    const seen: DocumentBindingParams[] = [];
    client.connection.onNotification(DocumentBindingNotification.type, (p) => {
      seen.push(p);
    });
    const uri = fileUri('dev', 'a.sql');
    await client.open(uri, 'SELECT 1;');
    assert.deepEqual(seen, [{ uri, environment: 'development', sources: ['default'] }]);
    await client.change(uri, 2, [{ text: 'SELECT 2;' }]);
    assert.equal(seen.length, 1, 'an edit that does not change the binding sends nothing');

    selected = 'prod-main';
    const republished = client.nextDiagnostics(uri);
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await republished;
    assert.deepEqual(seen[1], { uri, environment: 'production', sources: ['selection'], connection: { name: 'prod-main', host: 'db.example.com', database: 'shop', user: 'app' } });
  });

  it('draws the production banner and a Run guarded lens per statement', async () => {
    client = await startClient({ settings: () => ({ connections, documentConnections: { '**/prod/**': 'prod-main' } }) });
    const prod = fileUri('prod', 'b.sql');
    await client.open(prod, 'SELECT 1;\nUPDATE t SET a = 1 WHERE id = 2;\n');
    const lenses = await client.connection.sendRequest<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: prod } });
    assert.deepEqual(lenses.map((l) => [l.range.start.line, l.command?.title, l.command?.command]), [
      [0, 'PRODUCTION · prod-main · app@db.example.com/shop', 'safeSql.selectConnection'],
      [0, '▶ Run guarded', 'safeSql.runGuarded'],
      [1, '▶ Run guarded', 'safeSql.runGuarded'],
    ]);
    assert.deepEqual(lenses[2].command?.arguments, [prod, { line: 1, character: 0 }]);
    const dev = fileUri('dev', 'c.sql');
    await client.open(dev, 'SELECT 1;');
    const devLenses = await client.connection.sendRequest<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: dev } });
    assert.deepEqual(devLenses.map((l) => l.command?.title), ['▶ Run guarded']);
  });

  it('asked for lenses in the same breath as didOpen or didChange, answers from that version (banner on open, no stale lens)', async () => {
    client = await startClient({ settings: () => ({ connections, documentConnections: { '**/prod/**': 'prod-main' } }) });
    const prod = fileUri('prod', 'd.sql');
    // No wait for diagnostics: the request races the analysis, as a freshly opened editor's does.
    void client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: prod, languageId: 'sql', version: 1, text: 'SELECT 1;' } });
    const lenses = await client.connection.sendRequest<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: prod } });
    assert.equal(lenses[0]?.command?.title, 'PRODUCTION · prod-main · app@db.example.com/shop');
    void client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: prod, version: 2 }, contentChanges: [{ text: 'SELECT 1;\nSELECT 2;' }] });
    const after = await client.connection.sendRequest<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: prod } });
    assert.deepEqual(after.map((l) => l.range.start.line), [0, 0, 1]);
  });

  // safeSql/checkSql, for language-model tools: the same binding decides the grading.
  it('grades for the named connection, the document\'s binding, or production for an unknown name', async () => {
    client = await startClient({ settings: () => ({ connections, documentConnections: { '**/prod/**': 'prod-main' } }) });
    const check = (params: { text: string; connection?: string; uri?: string }) => client!.connection.sendRequest(CheckSqlRequest.type, params);
    const dev = await check({ text: 'SELECT 1;\nDELETE FROM t;', connection: 'dev' });
    assert.equal(dev.environment, 'development');
    assert.equal(dev.connection, 'dev');
    assert.deepEqual(dev.findings.map((f) => [f.rule, f.severity, f.line, f.column]), [['missing-where', 'warning', 2, 1]]);
    const prod = await check({ text: 'DELETE FROM t;', uri: fileUri('prod', 'x.sql') });
    assert.equal(prod.environment, 'production');
    assert.equal(prod.connection, 'prod-main');
    assert.equal(prod.findings[0].severity, 'error');
    // The stricter environment wins: a development name does not lower a production document.
    assert.equal((await check({ text: 'DELETE FROM t;', uri: fileUri('prod', 'x.sql'), connection: 'dev' })).environment, 'production');
    const unknown = await check({ text: 'DELETE FROM t;', connection: 'nope' });
    assert.equal(unknown.environment, 'production');
    assert.equal(unknown.connection, undefined);
  });
});
