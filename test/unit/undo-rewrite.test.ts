/** The capture rewrite: RETURNING old/new added on the parse tree, the user's own RETURNING kept. */
import assert from 'node:assert/strict';
import { loadParser } from '../../server/analysis/parser';
import { rewriteForCapture } from '../../server/engine/undo/rewrite';

describe('undo capture rewrite', () => {
  before(() => loadParser());

  it('adds the whole old and new rows under names of its own when there is no RETURNING', () => {
    const r = rewriteForCapture('UPDATE "My T" AS t SET v = v + 1 FROM u WHERE t.id = u.id');
    assert.ok(r.ok);
    assert.equal(r.userReturning, false);
    assert.deepEqual(r.target, { name: 'My T' });
    assert.match(r.text, /RETURNING WITH \(OLD AS safe_sql_old, NEW AS safe_sql_new\) ROW\(safe_sql_old\.\*\) AS safe_sql_old, ROW\(safe_sql_new\.\*\) AS safe_sql_new$/);
  });

  it('keeps the user RETURNING first and uses its own names for old and new', () => {
    const r = rewriteForCapture('DELETE FROM s.t RETURNING WITH (OLD AS o) id, o.v');
    assert.ok(r.ok);
    assert.equal(r.userReturning, true);
    assert.deepEqual(r.target, { schema: 's', name: 't' });
    assert.match(r.text, /RETURNING WITH \(OLD AS o\) id, o\.v, ROW\(o\.\*\) AS safe_sql_old, ROW\(new\.\*\) AS safe_sql_new$/);
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
});
