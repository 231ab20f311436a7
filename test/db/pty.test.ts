/**
 * `safe-sql run` on a pseudo-terminal (util-linux `script`): the question, a typed answer, the CLI
 * killed while it waits, and the server's dead-man switch when the CLI freezes.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { hasScript, runCliOnPty, within } from '../support/cli';
import { acquirePostgres, releasePostgres, TestPostgres } from '../support/postgres';

describe('safe-sql run on a terminal (real PostgreSQL)', function () {
  this.timeout(40_000);
  let pg: TestPostgres;
  let db: string;
  let admin: Client;
  let dir: string;
  let audit: string;

  before(async function () {
    if (!hasScript) this.skip();
    pg = await acquirePostgres();
    db = await pg.createDatabase('pty');
    admin = await pg.connect(db);
    dir = mkdtempSync(join(tmpdir(), 'safe-sql-pty-'));
    audit = join(dir, 'audit.jsonl');
  });
  after(async () => {
    if (!hasScript) return;
    await admin?.end();
    rmSync(dir, { recursive: true, force: true });
    await releasePostgres();
  });
  beforeEach(async () => {
    await admin.query('DROP TABLE IF EXISTS t; CREATE TABLE t (id int PRIMARY KEY, v int NOT NULL DEFAULT 0); INSERT INTO t (id) SELECT g FROM generate_series(1, 10) g');
  });

  const start = (sql: string, ...args: string[]) => {
    const file = join(dir, `p${Math.random().toString(36).slice(2)}.sql`);
    writeFileSync(file, sql);
    return runCliOnPty(['run', file, '--url', pg.url(db), '--audit-log', audit, ...args]);
  };
  const values = async () => (await admin.query<{ v: number }>('SELECT v FROM t ORDER BY id')).rows.map((r) => r.v).join(',');
  /** True once another session can lock row 1 at once. */
  const row1Free = async () => {
    const probe = await pg.connect(db);
    try {
      await probe.query('BEGIN; SELECT 1 FROM t WHERE id = 1 FOR UPDATE NOWAIT');
      return true;
    } catch {
      return false;
    } finally {
      await probe.end();
    }
  };

  it('asks with each statement and its count; y commits', async () => {
    const p = start('UPDATE t SET v = 4 WHERE id < 3;');
    await p.waitFor('Commit? [y/N]');
    assert.match(p.output(), /UPDATE\s+2 rows/);
    p.type('y\n');
    assert.equal(await p.exited, 0, p.output());
    assert.equal(await values(), '4,4,0,0,0,0,0,0,0,0');
  });

  it('anything else rolls back (exit 3)', async () => {
    const p = start('UPDATE t SET v = 4 WHERE id < 3;');
    await p.waitFor('Commit? [y/N]');
    p.type('sure\n');
    assert.equal(await p.exited, 3, p.output());
    assert.equal(await values(), '0,0,0,0,0,0,0,0,0,0');
  });

  it('a suppressed finding on production needs the exact count typed', async () => {
    const sql = '-- safe-sql-ignore missing-where: resetting the table\nUPDATE t SET v = 6;';
    const wrong = start(sql);
    await wrong.waitFor('Type 10 to commit');
    wrong.type('y\n');
    assert.equal(await wrong.exited, 3);
    const right = start(sql);
    await right.waitFor('Type 10 to commit');
    right.type('10\n');
    assert.equal(await right.exited, 0, right.output());
    assert.equal(await values(), '6,6,6,6,6,6,6,6,6,6');
  });

  it('SIGKILL while waiting for the answer: nothing committed and the row locks freed at once', async () => {
    const p = start('UPDATE t SET v = 5 WHERE id = 1;');
    await p.waitFor('Commit? [y/N]');
    assert.equal(await row1Free(), false, 'the run holds the row lock while it waits');
    const pid = p.cliPid();
    assert.ok(pid, 'found the CLI process');
    process.kill(pid, 'SIGKILL');
    const ms = await within(2_000, row1Free);
    assert.ok(ms <= 2_000);
    assert.equal(await values(), '0,0,0,0,0,0,0,0,0,0');
    p.child.kill('SIGKILL');
    await p.exited;
  });

  it('a frozen CLI: the server ends the idle transaction (dead-man switch)', async function () {
    this.timeout(40_000);
    const p = start('UPDATE t SET v = 5 WHERE id = 1;', '--confirm-timeout', '1s');
    await p.waitFor('Commit? [y/N]');
    const pid = p.cliPid();
    assert.ok(pid);
    process.kill(pid, 'SIGSTOP');
    try {
      // idle_in_transaction_session_timeout = confirm timeout + 5 s margin
      await within(15_000, row1Free);
      assert.equal(await values(), '0,0,0,0,0,0,0,0,0,0');
    } finally {
      // script(1) stops itself when its child stops: wake both.
      process.kill(pid, 'SIGCONT');
      p.child.kill('SIGCONT');
    }
    assert.equal(await p.exited, 3, p.output());
    const last = readFileSync(audit, 'utf8').trim().split('\n').pop()!;
    assert.equal(JSON.parse(last).outcome, 'rolled-back');
  });

  it('Ctrl+C while a statement runs cancels it and rolls back', async () => {
    const p = start('UPDATE t SET v = 5 WHERE id = 1;\nSELECT pg_sleep(30);', '--env', 'staging');
    await within(15_000, async () => (await admin.query("SELECT 1 FROM pg_stat_activity WHERE query LIKE '%pg_sleep(30)%' AND pid <> pg_backend_pid() AND state = 'active'")).rowCount === 1);
    process.kill(p.cliPid()!, 'SIGINT');
    assert.equal(await p.exited, 3, p.output());
    assert.match(p.output(), /cancelled/);
    assert.equal(await values(), '0,0,0,0,0,0,0,0,0,0');
  });
});
