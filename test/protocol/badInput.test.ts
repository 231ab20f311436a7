import * as assert from 'node:assert/strict';
import { Diagnostic } from 'vscode-languageserver-protocol/node';
import { fileUri, startClient, TestClient } from './client';

/** A deterministic byte soup, NULs and control characters included. */
function garbage(length: number): string {
  let seed = 42;
  let out = '';
  for (let i = 0; i < length; i++) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    out += String.fromCharCode(seed % 256);
  }
  return out;
}

function statements(count: number): string {
  const lines: string[] = [];
  for (let i = 0; i < count; i++) lines.push(`UPDATE accounts SET balance = balance + ${i} WHERE id = ${i};`);
  return lines.join('\n');
}

describe('protocol: bad input', function () {
  // The bound within which the server must answer again; the analysis has a 3 s budget per document.
  this.timeout(60_000);
  let client: TestClient;
  const probe = fileUri('bad', 'probe.sql');

  before(async () => {
    client = await startClient({ settings: () => ({ defaultEnvironment: 'production' }) });
    await client.open(probe, 'DELETE FROM t;');
  });
  after(async () => {
    await client.stop();
  });

  /** The server is alive and answers a request after the bad document. */
  async function answersNextRequest(): Promise<void> {
    const diagnostics = await client.open(probe, 'DELETE FROM t;', nextProbeVersion++);
    const actions = await client.codeActions(probe, diagnostics);
    assert.ok(actions.some((a) => a.title === 'Add WHERE clause'));
    assert.ok(client.isRunning);
  }
  let nextProbeVersion = 1;
  beforeEach(async () => {
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: probe } });
    nextProbeVersion++;
  });

  function codes(diagnostics: Diagnostic[]): string[] {
    return [...new Set(diagnostics.map((d) => String(d.code)))];
  }

  it('a 10 MB file: the part past the cap is reported unverifiable', async () => {
    let text = statements(2_000);
    while (text.length < 10 * 1024 * 1024) text += `\n${statements(2_000).replace(/WHERE id = /g, `WHERE id = ${text.length} + `)}`;
    const diagnostics = await client.open(fileUri('bad', 'huge.sql'), text);
    assert.ok(codes(diagnostics).includes('unverifiable'), JSON.stringify(codes(diagnostics)));
    await answersNextRequest();
  });

  it('binary garbage', async () => {
    const diagnostics = await client.open(fileUri('bad', 'garbage.sql'), garbage(200_000));
    assert.ok(diagnostics.length > 0, 'garbage is never silently accepted');
    await answersNextRequest();
  });

  it('10,000 nested parentheses, followed by a dangerous statement', async () => {
    const text = `SELECT ${'('.repeat(10_000)}1${')'.repeat(10_000)};\nDELETE FROM t;\n`;
    const diagnostics = await client.open(fileUri('bad', 'nested.sql'), text);
    assert.deepEqual(diagnostics.map((d) => [d.code, d.range.start.line]), [['unverifiable', 0], ['missing-where', 1]]);
    await answersNextRequest();
  });

  it('an unclosed $$ at the top of a long file', async () => {
    const text = `SELECT $$ never closed\n${statements(20_000)}\nDELETE FROM t;\n`;
    const diagnostics = await client.open(fileUri('bad', 'dollar.sql'), text);
    assert.deepEqual(codes(diagnostics), ['unverifiable']);
    assert.equal(diagnostics[0].severity, 1);
    await answersNextRequest();
  });

  it('a 1 MB single statement', async () => {
    const text = `UPDATE t SET note = '${'x'.repeat(1024 * 1024)}';\n`;
    const diagnostics = await client.open(fileUri('bad', 'long.sql'), text);
    assert.deepEqual(codes(diagnostics), ['unverifiable']);
    await answersNextRequest();
  });

  it('a change with a range past the end of the document', async () => {
    const uri = fileUri('bad', 'range.sql');
    await client.open(uri, 'SELECT 1;');
    const diagnostics = await client.change(uri, 2, [{ range: { start: { line: 99, character: 5 }, end: { line: 120, character: 0 } }, text: '\nDELETE FROM t;' }]);
    assert.deepEqual(codes(diagnostics), ['missing-where']);
    await answersNextRequest();
  });

  it('a code action request with malformed diagnostic data', async () => {
    const uri = fileUri('bad', 'data.sql');
    await client.open(uri, 'DELETE FROM t;');
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 6 } };
    const actions = await client.codeActions(uri, [{ range, message: 'x', source: 'safe-sql', code: 'missing-where', data: { rule: 'missing-where', statementStart: 'nonsense' } }]);
    assert.deepEqual(actions, []);
    await answersNextRequest();
  });
});
