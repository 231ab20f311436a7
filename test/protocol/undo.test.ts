/**
 * Undo a Run… through the language server: the BUILT server over stdio, a scripted client that
 * confirms, and a real PostgreSQL 18. A production run commits with its undo; the list shows it;
 * its undo asks like any run, puts the rows back and is audited as the original's undo.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ConfirmRunParams,
  ConfirmRunRequest,
  ConfirmRunResult,
  CredentialsRequest,
  ListUndoableRunsRequest,
  RunGuardedRequest,
  RunGuardedResult,
  UndoRunRequest,
} from '../../shared/protocol';
import { CHANNEL_KEY_ENV, newChannelKey, seal } from '../../shared/secretChannel';
import { TEN_ROWS, useDatabase } from '../support/database';
import { fileUri, TestClient } from './client';

describe('Undo a Run through the language server (real PostgreSQL)', function () {
  this.timeout(30_000);
  const fixture = useDatabase('lspundo', { beforeEach: TEN_ROWS });
  let settings: Record<string, unknown>;
  let client: TestClient;
  let answer: (p: ConfirmRunParams) => ConfirmRunResult;
  let confirms: ConfirmRunParams[];
  let n = 0;

  const contents = async () => (await fixture.admin.query<{ h: string }>("SELECT string_agg(id || ':' || v, ',' ORDER BY id) AS h FROM t")).rows[0].h;
  const auditRecords = () => readFileSync(fixture.audit, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);

  async function open(folder: string, text: string): Promise<string> {
    const uri = fileUri(folder, `undo-${++n}.sql`);
    await client.open(uri, text);
    return uri;
  }
  const run = (uri: string): Promise<RunGuardedResult> => client.connection.sendRequest(RunGuardedRequest.type, { runId: `run-${++n}`, uri, version: 1, scope: 'file' });
  const list = (uri: string) => client.connection.sendRequest(ListUndoableRunsRequest.type, { uri });
  const undo = (uri: string, undoId: string) => client.connection.sendRequest(UndoRunRequest.type, { runId: `undo-${++n}`, uri, undoId });

  beforeEach(async () => {
    const profile = { host: '127.0.0.1', port: fixture.pg.port, database: fixture.db, user: fixture.pg.user };
    settings = {
      connections: [{ name: 'prod', environment: 'production', ...profile }, { name: 'prod-other', environment: 'production', ...profile }],
      documentConnections: { '**/prod/**': 'prod', '**/other/**': 'prod-other' },
      auditLogPath: fixture.audit,
    };
    confirms = [];
    answer = () => ({ commit: true });
    const key = newChannelKey();
    const env: NodeJS.ProcessEnv = { ...process.env, [CHANNEL_KEY_ENV]: key, PGPASSFILE: join(fixture.dir, 'no-pgpass') };
    delete env.PGPASSWORD;
    client = new TestClient({ settings: () => settings, env });
    client.connection.onRequest(ConfirmRunRequest.type, (p) => {
      confirms.push(p);
      return answer(p);
    });
    client.connection.onRequest(CredentialsRequest.type, () => ({ sealedPassword: seal(fixture.pg.password, key) }));
    await client.initialize();
  });
  afterEach(async () => {
    if (client.isRunning) await client.stop();
  });

  it('a committed production UPDATE is listed, and its undo asks with its own counts, puts the rows back and links the original', async () => {
    const before = await contents();
    const uri = await open('prod', "-- ship them\nUPDATE t SET v = 7 WHERE id <= 3;\n");
    const r = await run(uri);
    assert.equal(r.outcome, 'committed', r.reason);
    assert.deepEqual(confirms[0].undo, { available: true, partial: false, rows: 3, reason: 'undo available for 3 rows' });
    assert.equal(r.undo?.available, true);
    assert.notEqual(await contents(), before);

    const listed = await list(uri);
    assert.equal(listed.connection, 'prod');
    assert.equal(listed.runs.length, 1);
    const [item] = listed.runs;
    assert.deepEqual([item.firstStatement, item.statements, item.totalRows, item.undoRows, item.partial], ['UPDATE t SET v = 7 WHERE id <= 3;', 1, 3, 3, false]);
    assert.ok(item.user && !Number.isNaN(Date.parse(item.ts)));
    // Another connection's document does not list it, nor can it undo it.
    const other = await open('other', 'SELECT 1;\n');
    assert.deepEqual((await list(other)).runs, []);
    const elsewhere = await undo(other, item.id);
    assert.equal(elsewhere.outcome, 'refused');
    assert.match(elsewhere.reason, /ran on prod, not on prod-other/);

    const u = await undo(uri, item.id);
    assert.equal(u.outcome, 'committed', u.reason);
    assert.equal(confirms.length, 2, 'the undo asked like any production run');
    assert.equal(confirms[1].totalRows, 3);
    assert.equal(confirms[1].connection, 'prod');
    assert.equal(confirms[1].undo, undefined, 'the undo keeps no undo of its own');
    assert.equal(confirms[1].undoOf, item.id);
    assert.equal(confirms[0].undoOf, undefined);
    assert.equal(await contents(), before);
    const last = auditRecords().at(-1)!;
    assert.deepEqual([last.undoOf, last.outcome, last.client, last.connection], [item.id, 'committed', 'vscode', 'prod']);
    assert.deepEqual((await list(uri)).runs, [], 'an undone run is no longer listed');
  });

  it('declining the undo changes nothing and leaves the run listed', async () => {
    const uri = await open('prod', 'DELETE FROM t WHERE id = 4;\n');
    assert.equal((await run(uri)).outcome, 'committed');
    const after = await contents();
    const [item] = (await list(uri)).runs;
    answer = () => ({ commit: false });
    const u = await undo(uri, item.id);
    assert.equal(u.outcome, 'rolled-back');
    assert.equal(await contents(), after);
    assert.equal((await list(uri)).runs[0]?.id, item.id);
  });

  it('a row changed since the run is a conflict: listed by key, no confirmation asked, nothing changed', async () => {
    const uri = await open('prod', 'UPDATE t SET v = 1 WHERE id IN (5, 6);\n');
    assert.equal((await run(uri)).outcome, 'committed');
    await fixture.admin.query('UPDATE t SET v = 99 WHERE id = 6');
    const changed = await contents();
    const [item] = (await list(uri)).runs;
    const u = await undo(uri, item.id);
    assert.equal(u.outcome, 'rolled-back');
    assert.deepEqual(u.conflicts, ['public.t [6]']);
    assert.equal(confirms.length, 1, 'only the original run asked');
    assert.equal(await contents(), changed);
  });

  it('safeSql.undo.maxRows reaches the run: over it the dialog says so and production asks for the typed count', async () => {
    settings.undo = { maxRows: 2 };
    answer = () => ({ commit: false });
    const uri = await open('prod', 'UPDATE t SET v = 3 WHERE id <= 3;\n');
    const r = await run(uri);
    assert.equal(r.outcome, 'rolled-back');
    assert.match(confirms[0].undo?.reason ?? '', /^undo unavailable: 1 rows? over the limit/);
    assert.equal(confirms[0].typed?.expected, '3');
  });
});
