/** Password literals are found by PostgreSQL's parser and replaced; nothing else in the text changes. */
import * as assert from 'node:assert/strict';
import { loadParser } from '../../../server/analysis/parser';
import { redactSecrets } from '../../../server/analysis/redact';

describe('redactSecrets', () => {
  before(() => loadParser());

  const cases: Array<[string, string, string]> = [
    ['ALTER ROLE', "ALTER ROLE app PASSWORD 's3cr3t-value';", "ALTER ROLE app PASSWORD '***';"],
    ['a doubled quote inside', "ALTER ROLE app PASSWORD 'it''s-secret';", "ALTER ROLE app PASSWORD '***';"],
    ['CREATE USER … ENCRYPTED, VALID UNTIL kept', "CREATE USER u WITH ENCRYPTED PASSWORD E'x\\'y-secret' VALID UNTIL '2030-01-01';", "CREATE USER u WITH ENCRYPTED PASSWORD '***' VALID UNTIL '2030-01-01';"],
    ['a dollar-quoted password', 'ALTER USER u PASSWORD $q$dollar-secret$q$', "ALTER USER u PASSWORD '***'"],
    ['USER MAPPING options', "CREATE USER MAPPING FOR u SERVER s OPTIONS (user 'alice', password 'pw-secret-1');", "CREATE USER MAPPING FOR u SERVER s OPTIONS (user 'alice', password '***');"],
    ['ALTER USER MAPPING SET', "ALTER USER MAPPING FOR u SERVER s OPTIONS (SET password 'pw-secret-2');", "ALTER USER MAPPING FOR u SERVER s OPTIONS (SET password '***');"],
    ['SUBSCRIPTION CONNECTION', "CREATE SUBSCRIPTION sub CONNECTION 'host=x password=pw-secret-3' PUBLICATION p;", "CREATE SUBSCRIPTION sub CONNECTION '***' PUBLICATION p;"],
    ['ALTER SUBSCRIPTION CONNECTION', "ALTER SUBSCRIPTION sub CONNECTION 'host=x password=pw-secret-4';", "ALTER SUBSCRIPTION sub CONNECTION '***';"],
    ['dblink_exec', "SELECT dblink_exec('host=x password=pw-secret-5', 'delete from t');", "SELECT dblink_exec('***', 'delete from t');"],
    ['dblink_connect, second argument', "SELECT dblink_connect('c', 'postgresql://u:pw-secret-6@h/db');", "SELECT dblink_connect('c', '***');"],
    ['non-ASCII before the literal', "/* é */ ALTER ROLE app PASSWORD 'pw-secret-7';", "/* é */ ALTER ROLE app PASSWORD '***';"],
    ['the second of several statements', "SELECT 'password';\nALTER ROLE app PASSWORD 'pw-secret-8';", "SELECT 'password';\nALTER ROLE app PASSWORD '***';"],
  ];
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
