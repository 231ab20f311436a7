/**
 * `safe-sql run` cannot be loosened from the command line or the file: the strictest environment
 * wins, the audit cannot be switched off, secrets and control characters never reach an output,
 * huge values cannot exhaust memory, internal errors are one plain line, psql commands are named.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { runCli } from '../support/cli';
import { TEN_ROWS, useDatabase } from '../support/database';

describe('safe-sql run hardening (CLI, real PostgreSQL)', function () {
  this.timeout(120_000);
  const fixture = useDatabase('hardening', { beforeEach: TEN_ROWS });

  const sqlFile = (sql: string) => fixture.sqlFile(sql);
  const run = fixture.runSql;
  const count = async () => Number((await fixture.admin.query<{ n: string }>('SELECT count(*) AS n FROM t')).rows[0].n);
  const lastAudit = fixture.lastAudit;

  it('--env development of a file whose directive names a connection is production: a WHERE-less DELETE is refused', async () => {
    const r = await run('-- safe-sql: connection=prod-main\nDELETE FROM t;\n', '--env', 'development', '--expect-rows', '10');
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /production/i);
    assert.equal(await count(), 10);
    assert.equal(lastAudit().environment, 'production');
  });

  it('an empty --audit-log is a usage error before anything runs', async () => {
    const r = await runCli(['run', sqlFile('DELETE FROM t WHERE id = 1;'), '--url', fixture.url, '--audit-log', '', '--env', 'development', '--yes']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /audit/);
    assert.equal(await count(), 10);
  });

  it('the audit record carries the run id, the database without password, and how it ended', async () => {
    const r = await run('UPDATE t SET v = 1 WHERE id = 1;', '--env', 'staging', '--yes', '--format', 'json');
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { runId: string };
    assert.match(out.runId, /^[0-9a-f-]{36}$/);
    const a = lastAudit();
    assert.equal(a.runId, out.runId);
    assert.equal(a.ending, 'committed');
    assert.equal(a.outcome, 'committed');
    const database = a.database as Record<string, unknown>;
    assert.deepEqual(Object.keys(database).sort(), ['host', 'name', 'port', 'user']);
    assert.equal(database.name, fixture.db);
    assert.equal(typeof database.port, 'number');
    assert.ok(!JSON.stringify(a).includes(fixture.pg.password));
  });

  it('ALTER ROLE … PASSWORD never shows the literal: not in stdout, stderr, JSON or the audit', async () => {
    await fixture.admin.query('DROP ROLE IF EXISTS app_pw; CREATE ROLE app_pw');
    const secret = 'Sup3r-Secret-Literal';
    const sql = `ALTER ROLE app_pw PASSWORD '${secret}';\n`;
    for (const format of ['text', 'json']) {
      const r = await run(sql, '--env', 'development', '--yes', '--format', format);
      assert.equal(r.code, 0, r.stderr);
      assert.ok(!r.stdout.includes(secret), r.stdout);
      assert.ok(!r.stderr.includes(secret), r.stderr);
      if (format === 'text') assert.match(r.stdout, /PASSWORD '\*\*\*'/);
    }
    const a = lastAudit();
    assert.match(String(a.statements[0].text), /PASSWORD '\*\*\*'/);
    assert.ok(!readFileSync(fixture.audit, 'utf8').includes(secret));
    // A failure (unknown role) quotes neither the statement nor its secret.
    const f = await run(`ALTER ROLE no_such_role PASSWORD '${secret}';\n`, '--env', 'development', '--yes');
    assert.equal(f.code, 4);
    assert.ok(!(f.stdout + f.stderr + readFileSync(fixture.audit, 'utf8')).includes(secret));
  });

  it('a carriage return or an escape sequence in the statement is shown escaped, never obeyed', async () => {
    const r = await run('UPDATE t SET v = 1 WHERE id = 1 /* \r\u001b[2K\u202e */;', '--env', 'staging', '--yes');
    assert.equal(r.code, 0, r.stderr);
    assert.ok(!/[\r\u001b\u202e]/.test(r.stdout + r.stderr), JSON.stringify(r.stdout));
    assert.match(r.stdout, /\\r\\e\[2K\\u202E/);
  });

  it('huge values: 60 rows of 100 MB do not exhaust memory, are cut with a note, and leave an audit record', async function () {
    this.timeout(600_000);
    const r = await run("SELECT repeat('x', 100000000) AS big FROM generate_series(1, 60);", '--env', 'development', '--format', 'json');
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout).statements, [{ command: 'SELECT', rows: 60 }]);
    const a = lastAudit();
    assert.equal(a.outcome, 'committed');
    assert.equal(a.totalRows, 60);
  });

  it('a parameter named begin: the statements split as PostgreSQL splits them, and no internal error reaches the user', async () => {
    const sql = 'CREATE FUNCTION f_begin(begin int) RETURNS int LANGUAGE sql AS $$ SELECT begin $$;\nDELETE FROM t WHERE id = 1;\n';
    const r = await run(sql, '--env', 'development', '--yes');
    assert.doesNotMatch(r.stdout + r.stderr, /Cannot read properties|TypeError|undefined \(reading/);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(await count(), 9);
    assert.deepEqual((lastAudit().statements as Array<{ command: string }>).map((s) => s.command), ['CREATE FUNCTION', 'DELETE']);
  });

  it('psql commands: no-ops are reported as skipped, others refuse the run and are named', async () => {
    const ok = await run('\\timing on\n\\echo hello\nUPDATE t SET v = 1 WHERE id = 1;\n', '--env', 'staging', '--yes');
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stderr, /skipped the psql command at line 1: \\timing on/);
    assert.match(ok.stderr, /line 2: \\echo hello/);
    assert.deepEqual(lastAudit().skipped, ['line 1: \\timing on', 'line 2: \\echo hello']);
    const refused = await run('\\set x 1\n\\i other.sql\nDELETE FROM t WHERE id = 1;\n', '--env', 'staging', '--yes');
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /\\set, \\i/);
    assert.match(refused.stderr, /line 2: \\i other\.sql/);
    assert.equal(await count(), 10);
    assert.ok(existsSync(fixture.audit));
  });
});
