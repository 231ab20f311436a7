/** The capture rewrite: RETURNING old/new added on the parse tree, the user's own RETURNING kept. */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as pgq from 'libpg-query';
import { loadParser } from '../../server/analysis/parser';
import { splitStatements } from '../../server/analysis/split';
import { APPENDED, appendOnce, appendTo } from '../../server/engine/undo/append';
import { rewriteForCapture } from '../../server/engine/undo/rewrite';
import { sameTree } from '../../server/engine/undo/sameTree';

const CORPUS = join(process.env.SAFE_SQL_CORPUS ?? resolve(__dirname, '../../../shared/corpus'), 'pg-regress');

/**
 * Given the statement's own tree (the plan's), the clause is appended without any parse: that is
 * sound only if every statement the tree lets through also takes the one-parse path.
 */
function parseFree(text: string): 'taken' | 'declined' {
  const own = ((pgq.parseSync(text) as { stmts?: Array<{ stmt: Record<string, unknown> }> }).stmts ?? [])[0].stmt;
  const r = rewriteForCapture(text, 'old-new', own);
  // Before 18 the plan's tree is taken the same way: the text sent must parse to it plus ROW(t.*).
  const row = rewriteForCapture(text, 'row', own);
  if (row.ok && !row.userReturning) {
    const sent = ((pgq.parseSync(row.text) as { stmts?: Array<{ stmt: Record<string, unknown> }> }).stmts ?? [])[0].stmt;
    const kind = Object.keys(own)[0];
    const clause = { exprs: [{ ResTarget: { val: { RowExpr: { args: [{ ColumnRef: { fields: [{ String: { sval: row.ref } }, { A_Star: {} }] } }], row_format: 'COERCE_EXPLICIT_CALL' } } } }] };
    assert.ok(sameTree(sent, { [kind]: { ...(own[kind] as object), returningClause: clause } }), `before 18, the text sent differs from the tree: ${row.text}`);
  }
  return r.ok && !r.userReturning ? 'taken' : 'declined';
}

/** When the one-parse path takes a statement, its tree must be exactly the statement's own. */
function agreesWithTwoParses(text: string): 'taken' | 'declined' {
  const fast = appendOnce(text);
  if (!fast) return 'declined';
  const own = (pgq.parseSync(text) as { stmts?: Array<{ stmt: Record<string, unknown> }> }).stmts ?? [];
  assert.equal(own.length, 1, text);
  assert.ok(sameTree(fast.stmt, own[0].stmt), `one parse differs from the statement's own tree: ${text}`);
  assert.equal(fast.text, appendTo(text, APPENDED));
  return 'taken';
}

