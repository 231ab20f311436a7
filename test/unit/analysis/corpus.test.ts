/**
 * PostgreSQL's regression SQL, where `../shared/corpus/pg-regress/` exists beside the repository:
 * every file is analysed without a throw, with spans inside the text. Skips where it is absent.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Analyzer } from '../../../server/analysis/analyze';
import { loadParser, parseSql } from '../../../server/analysis/parser';
import { analyzeChecked } from './helpers';

const REPO_ROOT = path.resolve(__dirname, '../../..');
const CORPUS = path.join(process.env.SAFE_SQL_CORPUS ?? path.resolve(REPO_ROOT, '../shared/corpus'), 'pg-regress');

describe('shared corpus (pg-regress)', function () {
  this.timeout(120_000);

  before(async function () {
    if (!fs.existsSync(CORPUS)) {
      // Say why: a silent skip looks like a pass.
      console.log(`      skipped: ${CORPUS} is absent (PostgreSQL's regression SQL is kept beside the repository, not in it)`);
      this.skip();
    }
    await loadParser();
  });

  it('analyses every file without a throw and records the finding counts', function () {
    if (!fs.existsSync(CORPUS)) this.skip();
    const files = fs.readdirSync(CORPUS).filter((f) => f.endsWith('.sql')).sort();
    assert.ok(files.length > 0, `${CORPUS} holds no .sql file`);
    const counts: Record<string, Record<string, number>> = {};
    let statements = 0;
    for (const file of files) {
      const text = fs.readFileSync(path.join(CORPUS, file), 'utf8');
      const result = analyzeChecked(text);
      statements += result.statements.length;
      const perRule: Record<string, number> = {};
      for (const f of result.findings) perRule[f.rule] = (perRule[f.rule] ?? 0) + 1;
      counts[file] = perRule;
    }
    // The regression suite is full of UPDATE/DELETE without WHERE: a silent corpus means a broken analysis.
    const total = (rule: string) => Object.values(counts).reduce((n, c) => n + (c[rule] ?? 0), 0);
    assert.ok(total('missing-where') > 50, `only ${total('missing-where')} missing-where findings`);
    assert.ok(statements > 1_000, `only ${statements} statements`);
    this.test!.title += ` (${files.length} files, ${statements} statements: ${['missing-where', 'always-true-where', 'syntax-error', 'unverifiable'].map((r) => `${r} ${total(r)}`).join(', ')})`;
  });

  it('reports every WHERE-less UPDATE and DELETE libpg-query finds, with condition findings on at most 0.5% of the rest', function () {
    if (!fs.existsSync(CORPUS)) this.skip();
    const CONDITION_RULES = new Set(['missing-where', 'always-true-where', 'target-independent-condition']);
    let whereless = 0;
    let rest = 0;
    let flagged = 0;
    const missed: string[] = [];
    for (const file of fs.readdirSync(CORPUS).filter((f) => f.endsWith('.sql'))) {
      for (const s of new Analyzer().analyze(fs.readFileSync(path.join(CORPUS, file), 'utf8')).statements) {
        // PostgreSQL's parser is the judge of what the statement is.
        const parsed = parseSql(s.text);
        if (!parsed.ok || parsed.statements.length !== 1) continue;
        const stmt = parsed.statements[0].stmt as Record<string, { whereClause?: unknown } | undefined>;
        const write = stmt.UpdateStmt ?? stmt.DeleteStmt;
        const rules = s.findings.filter((f) => CONDITION_RULES.has(f.rule)).map((f) => f.rule);
        if (write && !write.whereClause) {
          whereless++;
          if (!rules.includes('missing-where')) missed.push(`${file}: ${s.text.slice(0, 80)}`);
        } else {
          rest++;
          if (rules.length > 0) flagged++;
        }
      }
    }
    assert.deepEqual(missed, []);
    assert.ok(whereless >= 170, `only ${whereless} WHERE-less statements were found`);
    assert.ok(flagged / rest <= 0.005, `${flagged} of ${rest} other statements have condition findings`);
    this.test!.title += ` (${whereless} WHERE-less, all reported; ${flagged} of ${rest} others flagged, ${((100 * flagged) / rest).toFixed(2)}%)`;
  });
});
