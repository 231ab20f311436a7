/** The glob matcher behind safeSql.documentConnections. */
import * as assert from 'node:assert/strict';
import { globToRegExp, matchesGlob } from '../../../server/config/glob';

describe('glob', () => {
  const cases: Array<[string, string, boolean]> = [
    ['**/prod/**/*.sql', 'prod/a.sql', true],
    ['**/prod/**/*.sql', 'db/prod/2024/01/a.sql', true],
    ['**/prod/**/*.sql', 'db/production/a.sql', false],
    ['**/prod/**/*.sql', 'db/prod/a.txt', false],
    ['*.sql', 'a.sql', true],
    ['migrations/*.sql', 'migrations/001.sql', true],
    ['migrations/*.sql', 'migrations/sub/001.sql', false],
    ['migrations/?.sql', 'migrations/1.sql', true],
    ['migrations/?.sql', 'migrations/12.sql', false],
    ['{prod,live}/**', 'live/x/y.sql', true],
    ['{prod,live}/**', 'test/x.sql', false],
    ['a+b (1).sql', 'a+b (1).sql', true],
    ['a.sql', 'aXsql', false],
  ];
  for (const [glob, path, expected] of cases) {
    it(`${glob} ${expected ? 'matches' : 'does not match'} ${path}`, () => {
      assert.equal(matchesGlob(glob, path), expected);
    });
  }

  it('matches the whole path only, never its tail: a dev glob must not reach into other folders', () => {
    assert.ok(!matchesGlob('prod/*.sql', '/home/me/repo/prod/a.sql'));
    assert.ok(!matchesGlob('dev/**', '/home/dev/repo/prod/a.sql'));
    assert.ok(matchesGlob('**/prod/*.sql', '/home/me/repo/prod/a.sql'));
  });

  it('treats backslashes as folder separators', () => {
    assert.ok(matchesGlob('prod/*.sql', 'prod\\a.sql'));
    assert.ok(matchesGlob('prod\\*.sql', 'prod/a.sql'));
  });

  it('never lets regular-expression characters through', () => {
    assert.doesNotThrow(() => globToRegExp('a[b(c|d^$.sql'));
    assert.ok(matchesGlob('a[b(c|d^$.sql', 'a[b(c|d^$.sql'));
    assert.ok(!matchesGlob('a.sql', 'abSql'));
  });
});
