/** True impact, guard settings, locks and read-only endings, against a real PostgreSQL. */
import assert from 'node:assert/strict';
import { runGuarded } from '../../server/engine';
import { ConfirmSummary, Decision, RunRequest } from '../../server/engine/types';
import { useDatabase } from '../support/database';

describe('true impact, guard settings and locks (real PostgreSQL)', function () {
  this.timeout(60_000);
  const fixture = useDatabase('impact');
  beforeEach(async () => {
    await fixture.admin.query(`DROP TABLE IF EXISTS items, orders, customers, log, m CASCADE; DROP FUNCTION IF EXISTS purge(), loosen();
      CREATE TABLE customers (id int PRIMARY KEY);
      CREATE TABLE orders (id int PRIMARY KEY, customer int REFERENCES customers ON DELETE CASCADE);
      CREATE TABLE items (id int PRIMARY KEY, ord int REFERENCES orders ON DELETE CASCADE);
      INSERT INTO customers SELECT g FROM generate_series(1, 3) g;
      INSERT INTO orders SELECT g, 1 + g % 3 FROM generate_series(1, 30) g;
      INSERT INTO items SELECT g, 1 + g % 30 FROM generate_series(1, 300) g;
      CREATE TABLE log (id int NOT NULL);
      INSERT INTO log SELECT generate_series(1, 50);
      CREATE TABLE m (k int, v int) PARTITION BY RANGE (k);
      CREATE TABLE m1 PARTITION OF m FOR VALUES FROM (0) TO (100);
      CREATE TABLE m2 PARTITION OF m FOR VALUES FROM (100) TO (200);
      INSERT INTO m SELECT g, 0 FROM generate_series(0, 199) g;
      CREATE FUNCTION purge() RETURNS int LANGUAGE sql AS 'DELETE FROM log WHERE id > 20 RETURNING 1';
      CREATE FUNCTION loosen() RETURNS text LANGUAGE plpgsql AS $$BEGIN RETURN set_config('statement_timeout', '0', true); END$$;`);
  });

  const request = (text: string, extra: Partial<RunRequest> = {}): RunRequest => ({ text, environment: 'development', connection: { kind: 'url', url: fixture.url }, client: 'vscode', auditLogPath: null, ...extra });
  const answer = (d: Decision) => ({ seen: [] as ConfirmSummary[], confirm(s: ConfirmSummary) { this.seen.push(s); return Promise.resolve(d); } });
  const table = (s: ConfirmSummary, name: string) => s.impact?.tables.find((t) => t.table === name);

  it('a two-level cascade: the dialog sees every table, the total counts them, the unexplained rows are the cascade', async () => {
    const c = answer({ commit: false });
    const r = await runGuarded(request('DELETE FROM customers WHERE id = 1;'), c);
    assert.equal(r.ending, 'declined');
    const s = c.seen[0];
    assert.equal(table(s, 'customers')?.deleted, 1);
    assert.equal(table(s, 'orders')?.deleted, 10);
    assert.equal(table(s, 'items')?.deleted, 100);
    assert.equal(s.totalRows, 111);
    assert.equal(s.impact?.unexplained, 110);
    assert.equal((await fixture.admin.query('SELECT count(*)::int AS n FROM items')).rows[0].n, 300);
  });

  it('--expect-rows applies to the total impact; an in-file expectation to its own statement', async () => {
    const r = await runGuarded(request('DELETE FROM customers WHERE id = 1;', { expectRows: { min: 1, max: 1 } }), answer({ commit: true }));
    assert.equal(r.ending, 'expectation');
    const own = await runGuarded(request('-- safe-sql: expect-rows 1\nDELETE FROM customers WHERE id = 1;', { expectRows: { min: 111, max: 111 } }), answer({ commit: true }));
    assert.equal(own.ending, 'committed', own.reason);
    assert.equal(own.impact?.total, 111);
  });

  it('maxAffectedRows asks for the typed total impact', async () => {
    const c = answer({ commit: true, typed: '1' });
    const r = await runGuarded(request('DELETE FROM customers WHERE id = 1;', { maxAffectedRows: 50 }), c);
    assert.equal(c.seen[0].typed?.expected, '111');
    assert.equal(r.ending, 'declined');
  });

  it('trigger writes and function writes from a SELECT are counted and unexplained', async () => {
    await fixture.admin.query(`CREATE FUNCTION wipe() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN DELETE FROM log; RETURN NEW; END$$;
      CREATE TRIGGER wipe AFTER UPDATE ON customers FOR EACH ROW EXECUTE FUNCTION wipe();`);
    try {
      const c = answer({ commit: false });
      await runGuarded(request('UPDATE customers SET id = id WHERE id = 2;'), c);
      assert.equal(table(c.seen[0], 'log')?.deleted, 50);
      assert.equal(c.seen[0].impact?.unexplained, 50);
      const f = answer({ commit: false });
      const r = await runGuarded(request('INSERT INTO log VALUES (0);\nSELECT purge();'), f);
      assert.equal(r.ending, 'declined');
      assert.equal(table(f.seen[0], 'log')?.deleted, 30);
      assert.equal(table(f.seen[0], 'log')?.inserted, 1);
      assert.equal(f.seen[0].impact?.unexplained, 30);
      assert.ok(f.seen[0].statements[1].impact === undefined || f.seen[0].statements.length === 2);
    } finally {
      await fixture.admin.query('DROP TRIGGER wipe ON customers; DROP FUNCTION wipe()');
    }
  });

  it('a partitioned table rolls up to its parent', async () => {
    const c = answer({ commit: false });
    await runGuarded(request('UPDATE m SET v = 1 WHERE k BETWEEN 90 AND 109;', { batchSize: 1 }), c);
    const s = c.seen[0];
    assert.deepEqual(s.impact?.tables.map((t) => [t.table, t.updated]), [['m', 20]]);
    assert.equal(s.impact?.unexplained, 0);
    assert.deepEqual(s.statements[0].impact?.map((t) => t.table), ['m']);
  });

  it('TRUNCATE on development: every row, with the count from before the run', async () => {
    const c = answer({ commit: false });
    await runGuarded(request('TRUNCATE log;'), c);
    const log = table(c.seen[0], 'log');
    assert.deepEqual(log?.truncated, { rowsBefore: 50 });
    assert.equal(c.seen[0].totalRows, 50);
    assert.equal(c.seen[0].impact?.unexplained, 0);
  });

  it('set_config inside a function loosening a guard setting rolls back and names it', async () => {
    const c = answer({ commit: true });
    const r = await runGuarded(request('INSERT INTO log VALUES (1);\nSELECT loosen();', { statementTimeoutMs: 10_000 }), c);
    assert.equal(r.ending, 'refused');
    assert.match(r.reason, /statement_timeout was set to 10s by the guard and is now 0/);
    assert.equal(c.seen.length, 0);
    assert.equal((await fixture.admin.query('SELECT count(*)::int AS n FROM log')).rows[0].n, 50);
  });

  it('a held ACCESS EXCLUSIVE lock and a session waiting on it are shown; the deadline is shorter', async () => {
    const waiter = await fixture.pg.connect(fixture.db);
    let waiting: Promise<unknown> | undefined;
    try {
      const c = {
        seen: [] as ConfirmSummary[],
        async confirm(s: ConfirmSummary): Promise<Decision> {
          this.seen.push(s);
          return { commit: false };
        },
      };
      const hooks = {
        confirm: async (s: ConfirmSummary): Promise<Decision> => {
          waiting ??= waiter.query('SELECT count(*) FROM log').catch(() => undefined);
          return c.confirm(s);
        },
      };
      // The lock is taken by the run; a reader queues behind it before the decision is read.
      const r = await runGuarded(request('ALTER TABLE log ADD COLUMN x int;\nSELECT pg_sleep(0) FROM (SELECT 1) s;', { lockedConfirmTimeoutMs: 7_000 }), hooks);
      assert.equal(r.ending, 'declined');
      const s = c.seen[0];
      assert.deepEqual(s.locks?.find((l) => l.relation === 'public.log'), { relation: 'public.log', mode: 'AccessExclusiveLock' });
      assert.equal(s.timeoutMs, 7_000);
    } finally {
      await waiting;
      await waiter.end();
    }
  });

  it('counts the sessions waiting on the run', async () => {
    const waiter = await fixture.pg.connect(fixture.db);
    const sql = "ALTER TABLE log ADD COLUMN y int;\nSELECT pg_sleep(1.5);";
    let waiting: Promise<unknown> | undefined;
    const timer = setTimeout(() => {
      waiting = waiter.query('SELECT count(*) FROM log').catch(() => undefined);
    }, 500);
    try {
      const c = answer({ commit: false });
      const r = await runGuarded(request(sql), c);
      assert.equal(r.ending, 'declined');
      assert.equal(c.seen[0].waitingSessions, 1);
    } finally {
      clearTimeout(timer);
      await waiting;
      await waiter.end();
    }
  });

  it('a read-only run ends with ROLLBACK: a listener hears no pg_notify', async () => {
    const listener = await fixture.pg.connect(fixture.db);
    const heard: string[] = [];
    listener.on('notification', (n) => heard.push(n.channel));
    await listener.query('LISTEN ping');
    try {
      const r = await runGuarded(request("SELECT pg_notify('ping', 'x');"), answer({ commit: true }));
      assert.equal(r.ending, 'read-only', r.reason);
      await listener.query('SELECT 1');
      await new Promise((res) => setTimeout(res, 200));
      assert.deepEqual(heard, []);
      await fixture.admin.query("NOTIFY ping, 'control'");
      await listener.query('SELECT 1');
      assert.deepEqual(heard, ['ping']);
    } finally {
      await listener.end();
    }
  });

  it('production: the planner refuses a condition reduced to true, naming the table and its estimate', async () => {
    await fixture.admin.query('ANALYZE log');
    // The analysis sees a condition on the row; the planner (PostgreSQL 17+) knows id is NOT NULL and drops it.
    const r = await runGuarded(request('DELETE FROM log WHERE id IS NOT NULL;', { environment: 'production' }), answer({ commit: true }));
    assert.equal(r.ending, 'refused', r.reason);
    assert.match(r.reason, /every row of public\.log \(the planner estimates ≈ 50 rows\)/);
    const ok = answer({ commit: false });
    const fine = await runGuarded(request('DELETE FROM log WHERE id = 3;', { environment: 'production' }), ok);
    assert.equal(fine.ending, 'declined', fine.reason);
  });
});
