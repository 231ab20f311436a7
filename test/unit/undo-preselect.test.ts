/** Before PostgreSQL 18: the pre-SELECT built on the statement's tree, the cascade's walk, and row texts read back. */
import assert from 'node:assert/strict';
import { loadParser } from '../../server/analysis/parser';
import { cascadeSelect, ForeignKey, walkCascade } from '../../server/engine/undo/cascade';
import { buildPreSelect } from '../../server/engine/undo/preselect';
import { recordFields, recordText, rowKey } from '../../server/engine/undo/record';
import { rewriteForCapture } from '../../server/engine/undo/rewrite';

const pre = (sql: string, keys: string[] = []) => {
  const r = rewriteForCapture(sql, 'row');
  assert.ok(r.ok, sql);
  return buildPreSelect(r.body, r.ref, keys);
};

describe('undo before PostgreSQL 18', () => {
  before(() => loadParser());

  it('selects the target rows with the statement\'s own WITH, FROM and WHERE, locked FOR UPDATE OF its alias', () => {
    const p = pre('WITH w AS (SELECT 1 AS b) UPDATE ONLY s."T" AS x SET a = 1 FROM u, w WHERE x.a = u.b AND w.b = 1', ['Id']);
    assert.ok(p.ok);
    assert.match(p.text, /^WITH\s+w AS \(SELECT 1 AS b\)\s+SELECT\s+x\.tableoid,\s+x\.ctid,\s+ROW\(x\.\*\) AS r,\s+x\."Id" AS safe_sql_k1\s+FROM ONLY s\."T" AS x, u, w\s+WHERE\s+x\.a = u\.b\s+AND w\.b = 1\s+FOR UPDATE OF x$/);
    const d = pre('DELETE FROM t USING u WHERE t.id = u.id');
    assert.ok(d.ok);
    assert.match(d.text, /FROM t, u\s+WHERE\s+t\.id = u\.id\s+FOR UPDATE OF t$/);
  });

  it('refuses what a SELECT cannot repeat, and names the functions and operators for the volatility check', () => {
    const c = pre('UPDATE t SET a = 1 WHERE CURRENT OF cur');
    assert.ok(!c.ok && /CURRENT OF/.test(c.reason));
    const s = pre('DELETE FROM t USING u TABLESAMPLE system (10) WHERE t.id = u.id');
    assert.ok(!s.ok && /TABLESAMPLE/.test(s.reason));
    const f = pre('UPDATE t SET a = 1 WHERE id = pg_catalog.abs(x) AND v ~~ my.f(1)');
    assert.ok(f.ok);
    assert.deepEqual(f.functions.sort(), ['abs', 'f']);
    assert.deepEqual(f.operators.sort(), ['=', '~~']);
  });

  it('walks ON DELETE CASCADE level by level; SET NULL is a leaf, SET DEFAULT is named, a cycle refused', () => {
    const fk = (name: string, child: string, parent: string, onDelete = 'c'): ForeignKey => ({ name, child: { oid: child, schema: 'public', name: `t${child}`, kind: 'r' }, parent, onDelete, cols: ['p'], refcols: ['id'], setCols: [] });
    const w = walkCascade('1', { name: 't1' }, [fk('a', '2', '1'), fk('b', '3', '2'), fk('c', '4', '1', 'n'), fk('d', '5', '4'), fk('e', '6', '1', 'd')]);
    assert.ok(w.ok);
    assert.deepEqual(w.nodes.map((n) => [n.table.name, n.depth, n.keys, n.setNull]), [['t1', 0, ['id'], undefined], ['t2', 1, ['id'], undefined], ['t4', 1, [], ['p']], ['t3', 2, [], undefined]]);
    assert.match(w.notCaptured.join(), /ON DELETE SET DEFAULT of public\.t6 \(e\)/);
    const twice = walkCascade('1', { name: 't1' }, [fk('a', '2', '1'), fk('b', '2', '1', 'n')]);
    assert.ok(!twice.ok && /reaches public\.t2 twice/.test(twice.reason));
    const sql = cascadeSelect('SELECT 1', w.nodes);
    assert.match(sql, /safe_sql_p3 AS \(SELECT safe_sql_c\.tableoid, safe_sql_c\.ctid, ROW\(safe_sql_c\.\*\) AS r FROM ONLY "public"\."t3" AS safe_sql_c WHERE \(safe_sql_c\."p"\) IN \(SELECT safe_sql_k1 FROM safe_sql_p1\) FOR UPDATE OF safe_sql_c\)/);
    const cycle = walkCascade('1', { name: 't1' }, [fk('a', '2', '1'), fk('b', '1', '2')]);
    assert.ok(!cycle.ok && /comes back to public\.t1/.test(cycle.reason));
  });

  it('reads a row type\'s text back: NULLs, quotes, backslashes and commas', () => {
    assert.deepEqual(recordFields('(1,,"a ""b"", c","x\\\\y",)'), ['1', null, 'a "b", c', 'x\\y', null]);
    assert.deepEqual(recordFields('("")'), ['']);
    assert.equal(rowKey('(7,eu,"x,y")', [1, 0]), '["eu","7"]');
    const fields = ['a "b", c', null, 'x\\y', '', '(1,2)'];
    assert.deepEqual(recordFields(recordText(fields)), fields);
  });
});
