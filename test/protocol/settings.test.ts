import * as assert from 'node:assert/strict';
import { DiagnosticSeverity } from 'vscode-languageserver-protocol/node';
import { fileUri, startClient, TestClient } from './client';

describe('protocol: settings', function () {
  let client: TestClient | undefined;
  afterEach(async () => {
    await client?.stop();
    client = undefined;
  });

  it('re-pulls the settings on didChangeConfiguration and re-publishes', async () => {
    let environment = 'development';
    client = await startClient({ settings: () => ({ defaultEnvironment: environment }) });
    const uri = fileUri('cfg', 'a.sql');
    const before = await client.open(uri, 'DELETE FROM users;');
    assert.equal(before[0].severity, DiagnosticSeverity.Warning);
    const pulls = client.configurationRequests.length;

    environment = 'production';
    const republished = client.nextDiagnostics(uri);
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const after = await republished;
    assert.equal(after.version, 1);
    assert.equal(after.diagnostics[0].severity, DiagnosticSeverity.Error);
    assert.ok(client.configurationRequests.length > pulls, 'the settings were pulled again');
  });

  it('treats a document as production when its settings cannot be read (fail closed)', async () => {
    client = await startClient({
      settings: () => {
        throw new Error('the settings store is unavailable');
      },
    });
    const [d] = await client.open(fileUri('cfg', 'unreadable.sql'), 'DELETE FROM users;');
    assert.equal(d.code, 'missing-where');
    assert.equal(d.severity, DiagnosticSeverity.Error);
  });

  it('caches the pulled settings per document between edits', async () => {
    client = await startClient({ settings: () => ({ defaultEnvironment: 'production' }) });
    const uri = fileUri('cfg', 'cached.sql');
    await client.open(uri, 'SELECT 1;\n');
    const pulls = client.configurationRequests.length;
    for (let v = 2; v <= 5; v++) await client.change(uri, v, [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: ' ' }]);
    assert.equal(client.configurationRequests.length, pulls);
  });

  it('uses the defaults, then settings pushed in didChangeConfiguration, when the client cannot be asked', async () => {
    client = await startClient();
    const uri = fileUri('cfg', 'push.sql');
    const before = await client.open(uri, 'UPDATE t SET a = 1;');
    assert.equal(before[0].severity, DiagnosticSeverity.Warning, 'the default environment is development');
    const republished = client.nextDiagnostics(uri);
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { safeSql: { defaultEnvironment: 'production' } } });
    assert.equal((await republished).diagnostics[0].severity, DiagnosticSeverity.Error);
    assert.equal(client.configurationRequests.length, 0);
  });

  it('logs a settings problem once, keeps serving, and fails closed on an unreadable environment', async () => {
    client = await startClient({ settings: () => ({ connections: 'nope', defaultEnvironment: 'prod' }) });
    const a = await client.open(fileUri('cfg', 'one.sql'), 'DELETE FROM t;');
    await client.open(fileUri('cfg', 'two.sql'), 'DELETE FROM t;');
    assert.equal(a[0].severity, DiagnosticSeverity.Error, 'an unreadable defaultEnvironment counts as production');
    // Both documents were analysed; each problem was logged once although the settings were read twice.
    const shape = client.logs.filter((m) => m.includes('safeSql.connections must be an array'));
    assert.equal(shape.length, 1, client.logs.join('\n'));
  });
});
