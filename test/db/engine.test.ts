/** The engine API driven directly, with a scripted confirmation, against a real PostgreSQL. */
import assert from 'node:assert/strict';
import { runGuarded } from '../../server/engine';
import { ConfirmSummary, Decision, RunRequest } from '../../server/engine/types';
import { within } from '../support/cli';
import { useDatabase } from '../support/database';

describe('guarded-execution engine (real PostgreSQL)', function () {
  this.timeout(30_000);
  const fixture = useDatabase('engine');
  beforeEach(async () => {
    await fixture.admin.query('DROP TABLE IF EXISTS t; DROP SEQUENCE IF EXISTS s; CREATE SEQUENCE s; CREATE TABLE t (id int PRIMARY KEY, v int NOT NULL DEFAULT 0); INSERT INTO t (id) SELECT g FROM generate_series(1, 10) g');
  });

  const request = (text: string, extra: Partial<RunRequest> = {}): RunRequest => ({ text, environment: 'development', connection: { kind: 'url', url: fixture.url }, client: 'vscode', auditLogPath: null, ...extra });
  const answer = (d: Decision) => ({ seen: [] as ConfirmSummary[], confirm(s: ConfirmSummary) { this.seen.push(s); return Promise.resolve(d); } });
  const values = async () => (await fixture.admin.query<{ v: number }>('SELECT v FROM t ORDER BY id')).rows.map((r) => r.v).join(',');

  it('shows each statement with its real count and first rows before committing', async () => {
    const c = answer({ commit: true });
    const r = await runGuarded(request('UPDATE t SET v = 5 WHERE id < 3 RETURNING id;\nINSERT INTO t (id) VALUES (11), (12);'), c);
    assert.equal(r.ending, 'committed', r.reason);
    const s = c.seen[0];
    assert.deepEqual(s.statements.map((x) => [x.command, x.rows]), [['UPDATE', 2], ['INSERT', 2]]);
    assert.deepEqual(s.statements[0].sample, [['1'], ['2']]);
    assert.equal(s.totalRows, 4);
    assert.equal(await values(), '5,5,0,0,0,0,0,0,0,0,0,0');
  });

  it('declining rolls back', async () => {
    const r = await runGuarded(request('UPDATE t SET v = 5 WHERE id < 3;'), answer({ commit: false }));
    assert.equal(r.outcome, 'rolled-back');
    assert.equal(await values(), '0,0,0,0,0,0,0,0,0,0');
  });

  it('above maxAffectedRows only the exact typed count commits', async () => {
    const wrong = await runGuarded(request('UPDATE t SET v = 1 WHERE id < 5;', { maxAffectedRows: 3 }), answer({ commit: true, typed: '3' }));
    assert.equal(wrong.ending, 'declined');
    assert.equal(await values(), '0,0,0,0,0,0,0,0,0,0');
    const c = answer({ commit: true, typed: '4' });
    const right = await runGuarded(request('UPDATE t SET v = 1 WHERE id < 5;', { maxAffectedRows: 3 }), c);
    assert.equal(right.ending, 'committed');
    assert.equal(c.seen[0].typed?.expected, '4');
  });

  it('production: a suppressed finding runs, but needs the typed count', async () => {
    const sql = '-- safe-sql-ignore missing-where: resetting a test table\nUPDATE t SET v = 3;';
    const plain = await runGuarded(request(sql, { environment: 'production' }), answer({ commit: true }));
    assert.equal(plain.ending, 'declined');
    const typed = await runGuarded(request(sql, { environment: 'production' }), answer({ commit: true, typed: '10' }));
    assert.equal(typed.ending, 'committed', typed.reason);
    assert.equal(await values(), '3,3,3,3,3,3,3,3,3,3');
  });

  it('production reads run READ ONLY without asking', async () => {
    const c = answer({ commit: false });
    const r = await runGuarded(request('SELECT count(*) FROM t;', { environment: 'production' }), c);
    assert.equal(r.ending, 'read-only');
    assert.equal(c.seen.length, 0);
    const sneaky = await runGuarded(request("SELECT nextval('s');", { environment: 'production' }), c);
    assert.equal(sneaky.ending, 'statement-failed');
    assert.match(sneaky.reason, /read-only transaction/);
  });

  it('a read-only connection refuses a write before connecting', async () => {
    const r = await runGuarded(request('UPDATE t SET v = 1 WHERE id = 1;', { readOnly: true, connection: { kind: 'url', url: 'postgresql://nobody@127.0.0.1:1/none' } }), answer({ commit: true }));
    assert.equal(r.ending, 'refused');
    assert.match(r.reason, /read-only/);
  });

  it('a lock timeout fails the statement and rolls back', async () => {
    const holder = await fixture.pg.connect(fixture.db);
    try {
      await holder.query('BEGIN; SELECT * FROM t WHERE id = 2 FOR UPDATE');
      const r = await runGuarded(request('UPDATE t SET v = 1 WHERE id = 1;\nUPDATE t SET v = 1 WHERE id = 2;', { lockTimeoutMs: 200 }), answer({ commit: true }));
      assert.equal(r.ending, 'statement-failed');
      assert.equal(r.failedStatement, 1);
      assert.match(r.reason, /lock timeout/);
    } finally {
      await holder.query('ROLLBACK');
      await holder.end();
    }
    assert.equal(await values(), '0,0,0,0,0,0,0,0,0,0');
  });

  it('cancel stops the running statement through a second connection and rolls back everything', async () => {
    const cancel = new AbortController();
    const running = runGuarded(request('UPDATE t SET v = 1 WHERE id = 1;\nSELECT pg_sleep(30);'), { ...answer({ commit: true }), signal: cancel.signal });
    await within(10_000, async () => (await fixture.admin.query("SELECT 1 FROM pg_stat_activity WHERE query LIKE '%pg_sleep(30)%' AND pid <> pg_backend_pid() AND state = 'active'")).rowCount === 1);
    cancel.abort();
    const r = await running;
    assert.equal(r.ending, 'cancelled', r.reason);
    assert.equal(await values(), '0,0,0,0,0,0,0,0,0,0');
  });

  it('rolls back on its own when the confirmation times out', async () => {
    const never = { confirm: () => new Promise<Decision>(() => undefined) };
    const r = await runGuarded(request('UPDATE t SET v = 1 WHERE id = 1;', { confirmTimeoutMs: 300 }), never);
    assert.equal(r.ending, 'confirm-timeout');
    assert.equal(await values(), '0,0,0,0,0,0,0,0,0,0');
  });

  it('a non-transactional statement runs only alone, after a typed confirmation that says it cannot be undone', async () => {
    const script = await runGuarded(request('UPDATE t SET v = 1 WHERE id = 1;\nCREATE INDEX CONCURRENTLY t_v ON t (v);'), answer({ commit: true }));
    assert.equal(script.ending, 'refused');
    const c = answer({ commit: true, typed: fixture.db });
    const alone = await runGuarded(request('CREATE INDEX CONCURRENTLY t_v ON t (v);'), c);
    assert.equal(alone.ending, 'committed', alone.reason);
    assert.equal(c.seen[0].irreversible, true);
    assert.equal((await fixture.admin.query("SELECT 1 FROM pg_indexes WHERE indexname = 't_v'")).rowCount, 1);
    const wrong = await runGuarded(request('DROP INDEX CONCURRENTLY t_v;'), answer({ commit: true, typed: 'yes' }));
    assert.equal(wrong.ending, 'declined');
    assert.equal((await fixture.admin.query("SELECT 1 FROM pg_indexes WHERE indexname = 't_v'")).rowCount, 1);
  });

  it('an empty text is a usage error and nothing connects', async () => {
    const r = await runGuarded(request('-- nothing here\n'), answer({ commit: true }));
    assert.equal(r.ending, 'usage');
  });
});
