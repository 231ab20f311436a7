/**
 * Pathological input: each case must come back with findings (unverifiable where it is over a
 * limit), never throw, and finish. These assert behaviour, not time; `npm run bench` measures speed.
 */
import * as assert from 'node:assert/strict';
import { Analyzer } from '../../../server/analysis/analyze';
import { loadParser } from '../../../server/analysis/parser';
import { analyzeChecked, rules, seeded } from './helpers';

function garbage(bytes: number, seed: number): Buffer {
  const next = seeded(seed);
  const b = Buffer.alloc(bytes);
  for (let i = 0; i < bytes; i++) b[i] = Math.floor(next() * 256);
  return b;
}

describe('analysis limits', function () {
  this.timeout(60_000);

  before(async () => {
    await loadParser();
  });

  it('reports a 10 MB file as unverifiable past the document limit', () => {
    const lines: string[] = [];
    let length = 0;
    for (let i = 0; length < 10_000_000; i++) {
      const line = `UPDATE t SET a = ${i} WHERE id = ${i};\n`;
      lines.push(line);
      length += line.length;
    }
    const text = lines.join('');
    const result = analyzeChecked(text);
    assert.deepEqual(rules(result), ['unverifiable']);
    const [f] = result.findings;
    assert.ok(f.span.start <= 4_000_000, 'the unverifiable part starts within the analysed prefix');
    assert.equal(f.statement.end, text.length, 'it covers the rest of the document');
    assert.equal(f.severity, 'error');
  });

  it('still finds a missing WHERE in the analysed part of a 10 MB file', () => {
    const text = 'DELETE FROM t;\n' + 'SELECT 1;\n'.repeat(1_000_000);
    const result = analyzeChecked(text);
    assert.deepEqual(rules(result), ['missing-where', 'unverifiable']);
  });

  it('reports statements left when the time budget runs out as unverifiable', () => {
    const result = analyzeChecked('SELECT 1;\nDELETE FROM t WHERE id = 1;', { environment: 'production', limits: { timeBudgetMs: -1 } });
    assert.deepEqual(rules(result), ['unverifiable']);
    assert.match(result.findings[0].message, /budget/);
    assert.equal(result.statements.length, 2);
  });

  it('survives binary garbage, read as UTF-8 and as Latin-1', () => {
    for (const seed of [1, 2, 3]) {
      const bytes = garbage(200_000, seed);
      for (const text of [bytes.toString('utf8'), bytes.toString('latin1')]) {
        const result = analyzeChecked(text);
        assert.ok(result.findings.length > 0, 'garbage is never silently allowed');
        assert.ok(result.findings.every((f) => f.rule === 'syntax-error' || f.rule === 'unverifiable' || f.rule === 'bad-directive'), rules(result).join());
      }
    }
  });

  it('reports 10,000 nested parentheses as unverifiable', () => {
    const closed = analyzeChecked('DELETE FROM t WHERE ' + '('.repeat(10_000) + 'true' + ')'.repeat(10_000) + ';');
    assert.deepEqual(rules(closed), ['unverifiable']);
    assert.match(closed.findings[0].message, /nest 10,000 deep/);
    const open = analyzeChecked('SELECT ' + '('.repeat(10_000) + '\nDELETE FROM t;');
    assert.deepEqual(rules(open), ['unverifiable']);
  });

  it('reports a condition nested too deeply for the rules as unverifiable, not as allowed', () => {
    const result = analyzeChecked('DELETE FROM t WHERE ' + 'NOT '.repeat(5_000) + 'true;');
    assert.deepEqual(rules(result), ['unverifiable']);
  });

  it('reports an unclosed $$ at the top of a long file once, at the $$', () => {
    const text = '$$\n' + 'DELETE FROM t;\n'.repeat(100_000);
    const result = analyzeChecked(text);
    assert.deepEqual(rules(result), ['unverifiable']);
    assert.deepEqual(result.findings[0].span, { start: 0, end: 2 });
    assert.equal(result.findings[0].statement.end, text.length);
  });

  it('reports a 1 MB single statement as unverifiable', () => {
    const result = analyzeChecked("UPDATE t SET a = '" + 'x'.repeat(1_000_000) + "';");
    assert.deepEqual(rules(result), ['unverifiable']);
    assert.deepEqual(result.findings[0].span, { start: 0, end: 6 });
    const list = analyzeChecked('DELETE FROM t WHERE id IN (' + Array.from({ length: 150_000 }, (_, i) => i).join(',') + ');');
    assert.deepEqual(rules(list), ['unverifiable']);
  });

  it('checks a statement just under the length limit in full', () => {
    const ctes = Array.from({ length: 4_000 }, (_, i) => `a${i} AS (DELETE FROM t RETURNING 1)`).join(',');
    const result = analyzeChecked(`WITH ${ctes} SELECT 1;`);
    assert.equal(result.findings.length, 4_000);
    assert.ok(result.findings.every((f) => f.rule === 'missing-where'));
  });

  it('keeps answering after pathological input, with the same analyzer', () => {
    const analyzer = new Analyzer();
    analyzeChecked('$$' + 'x'.repeat(100_000), undefined, analyzer);
    analyzeChecked('('.repeat(50_000), undefined, analyzer);
    assert.deepEqual(rules(analyzeChecked('DELETE FROM t;', undefined, analyzer)), ['missing-where']);
  });

  it('analyses empty text to no findings', () => {
    assert.deepEqual(new Analyzer().analyze('', { environment: 'production' }).findings, []);
  });
});
