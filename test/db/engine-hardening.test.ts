/** The engine's own guarantees on hardening: bounded rows, redacted texts, internal errors in plain words, audited. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { runGuarded } from '../../server/engine';
import { ConfirmSummary, Decision, RunRequest } from '../../server/engine/types';
import { TEN_ROWS, useDatabase } from '../support/database';

describe('guarded-execution engine hardening (real PostgreSQL)', function () {
  this.timeout(60_000);
  const fixture = useDatabase('enginehard', { beforeEach: TEN_ROWS });

  const request = (text: string, extra: Partial<RunRequest> = {}): RunRequest => ({ text, environment: 'development', connection: { kind: 'url', url: fixture.url }, client: 'vscode', auditLogPath: null, ...extra });
  const answer = (d: Decision) => ({ seen: [] as ConfirmSummary[], confirm(s: ConfirmSummary) { this.seen.push(s); return Promise.resolve(d); } });
  const values = async () => (await fixture.admin.query<{ v: number }>('SELECT v FROM t ORDER BY id')).rows.map((r) => r.v).join(',');

  it('a huge value is cut with a note, and the rows kept stay within the byte budget', async () => {
    const r = await runGuarded(request("SELECT repeat('x', 2000000) AS big FROM generate_series(1, 3);\nSELECT repeat('y', 9000) FROM generate_series(1, 500);"), answer({ commit: true }));
    assert.equal(r.ending, 'read-only', r.reason);
    const [big, many] = r.statements;
    assert.equal(big.rows, 3);
    const value = big.sample?.[0][0] ?? '';
    assert.ok(value.length < 11_000, String(value.length));
    assert.match(value, /value cut: 2,000,000 characters, the first 10,000 shown/);
    assert.equal(many.rows, 500);
    const kept = many.sample?.length ?? 0;
    assert.ok(kept > 0 && kept < 500, String(kept));
    assert.ok(kept * 9000 * 2 <= 1_000_000, String(kept));
  });

  it('statement texts in the confirmation and the result have password literals redacted', async () => {
    await fixture.admin.query('DROP ROLE IF EXISTS eng_pw; CREATE ROLE eng_pw');
    const c = answer({ commit: false });
    const r = await runGuarded(request("ALTER ROLE eng_pw PASSWORD 'eng-secret-42';"), c);
    assert.equal(r.ending, 'declined');
    assert.equal(c.seen[0].statements[0].text, "ALTER ROLE eng_pw PASSWORD '***';");
    assert.equal(r.statements[0].text, "ALTER ROLE eng_pw PASSWORD '***';");
    assert.ok(!JSON.stringify(r).includes('eng-secret-42'));
  });

  it('an internal error rolls back, says so in plain words and is audited with the run id', async () => {
    const r = await runGuarded(request('UPDATE t SET v = 7 WHERE id = 1;', { auditLogPath: fixture.audit }), {
      confirm: () => Promise.resolve({ commit: true }),
      onProgress: () => {
        const missing = undefined as unknown as { index: number };
        void missing.index;
      },
    });
    assert.equal(r.ending, 'statement-failed');
    assert.doesNotMatch(r.reason, /Cannot read|undefined|TypeError/);
    assert.match(r.reason, /internal error in safe-sql.*nothing was committed/);
    assert.equal(await values(), '0,0,0,0,0,0,0,0,0,0');
    const record = JSON.parse(readFileSync(fixture.audit, 'utf8').trim().split('\n').pop() ?? '{}') as Record<string, unknown>;
    assert.equal(record.runId, r.runId);
    assert.equal(record.ending, 'statement-failed');
    assert.equal(record.reason, r.reason);
  });

  it('a production profile is held to production rules whatever environment the caller passed', async () => {
    const profile = { name: 'prod-main', environment: 'production' as const, host: '127.0.0.1', port: fixture.pg.port, database: fixture.db, user: fixture.pg.user };
    const r = await runGuarded(request('DELETE FROM t;', { environment: 'development', connection: { kind: 'profile', profile, password: fixture.pg.password } }), answer({ commit: true }));
    assert.equal(r.ending, 'refused', r.reason);
    assert.match(r.reason, /production/);
    assert.equal((await fixture.admin.query('SELECT count(*)::int AS n FROM t')).rows[0].n, 10);
  });

  it('each run gets its own id; an empty audit path refuses the run before anything runs', async () => {
    const a = await runGuarded(request('SELECT 1;'), answer({ commit: true }));
    const b = await runGuarded(request('SELECT 1;'), answer({ commit: true }));
    assert.notEqual(a.runId, b.runId);
    const empty = await runGuarded(request('UPDATE t SET v = 1 WHERE id = 1;', { auditLogPath: '' }), answer({ commit: true }));
    assert.equal(empty.ending, 'audit');
    assert.equal(await values(), '0,0,0,0,0,0,0,0,0,0');
  });
});
