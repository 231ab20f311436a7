/**
 * The engine refuses what the analysis flags as loosening the guard (in every environment) and, on
 * production, what a ROLLBACK cannot undo, even when a safe-sql-ignore lowered the finding. Run
 * against a real PostgreSQL, which also shows why: a declined run does not take back a setval.
 */
import assert from 'node:assert/strict';
import { runGuarded } from '../../server/engine';
import { ConfirmSummary, Decision, RunRequest } from '../../server/engine/types';
import { useDatabase } from '../support/database';

describe('the guard cannot be loosened from inside a run (real PostgreSQL)', function () {
  this.timeout(30_000);
  const fixture = useDatabase('guardrefusal');
  beforeEach(async () => {
    await fixture.admin.query('DROP FUNCTION IF EXISTS loosen(); DROP TABLE IF EXISTS t; DROP SEQUENCE IF EXISTS s; CREATE SEQUENCE s; CREATE TABLE t (id int PRIMARY KEY, v int NOT NULL DEFAULT 0); INSERT INTO t (id) SELECT g FROM generate_series(1, 3) g');
  });

  const request = (text: string, environment: RunRequest['environment']): RunRequest => ({ text, environment, connection: { kind: 'url', url: fixture.url }, client: 'vscode', auditLogPath: null });
  const answer = (d: Decision) => ({ seen: [] as ConfirmSummary[], confirm(s: ConfirmSummary) { this.seen.push(s); return Promise.resolve(d); } });
  const values = async () => (await fixture.admin.query<{ v: number }>('SELECT v FROM t ORDER BY id')).rows.map((r) => r.v).join(',');
  const lastValue = async () => (await fixture.admin.query<{ last_value: string }>('SELECT last_value FROM s')).rows[0].last_value;

  for (const environment of ['development', 'staging', 'production'] as const) {
    it(`${environment}: SET statement_timeout = 0 is refused before anything runs`, async () => {
      const c = answer({ commit: true, typed: '1' });
      const r = await runGuarded(request('SET statement_timeout = 0;\nUPDATE t SET v = 1 WHERE id = 1;', environment), c);
      assert.equal(r.ending, 'refused', r.reason);
      assert.match(r.reason, /guard-setting/);
      assert.equal(c.seen.length, 0);
      assert.equal(await values(), '0,0,0');
    });
  }

  it('set_config inside a function body defined in the same file is refused, suppressed or not', async () => {
    const sql = [
      '-- safe-sql-ignore guard-setting: trying to sneak it past',
      "CREATE FUNCTION loosen() RETURNS void LANGUAGE plpgsql AS $$ BEGIN PERFORM set_config('statement_timeout', '0', false); END $$;",
      'SELECT loosen();',
      'UPDATE t SET v = 1 WHERE id = 1;',
    ].join('\n');
    const r = await runGuarded(request(sql, 'development'), answer({ commit: true }));
    assert.equal(r.ending, 'refused', r.reason);
    assert.match(r.reason, /set_config\('statement_timeout'\)/);
    const defined = await fixture.admin.query("SELECT 1 FROM pg_proc WHERE proname = 'loosen'");
    assert.equal(defined.rowCount, 0);
  });

  it('a positive timeout is allowed', async () => {
    const r = await runGuarded(request("SET LOCAL statement_timeout = '5s';\nUPDATE t SET v = 1 WHERE id = 1;", 'development'), answer({ commit: true }));
    assert.equal(r.ending, 'committed', r.reason);
    assert.equal(await values(), '1,0,0');
  });

  it('what a ROLLBACK cannot undo: a declined run on development still moved the sequence', async () => {
    const r = await runGuarded(request("SELECT setval('s', 100);\nUPDATE t SET v = 1 WHERE id = 1;", 'development'), answer({ commit: false }));
    assert.equal(r.outcome, 'rolled-back');
    assert.equal(await values(), '0,0,0');
    assert.equal(await lastValue(), '100');
  });

  it('production refuses setval, even when the finding is suppressed', async () => {
    const sql = "-- safe-sql-ignore non-rollback-effect: realigning the sequence\nSELECT setval('s', 100);";
    const c = answer({ commit: true, typed: '1' });
    const r = await runGuarded(request(sql, 'production'), c);
    assert.equal(r.ending, 'refused', r.reason);
    assert.match(r.reason, /non-rollback-effect/);
    assert.equal(c.seen.length, 0);
    assert.equal(await lastValue(), '1');
  });
});
