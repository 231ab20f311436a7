/**
 * Guarded runs through the language server: the BUILT server over stdio, a scripted client that
 * answers the confirmation and credentials requests, and a real PostgreSQL.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CancellationToken } from 'vscode-languageserver-protocol/node';
import {
  CancelRunNotification,
  ConfirmRunParams,
  ConfirmRunRequest,
  ConfirmRunResult,
  CountStatementsRequest,
  CredentialsParams,
  CredentialsRequest,
  RunGuardedParams,
  RunGuardedRequest,
  RunGuardedResult,
  RunStateNotification,
  RunStateParams,
} from '../../shared/protocol';
import { CHANNEL_KEY_ENV, newChannelKey, seal } from '../../shared/secretChannel';
import { TEN_ROWS, useDatabase } from '../support/database';
import { fileUri, TestClient } from './client';

type Answer = (p: ConfirmRunParams, token: CancellationToken) => Promise<ConfirmRunResult>;

describe('guarded runs through the language server (real PostgreSQL)', function () {
  this.timeout(30_000);
  const fixture = useDatabase('lsprun', { beforeEach: TEN_ROWS });
  let settings: Record<string, unknown>;
  let key: string;
  let client: TestClient;
  let answer: Answer;
  let confirms: ConfirmRunParams[];
  let states: RunStateParams[];
  let credentials: CredentialsParams[];
  let n = 0;

  const values = async () => (await fixture.admin.query<{ v: number }>('SELECT v FROM t ORDER BY id')).rows.map((r) => r.v).join(',');
  const UNCHANGED = '0,0,0,0,0,0,0,0,0,0';

  function start(): Promise<TestClient> {
    // No PGPASSWORD or ~/.pgpass: the password must come through the sealed credentials request.
    const env: NodeJS.ProcessEnv = { ...process.env, [CHANNEL_KEY_ENV]: key, PGPASSFILE: join(fixture.dir, 'no-pgpass') };
    delete env.PGPASSWORD;
    const c = new TestClient({ settings: () => settings, env });
    c.connection.onRequest(ConfirmRunRequest.type, (p, token) => {
      confirms.push(p);
      return answer(p, token);
    });
    c.connection.onNotification(RunStateNotification.type, (p) => {
      states.push(p);
    });
    c.connection.onRequest(CredentialsRequest.type, (p) => {
      credentials.push(p);
      return p.mayPrompt ? { sealedPassword: seal(fixture.pg.password, key) } : null;
    });
    return c.initialize().then(() => c);
  }

  /** Opens a new document under `folder` and returns its URI. */
  async function open(folder: string, text: string): Promise<string> {
    const uri = fileUri(folder, `run-${++n}.sql`);
    await client.open(uri, text);
    return uri;
  }

  function run(uri: string, extra: Partial<RunGuardedParams> = {}): Promise<RunGuardedResult> {
    return client.connection.sendRequest(RunGuardedRequest.type, { runId: `run-${++n}`, uri, version: 1, scope: 'file', ...extra });
  }

  const auditRecords = () => readFileSync(fixture.audit, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);

  before(() => {
    key = newChannelKey();
  });
  beforeEach(async () => {
    const profile = { host: '127.0.0.1', port: fixture.pg.port, database: fixture.db, user: fixture.pg.user };
    settings = {
      connections: [{ name: 'prod', environment: 'production', maxAffectedRows: 5, ...profile }, { name: 'dev', environment: 'development', ...profile }],
      documentConnections: { '**/prod/**': 'prod', '**/dev/**': 'dev' },
      confirmTimeout: 120,
      auditLogPath: fixture.audit,
    };
    confirms = [];
    states = [];
    credentials = [];
    answer = () => Promise.resolve({ commit: false });
    client = await start();
  });
  afterEach(async () => {
    if (client.isRunning) await client.stop();
  });

  it('refuses a WHERE-less UPDATE on production, naming the rule and the document line; nothing runs, no password is asked', async () => {
    const uri = await open('prod', 'SELECT 1;\n\nUPDATE t SET v = 1;\n');
    const r = await run(uri, { scope: 'statement', position: { line: 2, character: 3 } });
    assert.equal(r.outcome, 'refused');
    assert.match(r.reason, /3:1 missing-where/);
    assert.equal(confirms.length, 0);
    assert.deepEqual(credentials, []);
    assert.equal(await values(), UNCHANGED);
    const last = auditRecords().at(-1)!;
    assert.equal(last.outcome, 'refused');
    assert.equal(last.client, 'vscode');
  });

  it('commits on Commit: the dialog shows the real count with document lines; RunState goes running → awaiting → finished; audited', async () => {
    answer = () => Promise.resolve({ commit: true });
    const uri = await open('prod', '-- first\nSELECT 1;\nUPDATE t SET v = 7 WHERE id <= 3;\n');
    const before = auditRecords().length;
    const r = await run(uri, { scope: 'statement', position: { line: 2, character: 0 } });
    assert.equal(r.outcome, 'committed', r.reason);
    assert.equal(confirms.length, 1);
    const c = confirms[0];
    assert.equal(c.connection, 'prod');
    assert.equal(c.environment, 'production');
    assert.deepEqual(c.statements.map((s) => [s.line, s.command, s.rows]), [[3, 'UPDATE', 3]]);
    assert.equal(c.totalRows, 3);
    assert.equal(c.typed, undefined);
    assert.equal(c.timeoutMs, 120_000);
    assert.equal(await values(), '7,7,7,0,0,0,0,0,0,0');
    assert.deepEqual(states.map((s) => s.state).filter((s, i, all) => s !== all[i - 1]), ['running', 'awaiting-confirmation', 'finished']);
    assert.equal(states.find((s) => s.state === 'awaiting-confirmation')?.rows, 3);
    assert.equal(states.at(-1)?.outcome, 'committed');
    assert.ok(states.every((s) => s.runId === r.runId && s.connection === 'prod' && s.environment === 'production'));
    // The password came sealed, with one request that allows a prompt (the environment holds none).
    assert.deepEqual(credentials.map((p) => [p.connection, p.mayPrompt]), [['prod', true]]);
    const records = auditRecords();
    assert.equal(records.length, before + 1);
    assert.equal(records.at(-1)!.outcome, 'committed');
    assert.equal(records.at(-1)!.connection, 'prod');
    assert.ok(!readFileSync(fixture.audit, 'utf8').includes(fixture.pg.password), 'the audit log holds no password');
    assert.ok(!client.logs.join('\n').includes(fixture.pg.password), 'the server log holds no password');
  });

  it('rolls back on Roll back', async () => {
    const uri = await open('prod', 'UPDATE t SET v = 5 WHERE id IN (1, 2);\n');
    const r = await run(uri);
    assert.equal(r.outcome, 'rolled-back');
    assert.match(r.reason, /declined/);
    assert.equal(confirms[0].totalRows, 2);
    assert.equal(await values(), UNCHANGED);
    assert.equal(auditRecords().at(-1)!.outcome, 'rolled-back');
  });

  it('above maxAffectedRows the count must be typed: a wrong number rolls back, the right one commits', async () => {
    answer = () => Promise.resolve({ commit: true, typed: '7' });
    const uri = await open('prod', 'UPDATE t SET v = 2 WHERE id <= 8;\n');
    const wrong = await run(uri);
    assert.equal(confirms[0].typed?.expected, '8');
    assert.equal(wrong.outcome, 'rolled-back');
    assert.match(wrong.reason, /did not match/);
    assert.equal(await values(), UNCHANGED);
    answer = () => Promise.resolve({ commit: true, typed: '8' });
    const right = await run(uri);
    assert.equal(right.outcome, 'committed', right.reason);
    assert.equal(await values(), '2,2,2,2,2,2,2,2,0,0');
  });

  it('refuses a version other than the current one, and a selection runs exactly what is selected', async () => {
    const uri = await open('dev', 'UPDATE t SET v = 1 WHERE id = 1;\nUPDATE t SET v = 2 WHERE id = 2;\n');
    await client.change(uri, 2, [{ range: { start: { line: 0, character: 27 }, end: { line: 0, character: 28 } }, text: '3' }]);
    const stale = await run(uri, { version: 1 });
    assert.equal(stale.outcome, 'refused');
    assert.match(stale.reason, /changed/);
    answer = () => Promise.resolve({ commit: true });
    const r = await run(uri, { version: 2, scope: 'selection', range: { start: { line: 1, character: 0 }, end: { line: 1, character: 32 } } });
    assert.equal(r.outcome, 'committed', r.reason);
    assert.deepEqual(confirms[0].statements.map((s) => [s.line, s.rows]), [[2, 1]]);
    assert.equal(await values(), '0,2,0,0,0,0,0,0,0,0');
  });

  it('refuses a document bound to no connection, saying how to bind one', async () => {
    const uri = await open('elsewhere', 'UPDATE t SET v = 1 WHERE id = 1;\n');
    const r = await run(uri);
    assert.equal(r.outcome, 'refused');
    assert.match(r.reason, /no connection is bound.*safeSql\.documentConnections.*connection=/);
    assert.equal(await values(), UNCHANGED);
  });

  it('counts the statements of a file for Run File Guarded', async () => {
    const uri = await open('dev', 'SELECT 1;\nSELECT 2;\n-- note\nSELECT 3');
    assert.deepEqual(await client.connection.sendRequest(CountStatementsRequest.type, { uri, version: 1 }), { statements: 3 });
    assert.equal(await client.connection.sendRequest(CountStatementsRequest.type, { uri, version: 9 }), null);
  });

  it('cancel stops a running statement and rolls everything back', async () => {
    const uri = await open('dev', 'UPDATE t SET v = 9 WHERE id = 1;\nSELECT pg_sleep(30);\n');
    const result = run(uri);
    await waitFor(async () => (await fixture.admin.query("SELECT 1 FROM pg_stat_activity WHERE query LIKE '%pg_sleep(30)%' AND state = 'active' AND pid <> pg_backend_pid()")).rowCount === 1);
    const runId = states[0].runId;
    await client.connection.sendNotification(CancelRunNotification.type, { runId });
    const r = await result;
    assert.equal(r.outcome, 'rolled-back');
    assert.match(r.reason, /cancel/);
    assert.equal(await values(), UNCHANGED);
  });

  it('one run at a time per document: a second request while the first waits is refused', async () => {
    let release: (r: ConfirmRunResult) => void = () => undefined;
    answer = () => new Promise((resolve) => (release = resolve));
    const uri = await open('dev', 'UPDATE t SET v = 4 WHERE id = 4;\n');
    const first = run(uri);
    await waitFor(() => Promise.resolve(confirms.length === 1));
    const second = await run(uri);
    assert.equal(second.outcome, 'refused');
    assert.match(second.reason, /already under way/);
    release({ commit: false });
    assert.equal((await first).outcome, 'rolled-back');
  });

  it('the confirm timeout rolls back on its own and withdraws the question', async () => {
    settings.confirmTimeout = 1;
    let withdrawn = false;
    answer = (_p, token) => new Promise((resolve) => token.onCancellationRequested(() => {
      withdrawn = true;
      resolve({ commit: true });
    }));
    const uri = await open('prod', 'UPDATE t SET v = 3 WHERE id = 3;\n');
    const r = await run(uri);
    assert.equal(r.outcome, 'rolled-back');
    assert.match(r.reason, /no confirmation within 1 s/);
    assert.equal(confirms[0].timeoutMs, 1000);
    await waitFor(() => Promise.resolve(withdrawn));
    assert.equal(await values(), UNCHANGED);
  });

  it('a client that vanishes while the dialog is open commits nothing and leaves no lock', async () => {
    answer = () => new Promise(() => undefined);
    const uri = await open('prod', 'UPDATE t SET v = 6 WHERE id = 6;\n');
    void run(uri).catch(() => undefined);
    await waitFor(() => Promise.resolve(confirms.length === 1));
    // The editor is gone: its end of the pipe closes.
    client.process.stdin!.end();
    await waitFor(async () => (await fixture.admin.query("SELECT 1 FROM pg_stat_activity WHERE application_name = 'safe-sql' AND datname = $1", [fixture.db])).rowCount === 0);
    await fixture.admin.query("SET lock_timeout = '1s'");
    await fixture.admin.query('UPDATE t SET v = v WHERE id = 6');
    assert.equal(await values(), UNCHANGED);
  });
});

/** Re-checks `test` whenever the event loop is free, until it holds (mocha's timeout bounds it). */
async function waitFor(test: () => Promise<boolean>): Promise<void> {
  while (!(await test())) await new Promise((r) => setTimeout(r, 20));
}
