import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { KNOWN_RULES } from '../../../server/analysis/analyze';

const DOCS = path.resolve(__dirname, '../../../docs/rules');

describe('rule docs', () => {
  for (const id of KNOWN_RULES) {
    it(`docs/rules/${id}.md exists, names the rule and tells how to suppress`, () => {
      const file = path.join(DOCS, `${id}.md`);
      assert.ok(fs.existsSync(file), `${file} is missing`);
      const text = fs.readFileSync(file, 'utf8');
      assert.match(text, new RegExp(`^# ${id}\\n`));
      assert.match(text, /\*\*Severity:\*\*/);
      assert.match(text, /safe-sql-ignore/);
    });
  }

  it('documents no rule that does not exist', () => {
    const documented = fs.readdirSync(DOCS).filter((f) => f.endsWith('.md')).map((f) => f.slice(0, -3)).sort();
    assert.deepEqual(documented, [...KNOWN_RULES].sort());
  });
});
