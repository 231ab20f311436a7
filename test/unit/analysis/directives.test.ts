import * as assert from 'node:assert/strict';
import { parseDirective, parseRowRange } from '../../../server/analysis/directives';

describe('directives', () => {
  it('reads safe-sql-ignore with rules and a reason', () => {
    assert.deepEqual(parseDirective('-- safe-sql-ignore missing-where: CHG-1: approved'), { kind: 'ignore', rules: ['missing-where'], reason: 'CHG-1: approved' });
    assert.deepEqual(parseDirective('--safe-sql-ignore missing-where, truncate : reset'), { kind: 'ignore', rules: ['missing-where', 'truncate'], reason: 'reset' });
  });

  it('reads safe-sql-ignore without a reason as an empty reason', () => {
    assert.deepEqual(parseDirective('-- safe-sql-ignore truncate'), { kind: 'ignore', rules: ['truncate'], reason: '' });
  });

  it('rejects safe-sql-ignore naming no rule', () => {
    assert.equal(parseDirective('-- safe-sql-ignore: because')?.kind, 'invalid');
  });

  it('reads connection and expect-rows', () => {
    assert.deepEqual(parseDirective('-- safe-sql: connection=prod-main'), { kind: 'connection', name: 'prod-main' });
    assert.deepEqual(parseDirective('-- SAFE-SQL: expect-rows 1_000'), { kind: 'expect-rows', min: 1000, max: 1000 });
    assert.deepEqual(parseDirective('-- safe-sql: expect-rows 2..10'), { kind: 'expect-rows', min: 2, max: 10 });
  });

  it('rejects unknown settings and bad row ranges', () => {
    assert.equal(parseDirective('-- safe-sql: frobnicate')?.kind, 'invalid');
    assert.equal(parseDirective('-- safe-sql: expect-rows 10..2')?.kind, 'invalid');
    assert.equal(parseRowRange('-1'), undefined);
    assert.equal(parseRowRange('99999999999999999999'), undefined);
  });

  it('ignores comments that are not directives', () => {
    assert.equal(parseDirective('-- safe sql is nice'), undefined);
    assert.equal(parseDirective('-- expect: none'), undefined);
  });
});
