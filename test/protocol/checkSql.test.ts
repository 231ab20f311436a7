/** safeSql/checkSql (for language-model tools) over the real protocol: graded for the named connection. */
import * as assert from 'node:assert/strict';
import { CheckSqlRequest } from '../../shared/protocol';
import { fileUri, startClient, TestClient } from './client';

describe('protocol: checkSql', function () {
  let client: TestClient | undefined;
  afterEach(async () => {
    await client?.stop();
    client = undefined;
  });
  const connections = [
    { name: 'prod-main', environment: 'production', host: 'db.example.com', database: 'shop', user: 'app' },
    { name: 'dev', environment: 'development' },
  ];

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
