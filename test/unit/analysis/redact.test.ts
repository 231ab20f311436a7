/** Password literals are found by PostgreSQL's parser and replaced; nothing else in the text changes. */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadParser } from '../../../server/analysis/parser';
import { redactSecrets } from '../../../server/analysis/redact';

describe('redactSecrets', () => {
  before(() => loadParser());

  // Each case: `-- case: name`, the input, `-- becomes:`, the expected text.
  const cases = readFileSync(join(__dirname, 'redact-cases.sql'), 'utf8')
    .split(/^-- case: /m)
    .slice(1)
    .map((block) => {
      const [name, ...rest] = block.split('\n');
      const [input, expected] = rest.join('\n').split('\n-- becomes:\n').map((x) => x.trimEnd());
      return [name, input, expected] as const;
    });
  it('reads its cases', () => assert.equal(cases.length, 12));
  for (const [name, input, expected] of cases) {
    it(name, () => {
      const r = redactSecrets(input);
      assert.equal(r.text, expected);
      const secret = /(s3cr3t-value|it''s-secret|x\\'y-secret|dollar-secret|pw-secret-\d)/.exec(input)?.[1];
      if (secret) assert.ok(!r.text.includes(secret.replace("''", "'")));
      assert.ok(r.secrets.length > 0);
    });
  }

  it('leaves texts without secrets alone, without parsing', () => {
    const text = "UPDATE t SET v = 'x' WHERE id = 1; SELECT dblink('c', 'select 1');";
    assert.deepEqual(redactSecrets(text), { text, secrets: [] });
  });

  it('a connection string without a password is kept', () => {
    const text = "CREATE SUBSCRIPTION sub CONNECTION 'host=x dbname=y' PUBLICATION p;";
    assert.equal(redactSecrets(text).text.includes("'***'"), false);
  });

  it('fails closed: text that does not parse loses every string literal', () => {
    const r = redactSecrets("ALTER ROLE app PASSWORD 'pw-secret-9' GARBAGE 'other';");
    assert.equal(r.text, "ALTER ROLE app PASSWORD '***' GARBAGE '***';");
    assert.ok(r.secrets.includes('pw-secret-9'));
  });

  it('fails closed: an unclosed quote removes the rest', () => {
    const r = redactSecrets("ALTER ROLE app PASSWORD 'pw-secret-10");
    assert.ok(!r.text.includes('pw-secret-10'));
  });

  it('an escaped option name is still a password (the parser decodes it)', () => {
    const r = redactSecrets('CREATE USER MAPPING FOR u SERVER s OPTIONS (U&"p\\0061ssword" \'pw-secret-11\');');
    assert.ok(!r.text.includes('pw-secret-11'));
  });
});
