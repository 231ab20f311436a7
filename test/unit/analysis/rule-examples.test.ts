/**
 * Each rule's own examples are run: every `flagged` example gets a finding of that rule on a
 * production document, every `passes` example none. Its page in docs/rules shows exactly them.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Analyzer } from '../../../server/analysis/analyze';
import { loadParser } from '../../../server/analysis/parser';
import { RULE_INFO } from '../../../server/analysis/rules';

const DOCS = path.resolve(__dirname, '../../../docs/rules');

/** The SQL block that follows `heading` on a rule's page. */
function block(page: string, heading: string): string | undefined {
  const at = page.indexOf(`\n${heading}\n\`\`\`sql\n`);
  if (at < 0) return undefined;
  const start = at + heading.length + 9;
  return page.slice(start, page.indexOf('\n```', start));
}

describe('rule examples', () => {
  before(async () => {
    await loadParser();
  });

  for (const rule of RULE_INFO) {
    describe(rule.id, () => {
      for (const sql of rule.examples.flagged) {
        it(`flags: ${sql.split('\n').pop()}`, () => {
          const found = new Analyzer().analyze(sql, { environment: 'production' }).findings.map((f) => f.rule);
          assert.ok(found.includes(rule.id), `no ${rule.id} finding; found ${found.join(', ') || 'nothing'}`);
        });
      }
      for (const sql of rule.examples.passes) {
        it(`passes: ${sql.split('\n').pop()}`, () => {
          const found = new Analyzer().analyze(sql, { environment: 'production' }).findings.filter((f) => f.rule === rule.id);
          assert.deepEqual(found.map((f) => f.message), []);
        });
      }
      it(`docs/rules/${rule.id}.md shows exactly these examples`, () => {
        const page = fs.readFileSync(path.join(DOCS, `${rule.id}.md`), 'utf8');
        assert.equal(block(page, 'Flagged:'), rule.examples.flagged.join('\n'));
        if (rule.examples.passes.length > 0) assert.equal(block(page, 'Not flagged:'), rule.examples.passes.join('\n'));
      });
    });
  }
});
