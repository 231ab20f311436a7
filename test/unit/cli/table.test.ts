/** The terminal table of `safe-sql run`: psql's aligned shape, bounded, control characters visible. */
import * as assert from 'node:assert/strict';
import { formatTable, MAX_ROWS } from '../../../server/cli/table';

describe('formatTable', () => {
  it('prints a header, a rule, the rows and the count with the right plural', () => {
    assert.equal(formatTable(['id', 'name'], [['1', 'Ada'], ['22', null]], 2), [' id | name', '----+------', ' 1  | Ada', ' 22 |', '(2 rows)'].join('\n'));
    assert.match(formatTable(['n'], [['42']], 1), /\(1 row\)$/);
  });

  it('shows at most MAX_ROWS rows and says how many more there are', () => {
    const rows = Array.from({ length: 30 }, (_, i) => [String(i)]);
    const out = formatTable(['i'], rows, 1000);
    assert.equal(out.split('\n').length, 2 + MAX_ROWS + 1);
    assert.match(out, /\(1,000 rows, 980 more rows not shown\)$/);
  });

  it('cuts long values and makes control characters visible instead of obeying them', () => {
    const out = formatTable(['v'], [['x'.repeat(100)], ['a\rb\u001b[2Jc\u202ed']], 2);
    assert.ok(out.split('\n').every((l) => l.length <= 42), out);
    assert.doesNotMatch(out, /[\r\u001b\u202e]/);
    assert.match(out, /a\\u000db\\u001b\[2Jc\\u202ed/);
  });
});
