/** `safe-sql run --undo-max-rows` and friends: the limits reach the run; wrong values are usage errors. */
import assert from 'node:assert/strict';
import { runCli } from '../support/cli';
import { TEN_ROWS, useDatabase } from '../support/database';

describe('safe-sql run: undo limits on the command line (PostgreSQL 18)', function () {
  this.timeout(60_000);
  const fixture = useDatabase('undolimits');
  beforeEach(() => fixture.admin.query(TEN_ROWS));
  const run = (sql: string, ...more: string[]) => runCli(['run', fixture.sqlFile(sql), '--url', fixture.url, '--audit-log', fixture.audit, '--format', 'json', ...more]);

  it('--undo-max-rows: above it the run has no undo, says why, and commits only on the exact expected count', async () => {
    const r = await run('UPDATE t SET v = 1 WHERE id <= 3;', '--undo-max-rows', '2', '--yes', '--expect-rows', '3');
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { outcome: string; undo: { available: boolean; reason: string } };
    assert.equal(out.outcome, 'committed');
    assert.equal(out.undo.available, false);
    assert.match(out.undo.reason, /^undo unavailable: 1 rows? over the limit/);
    const within = JSON.parse((await run('UPDATE t SET v = 2 WHERE id <= 3;', '--undo-max-rows', '3', '--yes', '--expect-rows', '3')).stdout) as { undo: { available: boolean } };
    assert.equal(within.undo.available, true);
  });

  it('a limit that is not a whole number at or above its minimum is a usage error, and nothing runs', async () => {
    for (const [flag, value] of [['--undo-max-rows', '-1'], ['--undo-max-bytes', '1.5'], ['--undo-retention-days', '0'], ['--undo-retention-bytes', 'lots']]) {
      const r = await run('UPDATE t SET v = 9 WHERE id = 1;', flag, value, '--yes', '--expect-rows', '1');
      assert.equal(r.code, 1, `${flag} ${value}`);
      assert.match(r.stderr, new RegExp(`${flag} takes a whole number of at least`));
    }
    assert.equal((await fixture.admin.query('SELECT 1 FROM t WHERE v = 9')).rowCount, 0);
  });
});
