/**
 * Properties of the analysis:
 * (a) random edits of the spec corpus never make it throw, every span lies inside the text, and an
 *     analyzer that saw the text before the edit (and re-splits only what changed) answers exactly
 *     like a fresh one;
 * (b) whenever PostgreSQL's parser reads an UPDATE or DELETE without WHERE, the analysis reports it
 *     (as missing-where, or as something stricter: syntax-error or unverifiable).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as fc from 'fast-check';
import { parseSync } from 'libpg-query';
import { Analyzer } from '../../../server/analysis/analyze';
import { splitIncrementally } from '../../../server/analysis/incremental';
import { splitStatements } from '../../../server/analysis/split';
import { loadParser } from '../../../server/analysis/parser';
import { analyzeChecked } from './helpers';

const SPEC_DIR = path.resolve(__dirname, '../../spec');

function corpus(): string[] {
  const out: string[] = [];
  for (const dir of fs.readdirSync(SPEC_DIR)) {
    const full = path.join(SPEC_DIR, dir);
    if (!fs.statSync(full).isDirectory()) continue;
    for (const f of fs.readdirSync(full)) if (f.endsWith('.sql')) out.push(fs.readFileSync(path.join(full, f), 'utf8'));
  }
  return out;
}

const FRAGMENTS = ["'", '"', '$$', '$a$', ';', '--', '/*', '*/', '\0', '🚀', '\uD83D', '\n', '\r\n', "E'", '\\', '\\.', '(', ')', 'WHERE', ' DELETE FROM t ', 'BEGIN ATOMIC', 'END', '\\copy t from stdin\n', 'COPY t FROM stdin;\n', '-- safe-sql-ignore missing-where: x\n'];

type Edit = { kind: 'insert' | 'delete' | 'replace'; at: number; length: number; text: string };

const editArb: fc.Arbitrary<Edit> = fc.record({
  kind: fc.constantFrom('insert', 'delete', 'replace') as fc.Arbitrary<Edit['kind']>,
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  length: fc.nat({ max: 12 }),
  text: fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ unit: 'binary', maxLength: 4 })),
});

function applyEdit(text: string, e: Edit): string {
  const at = Math.min(text.length, Math.floor(e.at * (text.length + 1)));
  const end = Math.min(text.length, at + e.length);
  if (e.kind === 'insert') return text.slice(0, at) + e.text + text.slice(at);
  if (e.kind === 'delete') return text.slice(0, at) + text.slice(end);
  return text.slice(0, at) + e.text + text.slice(end);
}

/** Findings without object identity, for comparing two analyzers' answers. */
function comparable(text: string, analyzer: Analyzer): string {
  return JSON.stringify(analyzer.analyze(text, { environment: 'production' }).findings);
}

