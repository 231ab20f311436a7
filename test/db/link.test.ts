/**
 * The link cut on purpose by a TCP proxy: during a statement, and at COMMIT. The outcome the run
 * reports must be the true one, as the server records it.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { runGuarded } from '../../server/engine';
import { RunRequest } from '../../server/engine/types';
import { runCli, within } from '../support/cli';
import { useDatabase } from '../support/database';
import { TestPostgres } from '../support/postgres';
import { LinkProxy, startProxy } from '../support/proxy';

describe('link cut during a run (TCP proxy, real PostgreSQL)', function () {
  this.timeout(30_000);
  const fixture = useDatabase('link');
  let pg: TestPostgres;
  let db: string;
  let admin: Client;
  let proxy: LinkProxy;
  before(async () => {
    ({ pg, db, admin } = fixture);
  });
  beforeEach(async () => {
    await admin.query('DROP TABLE IF EXISTS t; CREATE TABLE t (id int PRIMARY KEY, v int NOT NULL DEFAULT 0); INSERT INTO t (id) SELECT g FROM generate_series(1, 10) g');
    proxy = await startProxy(pg.port);
  });
  afterEach(() => proxy.close());

  const url = () => `postgresql://${pg.user}:${encodeURIComponent(pg.password)}@127.0.0.1:${proxy.port}/${db}`;
  const request = (text: string): RunRequest => ({ text, environment: 'staging', connection: { kind: 'url', url: url() }, client: 'cli', auditLogPath: null });
  const v1 = async () => (await admin.query<{ v: number }>('SELECT v FROM t WHERE id = 1')).rows[0].v;

  it('cut during a statement: failed, nothing committed', async () => {
    const running = runGuarded(request('UPDATE t SET v = 1 WHERE id = 1;\nSELECT pg_sleep(20);'), { confirm: () => Promise.resolve({ commit: true }) });
    await within(10_000, async () => (await admin.query("SELECT 1 FROM pg_stat_activity WHERE query LIKE '%pg_sleep(20)%' AND pid <> pg_backend_pid() AND state = 'active'")).rowCount === 1);
    proxy.cutAll();
    const r = await running;
    assert.equal(r.ending, 'statement-failed');
    assert.match(r.reason, /connection was lost/);
    assert.equal(await v1(), 0);
  });

  it('cut right after COMMIT was forwarded: reports committed, as the server says', async () => {
    proxy.onCommit = 'drop-after-forwarding';
    const r = await runGuarded(request('UPDATE t SET v = 7 WHERE id = 1;'), { confirm: () => Promise.resolve({ commit: true }) });
    await proxy.commitSeen;
    assert.equal(r.ending, 'committed', r.reason);
    assert.match(r.reason, /server reports transaction \d+ committed/);
    assert.equal(await v1(), 7);
  });

  it('cut instead of forwarding COMMIT: reports aborted, as the server says', async () => {
    proxy.onCommit = 'drop-instead';
    const r = await runGuarded(request('UPDATE t SET v = 8 WHERE id = 1;'), { confirm: () => Promise.resolve({ commit: true }) });
    assert.equal(r.ending, 'commit-aborted', r.reason);
    assert.match(r.reason, /aborted/);
    assert.equal(await v1(), 0);
  });

  it('5: when nobody can be asked afterwards, the CLI says the outcome is unknown', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'safe-sql-link-'));
    try {
      const file = join(dir, 'u.sql');
      writeFileSync(file, 'UPDATE t SET v = 9 WHERE id = 1;');
      proxy.onCommit = 'drop-after-forwarding';
      void proxy.commitSeen.then(() => (proxy.refuseNew = true));
      const r = await runCli(['run', file, '--url', url(), '--env', 'staging', '--yes', '--audit-log', join(dir, 'a.jsonl'), '--format', 'json']);
      assert.equal(r.code, 5, r.stderr);
      const out = JSON.parse(r.stdout);
      assert.equal(out.outcome, 'unknown');
      assert.match(out.reason, /txid_status\(\d+\)/);
      assert.equal(JSON.parse(readFileSync(join(dir, 'a.jsonl'), 'utf8').trim()).outcome, 'unknown');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
