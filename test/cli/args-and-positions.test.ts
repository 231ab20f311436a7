/** The CLI's pure helpers: the argument parser and the offset → LSP position converter. */
import * as assert from 'node:assert/strict';
import { parseArgs, UsageError } from '../../server/cli/args';
import { LineIndex } from '../../server/analysis/lines';

const SPECS = [
  { name: 'env', value: true, choices: ['production', 'development'] },
  { name: 'config', value: true },
  { name: 'yes' },
  { name: 'help', short: 'h' },
];

describe('parseArgs', () => {
  it('reads --name value, --name=value, flags, - and --', () => {
    const args = parseArgs(['a.sql', '--env', 'development', '--config=c.json', '-', '--yes', '--', '--not-an-option'], SPECS);
    assert.deepEqual([...args.options], [['env', 'development'], ['config', 'c.json'], ['yes', true]]);
    assert.deepEqual(args.positionals, ['a.sql', '-', '--not-an-option']);
  });

  it('reads short aliases', () => {
    assert.deepEqual([...parseArgs(['-h'], SPECS).options], [['help', true]]);
  });

  it('rejects unknown options, missing or bad values, repeats and values on flags', () => {
    const cases: Array<[string[], RegExp]> = [
      [['--nope'], /unknown option --nope/],
      [['-x'], /unknown option -x/],
      [['--env'], /--env needs a value/],
      [['--env='], /--env needs a value/],
      [['--env', 'prod'], /--env must be one of production, development, not "prod"/],
      [['--yes=1'], /--yes takes no value/],
      [['--config', 'a', '--config', 'b'], /--config is given more than once/],
    ];
    for (const [argv, message] of cases) {
      assert.throws(() => parseArgs(argv, SPECS), (e: unknown) => e instanceof UsageError && message.test(e.message), argv.join(' '));
    }
  });
});

describe('LineIndex', () => {
  it('counts UTF-16 code units within a line', () => {
    const text = "SELECT '😀'; DELETE FROM t;";
    assert.deepEqual(new LineIndex(text).position(text.indexOf('DELETE')), { line: 0, character: 13 });
  });

  it('ends lines at \\n, \\r\\n and a lone \\r, like LSP', () => {
    const text = 'a\nbb\r\nccc\rd';
    const lines = new LineIndex(text);
    assert.equal(lines.lineCount, 4);
    assert.deepEqual(lines.position(text.indexOf('bb')), { line: 1, character: 0 });
    assert.deepEqual(lines.position(text.indexOf('ccc') + 2), { line: 2, character: 2 });
    assert.deepEqual(lines.position(text.indexOf('d')), { line: 3, character: 0 });
    assert.deepEqual(lines.position(text.length), { line: 3, character: 1 });
  });

  it('puts an offset inside a line terminator at the end of its line', () => {
    const text = 'ab\r\ncd';
    assert.deepEqual(new LineIndex(text).position(3), { line: 0, character: 2 });
  });

  it('clamps offsets outside the text', () => {
    const lines = new LineIndex('ab\ncd');
    assert.deepEqual(lines.position(-5), { line: 0, character: 0 });
    assert.deepEqual(lines.position(99), { line: 1, character: 2 });
    assert.deepEqual(new LineIndex('').range({ start: 0, end: 0 }), { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
  });
});
