import * as assert from 'node:assert/strict';
import { Diagnostic } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { fileUri, startClient, TestClient } from './client';

const BASE = [
  '-- safe-sql: connection=prod-main',
  '-- nightly ✓ 🚀',
  'UPDATE accounts SET balance = 0 WHERE id = 1;',
  'DELETE FROM sessions WHERE expires < now();',
  "SELECT 'a;b', $$ x; $$, \"where\" FROM t;",
  '/* a block; comment */ INSERT INTO t VALUES (1);',
  'DO $$ BEGIN UPDATE t SET a = 1 WHERE id = 2; END $$;',
  'CREATE FUNCTION f() RETURNS int BEGIN ATOMIC SELECT 1; END;',
  '-- safe-sql-ignore truncate: rebuilt nightly',
  'TRUNCATE cache;',
  'WITH d AS (DELETE FROM t WHERE id = 3 RETURNING *) SELECT * FROM d;',
  'UPDATE t SET a = 1 WHERE id = 4;',
].join('\n');

const SNIPPETS = [';', '$$', "'", '"', '/*', '*/', ' WHERE id = 1', '\n', '-- ', '(', ')', 'DELETE FROM t', 'BEGIN', 'END;', 'x', '🚀', '\\set x 1\n'];

function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s / 0x80000000;
  };
}

const view = (ds: Diagnostic[]) => ds.map((d) => `${d.code}@${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.severity} ${String(d.message)}`);

describe('protocol: incremental edits', function () {
  this.timeout(60_000);
  let client: TestClient;
  before(async () => {
    client = await startClient({ settings: () => ({ connections: [{ name: 'prod-main', environment: 'production' }] }) });
  });
  after(async () => {
    await client.stop();
  });

  it('after each random edit, publishes what a fresh open of the same text publishes', async () => {
    const rnd = random(7);
    const uri = fileUri('inc', 'edited.sql');
    let doc = TextDocument.create(uri, 'sql', 1, BASE);
    await client.open(uri, BASE, 1);
    for (let step = 2; step <= 250; step++) {
      const text = doc.getText();
      const a = Math.floor(rnd() * (text.length + 1));
      const deleting = rnd() < 0.35;
      const b = deleting ? Math.min(text.length, a + 1 + Math.floor(rnd() * 12)) : a;
      const insert = deleting ? '' : SNIPPETS[Math.floor(rnd() * SNIPPETS.length)];
      const range = { start: doc.positionAt(a), end: doc.positionAt(b) };
      doc = TextDocument.update(doc, [{ range, text: insert }], step);
      const edited = await client.change(uri, step, [{ range, text: insert }]);

      const freshUri = fileUri('inc', `fresh-${step}.sql`);
      const fresh = await client.open(freshUri, doc.getText());
      await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: freshUri } });
      assert.deepEqual(view(edited), view(fresh), `step ${step}: ${JSON.stringify(insert)} at ${a}-${b}\n${doc.getText()}`);
    }
  });
});
