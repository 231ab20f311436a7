/** `safe-sql run` with the true impact: the JSON contract, the audit record, and --yes with a cascade. */
import assert from 'node:assert/strict';
import { useDatabase } from '../support/database';

describe('safe-sql run: true impact (CLI, real PostgreSQL)', function () {
  this.timeout(60_000);
  const fixture = useDatabase('cliimpact');
  beforeEach(async () => {
    await fixture.admin.query(`DROP TABLE IF EXISTS orders, customers;
      CREATE TABLE customers (id int PRIMARY KEY);
      CREATE TABLE orders (id int PRIMARY KEY, customer int REFERENCES customers ON DELETE CASCADE);
      INSERT INTO customers VALUES (1), (2);
      INSERT INTO orders SELECT g, 1 FROM generate_series(1, 1000) g;`);
  });

  const run = fixture.runSql;
  const orders = async () => (await fixture.admin.query<{ n: number }>('SELECT count(*)::int AS n FROM orders')).rows[0].n;
  const lastAudit = fixture.lastAudit;

  it('--yes does not commit a cascade no statement count explains (exit 3); the JSON and the audit show it', async () => {
    const r = await run('DELETE FROM customers WHERE id = 1;', '--env', 'development', '--yes', '--format', 'json');
    assert.equal(r.code, 3, r.stderr);
    const out = JSON.parse(r.stdout) as { runId: string; impact: { tables: Array<Record<string, unknown>>; total: number; unexplained: number }; locks: unknown[]; waitingSessions: number };
    assert.match(out.runId, /^[0-9a-f-]{36}$/);
    assert.deepEqual(out.impact.tables, [
      { schema: 'public', table: 'orders', inserted: 0, updated: 0, deleted: 1000 },
      { schema: 'public', table: 'customers', inserted: 0, updated: 0, deleted: 1 },
    ]);
    assert.equal(out.impact.total, 1001);
    assert.equal(out.impact.unexplained, 1000);
    assert.deepEqual(out.locks, []);
    assert.equal(out.waitingSessions, 0);
    assert.equal(await orders(), 1000);
    const a = lastAudit();
    assert.equal(a.runId, out.runId);
    assert.deepEqual(a.impact, { tables: [{ schema: 'public', table: 'orders', inserted: 0, updated: 0, deleted: 1000 }, { schema: 'public', table: 'customers', inserted: 0, updated: 0, deleted: 1 }], total: 1001, unexplained: 1000 });
  });

  it('--expect-rows 1 misses the total of 1,001; --expect-rows 1001 covers it and commits', async () => {
    const miss = await run('DELETE FROM customers WHERE id = 1;', '--env', 'development', '--expect-rows', '1');
    assert.equal(miss.code, 3);
    assert.match(miss.stderr, /1,001 rows in total, expected 1/);
    const ok = await run('DELETE FROM customers WHERE id = 1;', '--env', 'development', '--yes', '--expect-rows', '1001');
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, /public\.orders: 1,000 deleted/);
    assert.match(ok.stdout, /1,000 row operations by cascade, trigger or function/);
    assert.equal(await orders(), 0);
  });

  it('--locked-confirm-timeout is a duration', async () => {
    const r = await run('SELECT 1;', '--locked-confirm-timeout', 'soon');
    assert.equal(r.code, 1);
    assert.match(r.stderr, /--locked-confirm-timeout takes a duration/);
  });
});