describe('undo capture rewrite', () => {
  before(() => loadParser());

  it('adds the whole old and new rows under names of its own when there is no RETURNING', () => {
    const r = rewriteForCapture('UPDATE "My T" AS t SET v = v + 1 FROM u WHERE t.id = u.id');
    assert.ok(r.ok);
    assert.equal(r.userReturning, false);
    assert.deepEqual(r.target, { name: 'My T' });
    assert.match(r.text, /RETURNING WITH \(OLD AS safe_sql_old, NEW AS safe_sql_new\) ROW\(safe_sql_old\.\*\), ROW\(safe_sql_new\.\*\)$/);
  });

  it('keeps the user RETURNING first and uses its own names for old and new', () => {
    const r = rewriteForCapture('DELETE FROM s.t RETURNING WITH (OLD AS o) id, o.v');
    assert.ok(r.ok);
    assert.equal(r.userReturning, true);
    assert.deepEqual(r.target, { schema: 's', name: 't' });
    assert.match(r.text, /RETURNING WITH \(OLD AS o\) id, o\.v, ROW\(o\.\*\), ROW\(new\.\*\)$/);
  });

  it('refuses when a table or alias named old or new would hide the old and new rows', () => {
    const r = rewriteForCapture('UPDATE t AS new SET v = 1 RETURNING new.v');
    assert.equal(r.ok, false);
  });

  it('covers INSERT and MERGE, but not data-modifying WITH, TRUNCATE or SELECT', () => {
    assert.ok(rewriteForCapture("INSERT INTO t (v) VALUES (1) ON CONFLICT (id) DO UPDATE SET v = 2").ok);
    assert.ok(rewriteForCapture('MERGE INTO t USING u ON t.id = u.id WHEN MATCHED THEN DELETE').ok);
    assert.equal(rewriteForCapture('WITH d AS (DELETE FROM u RETURNING id) UPDATE t SET v = 1 WHERE id IN (SELECT id FROM d)').ok, false);
    assert.equal(rewriteForCapture('TRUNCATE t').ok, false);
    assert.equal(rewriteForCapture('SELECT 1').ok, false);
    assert.equal(rewriteForCapture('UPDATE t SET v = 1; DELETE FROM t').ok, false);
  });

  it('one parse of the statement with the clause appended: taken only where its tree is the statement\'s own', () => {
    const taken = [
      'UPDATE t SET v = 1 WHERE id = 1',
      'UPDATE t SET v = 1 WHERE id = 1;',
      'DELETE FROM t WHERE a = 1 -- a comment at the end',
      'DELETE FROM t WHERE a = 1 /* ; */ ;  \n',
      "INSERT INTO t SELECT * FROM u WHERE x NOT IN (1) ORDER BY 1 LIMIT 3",
      "UPDATE t SET v = U&'d\\0061t' WHERE nulls IS NULL AND format = 1 AND \"with\" = 2",
      'MERGE INTO t USING u ON t.id = u.id WHEN MATCHED THEN DELETE',
      'WITH w AS (SELECT 1) DELETE FROM t USING w',
      'INSERT INTO t VALUES (1) ON CONFLICT DO NOTHING',
    ];
    for (const t of taken) {
      assert.equal(agreesWithTwoParses(t), 'taken', t);
      assert.equal(parseFree(t), 'taken', t);
    }
    const declined = [
      'UPDATE t SET v = 1 RETURNING id',
      'DELETE FROM t WHERE a = 1; -- the comment after the semicolon',
      "DELETE FROM t WHERE a = 'open",
      'DELETE FROM t WHERE a = 1 /* open',
      'DELETE FROM t WHERE a = $$open',
      'SELECT 1',
      'UPDATE t SET v = 1; DELETE FROM t',
    ];
    for (const t of declined) assert.equal(agreesWithTwoParses(t), 'declined', t);
  });

  it('one parse agrees with two on every INSERT, UPDATE, DELETE and MERGE of PostgreSQL\'s regression SQL (where present)', function () {
    if (!existsSync(CORPUS)) this.skip();
    let taken = 0;
    for (const file of readdirSync(CORPUS).filter((f) => f.endsWith('.sql'))) {
      const text = readFileSync(join(CORPUS, file), 'utf8');
      for (const s of splitStatements(text).statements) {
        const sql = text.slice(s.start, s.end);
        if (!/^\s*(WITH|INSERT|UPDATE|DELETE|MERGE)\b/i.test(sql.replace(/^(\s|--[^\n]*\n)*/, ''))) continue;
        let single = false;
        try {
          single = ((pgq.parseSync(sql) as { stmts?: unknown[] }).stmts ?? []).length === 1;
        } catch {
          continue;
        }
        if (!single) continue;
        const free = parseFree(sql);
        if (agreesWithTwoParses(sql) === 'taken') taken++;
        else assert.equal(free, 'declined', `the plan's tree would append to a statement that does not take the clause: ${sql}`);
      }
    }
    assert.ok(taken > 100, `only ${taken} statements took the one-parse path`);
  });

  it('before 18: ROW(target.*) after the statement, MERGE and ON CONFLICT DO UPDATE refused', () => {
    const u = rewriteForCapture('UPDATE s."T" AS x SET v = 1 WHERE id = 2', 'row');
    assert.ok(u.ok);
    assert.equal(u.ref, 'x');
    assert.match(u.text, /\nRETURNING ROW\("x"\.\*\)$/);
    const r = rewriteForCapture('DELETE FROM t WHERE id = 2 RETURNING id', 'row');
    assert.ok(r.ok);
    assert.equal(r.userReturning, true);
    assert.match(r.text, /RETURNING id, ROW\(t\.\*\)$/);
    const m = rewriteForCapture('MERGE INTO t USING u ON t.id = u.id WHEN MATCHED THEN DELETE', 'row');
    assert.ok(!m.ok && /MERGE returns no old rows before PostgreSQL 18/.test(m.reason));
    assert.equal(rewriteForCapture('INSERT INTO t VALUES (1) ON CONFLICT (id) DO UPDATE SET v = 2', 'row').ok, false);
    assert.ok(rewriteForCapture('INSERT INTO t VALUES (1) ON CONFLICT DO NOTHING', 'row').ok);
  });
});
