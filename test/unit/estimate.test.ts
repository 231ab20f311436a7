/** The estimate cache, the one-in-flight slot, and what may be estimated. */
import * as assert from 'node:assert/strict';
import { Analyzer } from '../../server/analysis/analyze';
import { loadParser } from '../../server/analysis/parser';
import { connectionKey, estimable, planRows } from '../../server/engine/estimate';
import { EstimateCache, LatestWins } from '../../server/engine/estimateCache';

describe('EstimateCache', () => {
  let now = 0;
  const cache = () => new EstimateCache({ ttlMs: 1000, maxEntries: 3, now: () => now });
  beforeEach(() => (now = 0));

  it('remembers per connection and statement text', () => {
    const c = cache();
    c.set('a', 'DELETE FROM t WHERE id < 100', 99);
    assert.equal(c.get('a', 'DELETE FROM t WHERE id < 100'), 99);
    assert.equal(c.get('b', 'DELETE FROM t WHERE id < 100'), undefined);
    assert.equal(c.get('a', 'DELETE FROM t WHERE id < 10'), undefined);
    c.set('a', 'DELETE FROM missing WHERE x', null);
    assert.equal(c.get('a', 'DELETE FROM missing WHERE x'), null, 'null: asked, and there is no estimate');
  });

  it('expires entries after the time to live', () => {
    const c = cache();
    c.set('a', 's', 5);
    now = 1000;
    assert.equal(c.get('a', 's'), 5);
    now = 1001;
    assert.equal(c.get('a', 's'), undefined);
    assert.equal(c.size, 0);
  });

  it('evicts the least recently used when full', () => {
    const c = cache();
    c.set('a', '1', 1);
    c.set('a', '2', 2);
    c.set('a', '3', 3);
    c.get('a', '1');
    c.set('a', '4', 4);
    assert.equal(c.get('a', '2'), undefined);
    assert.deepEqual(['1', '3', '4'].map((s) => c.get('a', s)), [1, 3, 4]);
  });

  it('forgets one connection\'s estimates only', () => {
    const c = cache();
    c.set('a', 's', 1);
    c.set('ab', 's', 2);
    c.forgetConnection('a');
    assert.equal(c.get('a', 's'), undefined);
    assert.equal(c.get('ab', 's'), 2);
  });
});

describe('LatestWins (one EXPLAIN in flight per connection)', () => {
  it('runs one at a time, and of the waiting requests only the newest', async () => {
    const started: string[] = [];
    const releases: Array<() => void> = [];
    const slot = new LatestWins<string>((item) => {
      started.push(item);
      return new Promise<void>((r) => releases.push(r));
    });
    slot.submit('SELECT 1');
    slot.submit('typing 1');
    slot.submit('typing 12');
    slot.submit('typing 123');
    assert.deepEqual(started, ['SELECT 1']);
    assert.equal(slot.busy, true);
    releases.shift()!();
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(started, ['SELECT 1', 'typing 123']);
    releases.shift()!();
    await new Promise((r) => setImmediate(r));
    assert.equal(slot.busy, false);
    assert.equal(started.length, 2);
  });

  it('a failing request leaves the slot usable', async () => {
    let calls = 0;
    const slot = new LatestWins<number>(async () => {
      calls++;
      throw new Error('boom');
    });
    slot.submit(1);
    await new Promise((r) => setImmediate(r));
    slot.submit(2);
    await new Promise((r) => setImmediate(r));
    assert.equal(calls, 2);
  });
});

describe('what may be estimated', () => {
  before(() => loadParser());
  const first = (sql: string) => new Analyzer().analyze(sql, { environment: 'production' }).statements[0];

  it('only one UPDATE or DELETE without an error finding', () => {
    assert.equal(estimable(first('DELETE FROM t WHERE id < 100;')), true);
    assert.equal(estimable(first('UPDATE t SET a = 1 WHERE id = 2;')), true);
    for (const sql of ['DELETE FROM t;', 'UPDATE t SET a = 1 WHERE 1 = 1;', 'SELECT 1;', 'INSERT INTO t VALUES (1);', 'DELETE FROM t WHERE id = ;', 'EXPLAIN ANALYZE DELETE FROM t WHERE id = 1;', 'WITH x AS (UPDATE t SET a = 1 WHERE id = 1 RETURNING 1) DELETE FROM t WHERE id = 2;', 'DO $$ BEGIN DELETE FROM t WHERE id = 1; END $$;']) {
      assert.equal(estimable(first(sql)), false, sql);
    }
  });

  it('reads the rows ModifyTable will touch from the plan', () => {
    const plan = [{ Plan: { 'Node Type': 'ModifyTable', 'Plan Rows': 0, Plans: [{ 'Node Type': 'Index Scan', 'Parent Relationship': 'Outer', 'Plan Rows': 99 }] } }];
    assert.equal(planRows(plan), 99);
    assert.equal(planRows([{ Plan: { 'Node Type': 'Seq Scan', 'Plan Rows': 12.4 } }]), 12);
    assert.equal(planRows(undefined), undefined);
    assert.equal(planRows([{}]), undefined);
  });

  it('the connection key changes with anything that changes where it connects, and holds no password', () => {
    const p = { name: 'a', environment: 'production' as const, host: 'h' };
    assert.notEqual(connectionKey(p), connectionKey({ ...p, port: 5433 }));
    assert.notEqual(connectionKey(p), connectionKey({ ...p, ssl: 'require' }));
    assert.equal(connectionKey(p), connectionKey({ ...p, maxAffectedRows: 3 }));
  });
});
