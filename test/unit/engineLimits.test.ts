/** The row budget and psql command detection of guarded runs, without a database. */
import * as assert from 'node:assert/strict';
import { findMetaCommands } from '../../server/engine/metaCommands';
import { cut, RowBudget } from '../../server/engine/rowBudget';
import { describeInternalError, plainMessage } from '../../server/engine/internalError';

describe('RowBudget', () => {
  it('keeps rows until the statement budget is spent, and starts again for the next statement', () => {
    const b = new RowBudget(1_000, 10_000, 100);
    b.startStatement();
    let kept = 0;
    while (b.keep(['x'.repeat(100)])) kept++;
    assert.equal(kept, 4); // 4 × (200 + 16) ≤ 1,000 < 5 × 216
    b.startStatement();
    assert.ok(b.keep(['y']));
  });
  it('stops at the run budget across statements', () => {
    const b = new RowBudget(1_000, 1_500, 100);
    let kept = 0;
    for (let s = 0; s < 3; s++) {
      b.startStatement();
      while (b.keep(['x'.repeat(100)])) kept++;
    }
    assert.equal(kept, 6);
  });
  it('cuts a long value and says so; never splits a surrogate pair', () => {
    assert.equal(cut('abcdef', 3), 'abc… [value cut: 6 characters, the first 3 shown]');
    assert.match(cut('ab😀cd', 3), /^ab… \[value cut: 6 characters, the first 2 shown\]$/);
  });
});

describe('psql commands in a guarded run', () => {
  it('names each one with its line, skipping only the display-only ones', () => {
    const { skipped, refused } = findMetaCommands("\\timing on\nSELECT '\\i not-a-command';\n\\set ON_ERROR_STOP on\n\\c other\nSELECT 1 \\gset\n");
    assert.deepEqual(skipped.map((m) => [m.line, m.name]), [[1, '\\timing'], [3, '\\set']]);
    assert.deepEqual(refused.map((m) => [m.line, m.name]), [[4, '\\c'], [5, '\\gset']]);
  });
  it('\\set of anything else is refused', () => {
    assert.deepEqual(findMetaCommands('\\set ON_ERROR_STOP off\n\\set x 1\n').refused.map((m) => m.line), [1, 2]);
  });
});

describe('internal errors', () => {
  it('a program error never shows its own text', () => {
    assert.doesNotMatch(describeInternalError(new TypeError("Cannot read properties of undefined (reading 'index')")), /Cannot read|index/);
    assert.match(describeInternalError('thrown string'), /internal error/);
  });
  it('a database or network error keeps its message, on one line', () => {
    assert.equal(plainMessage(new Error('relation "x" does not exist\nLINE 1')), 'relation "x" does not exist LINE 1');
  });
});
