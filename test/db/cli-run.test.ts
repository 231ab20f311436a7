/** `safe-sql run` end to end: the built CLI against a real PostgreSQL, one case per exit code. */
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { runCli } from '../support/cli';
import { TEN_ROWS, useDatabase } from '../support/database';
import { freePort } from '../support/postgres';

describe('safe-sql run (CLI, real PostgreSQL)', function () {
  this.timeout(60_000);
  const fixture = useDatabase('cli', { beforeEach: TEN_ROWS });

  const sqlFile = (sql: string) => fixture.sqlFile(sql);
  const run = fixture.runSql;
  const values = async () => (await fixture.admin.query<{ v: number }>('SELECT v FROM t ORDER BY id')).rows.map((r) => r.v).join(',');
  const lastAudit = fixture.lastAudit;
  const UPDATE_TWO = 'UPDATE t SET v = 1 WHERE id = 1;\nUPDATE t SET v = 2 WHERE id IN (2, 3);\n';

  it('0: commits when --expect-rows is met without a terminal, and audits it', async () => {
    const r = await run(UPDATE_TWO, '--expect-rows', '3');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /UPDATE\s+1 row/);
    assert.match(r.stdout, /UPDATE\s+2 rows/);
    assert.equal(await values(), '1,2,2,0,0,0,0,0,0,0');
    const a = lastAudit();
    assert.equal(a.outcome, 'committed');
    assert.equal(a.client, 'cli');
    assert.equal(a.environment, 'production');
    assert.equal(a.totalRows, 3);
    assert.deepEqual(a.expectation, { min: 3, max: 3 });
    assert.deepEqual(a.statements.map((s) => [s.command, s.rows]), [['UPDATE', 1], ['UPDATE', 2]]);
    assert.match(String(a.connection), /^127\.0\.0\.1:\d+\//);
    assert.equal(statSync(fixture.audit).mode & 0o777, 0o600);
  });

  it('0: a read-only run completes without confirmation', async () => {
    const r = await run('SELECT id FROM t WHERE id < 4;', '--format', 'json');
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.deepEqual(out.statements, [{ command: 'SELECT', rows: 3 }]);
    assert.equal(out.outcome, 'committed');
  });

  it('1: usage errors and connection errors execute nothing', async () => {
    assert.equal((await run(UPDATE_TWO, '--env', 'prod')).code, 1);
    assert.equal((await run(UPDATE_TWO, '--statement-timeout', 'soon')).code, 1);
    const port = await freePort();
    const r = await runCli(['run', sqlFile(UPDATE_TWO), '--url', `postgresql://postgres:hunter2secret@127.0.0.1:${port}/x`, '--audit-log', fixture.audit, '--expect-rows', '3']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /connection refused/);
    assert.doesNotMatch(r.stderr + r.stdout, /hunter2secret/);
    assert.equal(lastAudit().outcome, 'failed');
    assert.doesNotMatch(readFileSync(fixture.audit, 'utf8'), /hunter2secret/);
  });

  it('1: a wrong password gets one line without the secret, in output and audit', async () => {
    const url = `postgresql://postgres:Wr0ng-s3cret@127.0.0.1:${fixture.pg.port}/${fixture.db}`;
    const r = await runCli(['run', sqlFile(UPDATE_TWO), '--url', url, '--audit-log', fixture.audit, '--expect-rows', '3']);
    assert.equal(r.code, 1);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.match(r.stderr, /password authentication failed for user "postgres"/);
    assert.doesNotMatch(r.stderr + r.stdout + readFileSync(fixture.audit, 'utf8'), /Wr0ng-s3cret/);
  });

  it('connects from the PG* variables, and the real password never shows', async () => {
    const r = await runCli(['run', sqlFile(UPDATE_TWO), '--audit-log', fixture.audit, '--expect-rows', '3', '--format', 'json'], {
      env: { PGHOST: '127.0.0.1', PGPORT: String(fixture.pg.port), PGDATABASE: fixture.db, PGUSER: fixture.pg.user, PGPASSWORD: fixture.pg.password, PGSSLMODE: 'disable' },
    });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).outcome, 'committed');
    assert.doesNotMatch(r.stdout + r.stderr + readFileSync(fixture.audit, 'utf8'), new RegExp(fixture.pg.password));
  });

  it('2: refuses an error finding on production before connecting, with line:column', async () => {
    const r = await run('SELECT 1;\n  UPDATE t SET v = 9;\n', '--expect-rows', '10');
    assert.equal(r.code, 2);
    assert.match(r.stderr, /2:3 missing-where/);
    assert.equal(await values(), '0,0,0,0,0,0,0,0,0,0');
    assert.equal(lastAudit().outcome, 'refused');
  });

  it('2: refuses transaction control in any environment, and --yes on production without --expect-rows', async () => {
    const r = await run(`BEGIN;\n${UPDATE_TWO}COMMIT;\n`, '--env', 'development', '--yes');
    assert.equal(r.code, 2);
    assert.match(r.stderr, /transaction-control/);
    assert.equal((await run(UPDATE_TWO, '--yes')).code, 2);
    assert.equal(await values(), '0,0,0,0,0,0,0,0,0,0');
  });

  it('3: without a terminal and without an expectation, confirmation is impossible and it rolls back', async () => {
    const r = await run(UPDATE_TWO, '--format', 'json');
    assert.equal(r.code, 3);
    const out = JSON.parse(r.stdout);
    assert.equal(out.outcome, 'rolled-back');
    assert.equal(out.totalRows, 3);
    assert.match(out.reason, /confirmation was impossible/);
    assert.equal(await values(), '0,0,0,0,0,0,0,0,0,0');
    assert.equal(lastAudit().outcome, 'rolled-back');
  });

  it('3: a missed expectation rolls back and says by how much; a per-statement one names the statement', async () => {
    const r = await run(UPDATE_TWO, '--expect-rows', '5..9');
    assert.equal(r.code, 3);
    assert.match(r.stderr, /3 rows in total, expected 5\.\.9: 2 fewer/);
    const s = await run('UPDATE t SET v = 1 WHERE id = 1;\n-- safe-sql: expect-rows 1\nUPDATE t SET v = 2 WHERE id < 5;\n', '--env', 'staging', '--yes');
    assert.equal(s.code, 3);
    assert.match(s.stderr, /statement 2 \(line 3, UPDATE\) touched 4 rows, expected 1: 3 more/);
    assert.equal(await values(), '0,0,0,0,0,0,0,0,0,0');
  });

  it('0: --yes commits outside production', async () => {
    const r = await run(UPDATE_TWO, '--env', 'staging', '--yes');
    assert.equal(r.code, 0, r.stderr);
    assert.equal(await values(), '1,2,2,0,0,0,0,0,0,0');
  });

  it('4: a statement failing in the middle of a script keeps nothing', async () => {
    const r = await run(`${UPDATE_TWO}INSERT INTO t (id) VALUES (1);\nUPDATE t SET v = 7 WHERE id = 4;\n`, '--expect-rows', '4', '--format', 'json');
    assert.equal(r.code, 4);
    const out = JSON.parse(r.stdout);
    assert.equal(out.outcome, 'failed');
    assert.match(out.reason, /statement 3 \(line 3\) failed: duplicate key/);
    assert.deepEqual(out.statements.map((s: { command: string | null }) => s.command), ['UPDATE', 'UPDATE', null, null]);
    assert.equal(await values(), '0,0,0,0,0,0,0,0,0,0');
    assert.equal(lastAudit().outcome, 'failed');
  });

  it('4: a statement timeout rolls back', async () => {
    const r = await run('UPDATE t SET v = 1 WHERE id = 1;\nSELECT pg_sleep(5);\n', '--statement-timeout', '200ms', '--expect-rows', '1');
    assert.equal(r.code, 4);
    assert.match(r.stderr, /statement timeout/);
    assert.equal(await values(), '0,0,0,0,0,0,0,0,0,0');
  });

  it('an unwritable audit log stops the run before it starts; a full disk is reported', async () => {
    const r = await run(UPDATE_TWO, '--expect-rows', '3', '--audit-log', '/proc/no-such-dir/audit.jsonl');
    assert.equal(r.code, 1);
    assert.match(r.stderr, /cannot write the audit log/);
    assert.equal(await values(), '0,0,0,0,0,0,0,0,0,0');
    const full = await runCli(['run', sqlFile('SELECT 1;'), '--url', fixture.url, '--audit-log', '/dev/full']);
    assert.match(full.stderr, /cannot write the audit log \/dev\/full: ENOSPC/);
  });

  it('runs a 10,000-statement script with a result for each', async function () {
    this.timeout(120_000);
    const sql = Array.from({ length: 10_000 }, (_, i) => `UPDATE t SET v = v + 1 WHERE id = ${(i % 10) + 1};`).join('\n');
    const r = await run(sql, '--env', 'staging', '--expect-rows', '10000', '--format', 'json');
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.statements.length, 10_000);
    assert.ok(out.statements.every((s: { rows: number }) => s.rows === 1));
    assert.equal(await values(), '1000,1000,1000,1000,1000,1000,1000,1000,1000,1000');
  });

  it('reads the SQL from stdin with -', async () => {
    const r = await runCli(['run', '-', '--url', fixture.url, '--audit-log', fixture.audit, '--expect-rows', '3'], { input: UPDATE_TWO });
    assert.equal(r.code, 0, r.stderr);
  });
});
