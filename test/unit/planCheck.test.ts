import assert from 'node:assert/strict';
import { everyRowOf, explainSql } from '../../server/engine/planCheck';
import { difference, parseSnapshot, summarise } from '../../server/engine/impact';
import { StatementResult } from '../../server/engine/types';

const modify = (input: Record<string, unknown>) => [{ Plan: { 'Node Type': 'ModifyTable', 'Relation Name': 't', Schema: 'public', Plans: [{ 'Parent Relationship': 'Outer', ...input }] } }];

describe('the planner check (every row of the target)', () => {
  it('a scan with no filter and no index condition is every row, with the estimate', () => {
    assert.deepEqual(everyRowOf(modify({ 'Node Type': 'Seq Scan', 'Plan Rows': 50 })), { table: 'public.t', rows: 50 });
    assert.deepEqual(everyRowOf(JSON.stringify(modify({ 'Node Type': 'Append', Plans: [{ 'Node Type': 'Seq Scan', 'Plan Rows': 3 }, { 'Node Type': 'Seq Scan', 'Plan Rows': 4 }] }))), { table: 'public.t', rows: 7 });
  });
  it('a filter, an index condition, a join or a one-time filter restricts the rows', () => {
    assert.equal(everyRowOf(modify({ 'Node Type': 'Seq Scan', Filter: '(id = 3)' })), undefined);
    assert.equal(everyRowOf(modify({ 'Node Type': 'Index Scan', 'Index Cond': '(id = 3)' })), undefined);
    assert.equal(everyRowOf(modify({ 'Node Type': 'Hash Join', 'Hash Cond': '(t.id = u.id)', Plans: [{ 'Node Type': 'Seq Scan' }] })), undefined);
    assert.equal(everyRowOf(modify({ 'Node Type': 'Result', 'One-Time Filter': 'false', Plans: [{ 'Node Type': 'Seq Scan' }] })), undefined);
    assert.equal(everyRowOf(modify({ 'Node Type': 'Append', Plans: [{ 'Node Type': 'Seq Scan' }, { 'Node Type': 'Seq Scan', Filter: 'x' }] })), undefined);
  });
  it('uses GENERIC_PLAN from PostgreSQL 16', () => {
    assert.match(explainSql('DELETE FROM t WHERE id = $1;', 160004), /GENERIC_PLAN\) DELETE FROM t WHERE id = \$1\n$/);
    assert.doesNotMatch(explainSql('DELETE FROM t;', 150018), /GENERIC_PLAN/);
  });
});

describe('the impact from counter snapshots', () => {
  const stmt = (command: string, rows: number, index = 0): StatementResult => ({ index, line: 1, text: '', command, rows, ms: 0 });
  it('subtracts the baseline, rolls partitions of one root together, and counts what no tag explains', () => {
    const before = parseSnapshot(JSON.stringify([[1, 'public', 'orders', 0, 12, 0]]));
    const after = parseSnapshot(JSON.stringify([[1, 'public', 'orders', 0, 12, 600], [1, 'public', 'orders', 0, 0, 400], [2, 'public', 'customers', 0, 0, 1]]));
    const impact = summarise(difference(before, after), [], [stmt('DELETE', 1)]);
    assert.deepEqual(impact.tables.map((t) => [t.table, t.deleted, t.updated]), [['orders', 1000, 0], ['customers', 1, 0]]);
    assert.equal(impact.total, 1001);
    assert.equal(impact.unexplained, 1000);
  });
  it('a SELECT count explains nothing; a truncated table counts every row it had', () => {
    const impact = summarise(new Map(), [{ schema: 'public', table: 'log', rowsBefore: 50 }], [stmt('SELECT', 1), stmt('TRUNCATE TABLE', 0, 1)]);
    assert.equal(impact.total, 50);
    assert.equal(impact.unexplained, 0);
    assert.throws(() => parseSnapshot(null));
  });
});
