/** `safe-sql check --format text|json|sarif`: the output contracts, on the built CLI. */
import * as assert from 'node:assert/strict';
import { removeTree, runCli, tempTree } from './cli-process';

// The emoji is two UTF-16 code units (one code point, four UTF-8 bytes): DELETE starts at
// character 13 in LSP terms, not 12 or 16.
const EMOJI_FILE = "SELECT '😀'; DELETE FROM t;\n";
const DELETE_MESSAGE = 'DELETE has no WHERE clause: it deletes every row of t.';

describe('safe-sql check output formats', () => {
  let root: string;
  before(() => {
    root = tempTree({
      'emoji.sql': EMOJI_FILE,
      'endings.sql': 'SELECT 1;\r\nUPDATE a SET x = 1;\rSELECT 2;\nTRUNCATE b;\n',
      'suppressed.sql': '-- safe-sql-ignore missing-where: the table holds one row by design\nDELETE FROM settings;\n',
    });
  });
  after(() => removeTree(root));

  it('json is exactly the documented contract, with UTF-16 characters', async () => {
    const r = await runCli(['check', '--format', 'json', 'emoji.sql'], { cwd: root });
    assert.equal(r.code, 1, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), {
      version: 1,
      files: [{
        path: 'emoji.sql',
        diagnostics: [{
          rule: 'missing-where',
          severity: 'error',
          message: DELETE_MESSAGE,
          range: { start: { line: 0, character: 13 }, end: { line: 0, character: 19 } },
        }],
      }],
    });
    assert.equal(r.stdout.trim().split('\n').length, 1, 'one JSON document on one line');
  });

  it('json counts lines like LSP: \\r\\n, lone \\r and \\n each end a line', async () => {
    const r = await runCli(['check', '--format', 'json', 'endings.sql'], { cwd: root });
    const diagnostics = JSON.parse(r.stdout).files[0].diagnostics as Array<{ rule: string; range: { start: { line: number; character: number } } }>;
    assert.deepEqual(diagnostics.map((d) => [d.rule, d.range.start.line, d.range.start.character]), [
      ['missing-where', 1, 0],
      ['truncate', 3, 0],
    ]);
  });

  it('json keeps a file without findings, with an empty list', async () => {
    const clean = tempTree({ 'ok.sql': 'SELECT 1;\n' });
    try {
      const r = await runCli(['check', '--format', 'json', 'ok.sql'], { cwd: clean });
      assert.equal(r.code, 0);
      assert.deepEqual(JSON.parse(r.stdout), { version: 1, files: [{ path: 'ok.sql', diagnostics: [] }] });
    } finally {
      removeTree(clean);
    }
  });

  it('text prints path:line:col: severity rule: message, 1-based, and a summary on stderr', async () => {
    const r = await runCli(['check', 'emoji.sql', 'endings.sql'], { cwd: root });
    assert.equal(r.code, 1);
    assert.deepEqual(r.stdout.trimEnd().split('\n'), [
      `emoji.sql:1:14: error missing-where: ${DELETE_MESSAGE}`,
      'endings.sql:2:1: error missing-where: UPDATE has no WHERE clause: it changes every row of a.',
      'endings.sql:4:1: error truncate: TRUNCATE removes every row of b.',
    ]);
    assert.match(r.stderr, /3 errors, 0 warnings in 2 files/);
  });

  it('text shows a suppressed finding as a warning with its reason', async () => {
    const r = await runCli(['check', 'suppressed.sql'], { cwd: root });
    assert.equal(r.code, 0, 'a suppressed finding is a warning, not an error');
    assert.match(r.stdout, /^suppressed\.sql:2:1: warning missing-where: .*\(suppressed: the table holds one row by design\)$/m);
  });

  it('sarif is SARIF 2.1.0 with UTF-16 columns and 1-based regions', async () => {
    const r = await runCli(['check', '--format', 'sarif', 'emoji.sql', 'suppressed.sql'], { cwd: root });
    assert.equal(r.code, 1);
    const log = JSON.parse(r.stdout);
    assert.equal(log.version, '2.1.0');
    assert.match(log.$schema, /sarif-2\.1\.0/);
    assert.equal(log.runs.length, 1);
    const run = log.runs[0];
    assert.equal(run.columnKind, 'utf16CodeUnits');
    assert.equal(run.tool.driver.name, 'safe-sql');
    const ruleIds = run.tool.driver.rules.map((rule: { id: string }) => rule.id);
    for (const id of ['missing-where', 'always-true-where', 'truncate', 'unverifiable', 'syntax-error', 'destructive-ddl', 'non-transactional', 'transaction-control', 'bad-directive']) {
      assert.ok(ruleIds.includes(id), `driver lists ${id}`);
    }
    for (const rule of run.tool.driver.rules) assert.ok(rule.shortDescription.text.length > 0, `${rule.id} has a description`);

    const [first, second] = run.results;
    assert.equal(first.ruleId, 'missing-where');
    assert.equal(first.level, 'error');
    assert.equal(first.message.text, DELETE_MESSAGE);
    assert.equal(run.tool.driver.rules[first.ruleIndex].id, 'missing-where');
    assert.deepEqual(first.locations[0].physicalLocation, {
      artifactLocation: { uri: 'emoji.sql' },
      region: { startLine: 1, startColumn: 14, endLine: 1, endColumn: 20 },
    });
    assert.equal(first.suppressions, undefined);

    assert.equal(second.level, 'warning');
    assert.equal(second.locations[0].physicalLocation.artifactLocation.uri, 'suppressed.sql');
    assert.deepEqual(second.suppressions, [{ kind: 'inSource', status: 'underReview', justification: 'the table holds one row by design' }]);
  });
});