describe('analysis properties', function () {
  this.timeout(120_000);
  const files = corpus();

  before(async () => {
    await loadParser();
  });

  it('survives random edits of the spec corpus, and its cache never changes an answer', () => {
    const warm = new Analyzer();
    fc.assert(
      fc.property(fc.nat({ max: files.length - 1 }), fc.array(editArb, { minLength: 1, maxLength: 6 }), (index, edits) => {
        let text = files[index];
        analyzeChecked(text, undefined, warm);
        for (const e of edits) {
          text = applyEdit(text, e);
          analyzeChecked(text, undefined, warm);
          assert.equal(comparable(text, warm), comparable(text, new Analyzer()));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('re-splits an edited document exactly as a fresh split does', () => {
    const documents = [files.join('\n'), files.slice(0, 40).join(';\n')];
    fc.assert(
      fc.property(fc.nat({ max: documents.length - 1 }), fc.array(editArb, { minLength: 1, maxLength: 8 }), (index, edits) => {
        let text = documents[index];
        let previous = { text, ...splitStatements(text) };
        for (const e of edits) {
          text = applyEdit(text, e);
          const incremental = splitIncrementally(text, previous);
          const full = splitStatements(text);
          assert.deepEqual(incremental.statements, full.statements);
          assert.deepEqual(incremental.directives, full.directives);
          previous = { text, statements: incremental.statements, directives: incremental.directives };
        }
      }),
      { numRuns: 300 },
    );
  });

  describe('every UPDATE or DELETE without WHERE that PostgreSQL reads is reported', () => {
    const word = (w: string) => fc.constantFrom(w, w.toLowerCase(), w[0] + w.slice(1).toLowerCase());
    const gap = fc.constantFrom(' ', '\n', ' /* WHERE x */ ', ' -- WHERE id = 1\n', '\t', ' /* a /* nested WHERE */ b */ ');
    const literal = fc.constantFrom("'a\\'", "'x WHERE y'", "E'\\' WHERE id = 1 '", '$$ WHERE $$', '$q$ ; WHERE $q$', "'🚀'", '1', "'it''s'");
    const table = fc.constantFrom('t', 'public.t', '"where"', '"tâble 🚀"', 'ONLY t');
    // The WHERE-less form is the one under test: weight it so every run checks many.
    const condition = fc.constantFrom('', '', '', '', ' WHERE id = 1', ' WHERE CURRENT OF c', ' WHERE true', ' WHERE "where" = 2');

    const update = fc.tuple(word('UPDATE'), gap, table, gap, word('SET'), literal, condition, fc.constantFrom('', ' FROM s', ' RETURNING *'))
      .map(([u, g1, t, g2, s, lit, cond, tail]) => {
        const from = tail === ' FROM s' ? tail : '';
        const returning = tail === ' RETURNING *' ? tail : '';
        return `${u}${g1}${t}${g2}${s} a = ${lit}${from}${cond}${returning}`;
      });
    const del = fc.tuple(word('DELETE'), gap, word('FROM'), gap, table, fc.constantFrom('', ' AS x', ' USING s', ' WH'), condition, fc.constantFrom('', ' RETURNING id'))
      .map(([d, g1, f, g2, t, extra, cond, returning]) => `${d}${g1}${f}${g2}${t}${extra === ' WH' && cond ? '' : extra}${cond}${returning}`);
    const wrapped = fc.tuple(fc.oneof(update, del), fc.constantFrom('plain', 'cte', 'explain-analyze', 'explain', 'prepare', 'comment-before'))
      .map(([sql, how]) => {
        switch (how) {
          case 'cte': return `WITH w AS (${sql}${/returning/i.test(sql) ? '' : ' RETURNING 1'}) SELECT * FROM w`;
          case 'explain-analyze': return `EXPLAIN ANALYZE ${sql}`;
          case 'explain': return `EXPLAIN ${sql}`;
          case 'prepare': return `PREPARE p AS ${sql}`;
          case 'comment-before': return `-- 削除 ✓ 🚀\n${sql}`;
          default: return sql;
        }
      });
    const documentArb = fc.array(fc.oneof(wrapped, fc.constantFrom('SELECT 1', "SELECT 'WHERE'", 'SAVEPOINT s')), { minLength: 1, maxLength: 4 })
      .map((parts) => parts.join(';\n') + ';');

    it('for generated documents, checked against libpg-query directly', () => {
      let checked = 0;
      fc.assert(
        fc.property(documentArb, (text) => {
          let parsed: { stmts?: Array<{ stmt: Record<string, Record<string, unknown>>; stmt_location?: number; stmt_len?: number }> };
          try {
            parsed = parseSync(text) as typeof parsed;
          } catch {
            return; // PostgreSQL rejects it: nothing to compare with
          }
          const result = analyzeChecked(text);
          const bytes = Buffer.from(text, 'utf8');
          for (const raw of parsed.stmts ?? []) {
            const node = raw.stmt.UpdateStmt ?? raw.stmt.DeleteStmt;
            if (!node || node.whereClause) continue;
            checked++;
            const from = bytes.subarray(0, raw.stmt_location ?? 0).toString('utf8').length;
            const to = raw.stmt_len ? bytes.subarray(0, (raw.stmt_location ?? 0) + raw.stmt_len).toString('utf8').length : text.length;
            const reported = result.findings.some((f) => ['missing-where', 'syntax-error', 'unverifiable'].includes(f.rule) && f.span.start >= from && f.span.start <= to);
            assert.ok(reported, `not reported: ${JSON.stringify(text.slice(from, to))}\nfindings: ${JSON.stringify(result.findings.map((f) => [f.rule, f.span]))}`);
          }
        }),
        { numRuns: 300 },
      );
      assert.ok(checked > 20, `only ${checked} top-level UPDATE/DELETE without WHERE were generated`);
    });
  });
});
