/**
 * The splitter agrees with PostgreSQL's parser: on every file libpg-query parses, the statements
 * the splitter finds are exactly the ones libpg-query reports (stmt_location/stmt_len, in bytes),
 * for generated files and for the shared corpus at ../shared/corpus beside the repository.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as fc from 'fast-check';
import { parseSync } from 'libpg-query';
import { tokenize } from '../../../server/analysis/lexer';
import { offsetMap } from '../../../server/analysis/offsets';
import { loadParser } from '../../../server/analysis/parser';
import { splitStatements } from '../../../server/analysis/split';

// Beside the repository, as the main checkout has it; SAFE_SQL_CORPUS points elsewhere (a worktree).
const CORPUS = process.env.SAFE_SQL_CORPUS ?? path.resolve(__dirname, '../../../../shared/corpus');

/** libpg-query's statements as [start of first token, end of last token before the `;`], in UTF-16 offsets. */
function parserBoundaries(text: string): Array<[number, number]> | undefined {
  let parsed: { stmts?: Array<{ stmt_location?: number; stmt_len?: number }> };
  try {
    parsed = parseSync(text) as typeof parsed;
  } catch {
    return undefined;
  }
  const map = offsetMap(text);
  return (parsed.stmts ?? []).map((s) => {
    const from = map.fromBytes(s.stmt_location ?? 0);
    const to = s.stmt_len ? map.fromBytes((s.stmt_location ?? 0) + s.stmt_len) : text.length;
    return codeSpan(text, from, to);
  });
}

/** The first and last non-comment token of text[from, to), the `;` excluded. */
function codeSpan(text: string, from: number, to: number): [number, number] {
  const code = tokenize(text.slice(from, to)).tokens.filter((t) => t.kind !== 'line-comment' && t.kind !== 'block-comment');
  let last = code[code.length - 1];
  if (last && text.charCodeAt(from + last.start) === 59 /* ; */) last = code[code.length - 2];
  return [from + (code[0]?.start ?? 0), from + (last?.end ?? 0)];
}

function splitterBoundaries(text: string): Array<[number, number]> {
  return splitStatements(text)
    .statements.map((s) => codeSpan(text, s.start, s.end))
    .filter(([a, b]) => b > a); // a lone `;` is an empty statement, which the parser drops
}

const STATEMENTS = [
  'SELECT 1',
  "SELECT 'a;b', $$;$$, $q$ ; $q$, E'\\';', \"x;y\" FROM t",
  'DELETE FROM t WHERE (a = 1 OR (b = 2))',
  "CREATE FUNCTION f(begin int) RETURNS int LANGUAGE sql AS 'select 1'",
  'CREATE FUNCTION begin() RETURNS int LANGUAGE sql RETURN 1',
  'CREATE OR REPLACE FUNCTION f(x int, atomic int, "end" int) RETURNS TABLE (begin int, "case" int) LANGUAGE sql BEGIN ATOMIC SELECT x AS end, CASE WHEN x > 0 THEN 1 ELSE 2 END AS case; SELECT t.end FROM (SELECT 1 AS end) t; END',
  'CREATE PROCEDURE p() LANGUAGE sql BEGIN ATOMIC INSERT INTO t VALUES (1); DELETE FROM t WHERE id = 2; END',
  'SELECT CASE WHEN true THEN 1 END AS begin',
  'BEGIN',
  'END',
  'DO $$ BEGIN PERFORM 1; END $$',
  'SELECT 1 /* ; /* nested ; */ */ + 2 -- ;\n',
  "SELECT U&'d\\0061t;a', B'101', X'ff'",
  'UPDATE t SET a = 1',
  'SELECT 2 -- 削除 ✓ 🚀\n',
];
const gap = fc.constantFrom(';\n', '; ', ';\n-- c ;\n', ';/* ; */', ';;\n');
const fileArb = fc.array(fc.constantFrom(...STATEMENTS), { minLength: 1, maxLength: 6 }).chain((parts) =>
  fc.array(gap, { minLength: parts.length, maxLength: parts.length }).map((gaps) => parts.map((p, i) => p + gaps[i]).join('')));

describe('split boundaries equal libpg-query\'s', function () {
  this.timeout(120_000);
  before(() => loadParser());

  it('for generated files', () => {
    let compared = 0;
    fc.assert(
      fc.property(fileArb, (text) => {
        const expected = parserBoundaries(text);
        if (!expected) return;
        compared++;
        assert.deepEqual(splitterBoundaries(text), expected, JSON.stringify(text));
      }),
      { numRuns: 400 },
    );
    assert.ok(compared > 200, `only ${compared} generated files parsed`);
  });

  it('for every file of the shared corpus that libpg-query parses', function () {
    if (!fs.existsSync(CORPUS)) {
      console.log(`    skipped: no corpus at ${CORPUS}`);
      this.skip();
    }
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const f of fs.readdirSync(dir)) {
        const full = path.join(dir, f);
        if (fs.statSync(full).isDirectory()) walk(full);
        else if (f.endsWith('.sql')) files.push(full);
      }
    };
    walk(CORPUS);
    let compared = 0;
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      const expected = parserBoundaries(text);
      if (!expected) continue;
      compared++;
      assert.deepEqual(splitterBoundaries(text), expected, file);
    }
    this.test!.title += ` (${compared} of ${files.length} files parse)`;
  });
});
