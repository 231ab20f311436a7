import * as assert from 'node:assert/strict';
import { Analyzer } from '../../../server/analysis/analyze';
import { commonPrefix, commonSuffix, splitIncrementally } from '../../../server/analysis/incremental';
import { loadParser } from '../../../server/analysis/parser';
import { splitStatements } from '../../../server/analysis/split';

/** Splits `before`, then `after` incrementally, and checks it against a fresh split of `after`. */
function resplit(before: string, after: string) {
  const previous = { text: before, ...splitStatements(before) };
  const result = splitIncrementally(after, previous);
  const full = splitStatements(after);
  assert.deepEqual(result.statements, full.statements);
  assert.deepEqual(result.directives, full.directives);
  return result;
}

describe('incremental splitting', () => {
  const doc = Array.from({ length: 50 }, (_, i) => `UPDATE t SET a = ${i} WHERE id = ${i};`).join('\n');

  it('re-splits only around a one-character edit and reuses the rest', () => {
    const at = doc.indexOf('id = 20;') + 5;
    const r = resplit(doc, doc.slice(0, at) + '7' + doc.slice(at));
    assert.equal(r.prefixCount, 19);
    assert.equal(r.suffixStart, 21);
    assert.equal(r.oldSuffixStart, 21);
    assert.equal(r.delta, 1);
  });

  it('handles edits that change where statements end', () => {
    resplit('DELETE FROM t\nSELECT 1;', 'DELETE FROM t;\nSELECT 1;');
    resplit('SELECT 1;\nDELETE FROM t', 'SELECT 1;\nDELETE FROM t WH');
    resplit(doc, doc.replace('a = 3 WHERE', "a = '3 WHERE"));
    resplit(doc.replace('a = 3 WHERE', "a = '3 WHERE"), doc);
    resplit(doc, doc.replace('id = 9;', 'id = 9 /* open'));
    resplit(doc, 'COPY t FROM stdin;\n' + doc);
    resplit('COPY t FROM stdin;\n1\n\\.\n' + doc, 'COPY t FROM stdin;\n1\n' + doc);
    resplit(doc, doc.replace('UPDATE t SET a = 5', 'CREATE PROCEDURE p() BEGIN ATOMIC UPDATE t SET a = 5'));
    resplit(doc, '-- safe-sql-ignore missing-where: x\n' + doc);
    resplit(doc, doc.replace('\nUPDATE t SET a = 7', '\n-- safe-sql-ignore missing-where: x\nUPDATE t SET a = 7'));
    resplit(doc, '');
    resplit('', doc);
  });

  it('returns the same statements for the same text', () => {
    const previous = { text: doc, ...splitStatements(doc) };
    assert.equal(splitIncrementally(doc, previous).statements, previous.statements);
  });

  it('finds common prefixes and suffixes across chunk sizes', () => {
    const a = 'x'.repeat(20_000) + 'A' + 'y'.repeat(9_000);
    const b = 'x'.repeat(20_000) + 'BB' + 'y'.repeat(9_000);
    assert.equal(commonPrefix(a, b), 20_000);
    assert.equal(commonSuffix(a, b, 20_000), 9_000);
    assert.equal(commonSuffix('aa', 'aaa', 2), 0);
  });
});

describe('Analyzer after an edit', () => {
  before(async () => {
    await loadParser();
  });

  it('reuses the statements before the edit and moves the findings after it', () => {
    // The splitter restarts at the statement before the edit (one without `;` may grow): a is reused.
    const text = 'DELETE FROM a;\nSELECT 0;\nSELECT 1;\nDELETE FROM b;';
    const analyzer = new Analyzer();
    const first = analyzer.analyze(text, { environment: 'production' });
    const edited = text.replace('SELECT 1', 'SELECT 12345');
    const second = analyzer.analyze(edited, { environment: 'production' });
    assert.equal(second.statements[0], first.statements[0]);
    assert.deepEqual(second.findings.map((f) => f.span.start), [0, edited.indexOf('DELETE FROM b')]);
    const fresh = new Analyzer().analyze(edited, { environment: 'production' });
    assert.deepEqual(second.findings, fresh.findings);
    assert.deepEqual(second.statements.map((s) => [s.span, s.text]), fresh.statements.map((s) => [s.span, s.text]));
  });

  it('does not reuse results across environments', () => {
    const analyzer = new Analyzer();
    analyzer.analyze('DELETE FROM a;', { environment: 'production' });
    assert.equal(analyzer.analyze('DELETE FROM a;', { environment: 'staging' }).findings[0].severity, 'warning');
  });

  it('does not reuse a statement that was over a limit last time', () => {
    const analyzer = new Analyzer();
    const text = 'SELECT 1;\nDELETE FROM a;';
    assert.deepEqual(analyzer.analyze(text, { environment: 'production', limits: { timeBudgetMs: -1 } }).findings.map((f) => f.rule), ['unverifiable']);
    assert.deepEqual(analyzer.analyze(text, { environment: 'production' }).findings.map((f) => f.rule), ['missing-where']);
  });
});
