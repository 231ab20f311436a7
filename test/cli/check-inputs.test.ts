/** `safe-sql check`: exit codes, paths, directories, stdin and bad input, on the built CLI. */
import * as assert from 'node:assert/strict';
import { removeTree, runCli, tempTree } from './cli-process';

interface JsonOutput {
  version: number;
  files: Array<{ path: string; diagnostics: Array<{ rule: string; severity: string }> }>;
}

describe('safe-sql check inputs and exit codes', () => {
  let root: string;
  before(() => {
    root = tempTree({
      'clean.sql': 'SELECT 1;\nUPDATE t SET x = 1 WHERE id = 2;\n',
      'warn.sql': 'BEGIN;\n',
      'bad.sql': 'DELETE FROM users;\n',
      'migrations/002_b.sql': 'TRUNCATE b;\n',
      'migrations/001_a.sql': 'SELECT 1;\n',
      'migrations/nested/003_c.SQL': 'SELECT 3;\n',
      'migrations/readme.txt': 'DELETE FROM not_sql;\n',
      'migrations/node_modules/x.sql': 'DELETE FROM vendored;\n',
      'migrations/.git/y.sql': 'DELETE FROM in_git;\n',
      'empty-dir/notes.md': '# nothing here\n',
      'binary.sql': Buffer.from([0x55, 0x50, 0x44, 0xff, 0xfe, 0x00, 0x01, 0xc3, 0x28, 0x0a, 0x80, 0x81]),
      'bom.sql': '\uFEFFDELETE FROM t;\n',
    });
  });
  after(() => removeTree(root));

  const json = async (args: string[], stdin?: string) => {
    const r = await runCli(['check', '--format', 'json', ...args], { cwd: root, ...(stdin === undefined ? {} : { stdin }) });
    return { ...r, out: r.stdout ? (JSON.parse(r.stdout) as JsonOutput) : undefined };
  };

  it('exits 0 when no finding is an error, warnings included', async () => {
    assert.equal((await runCli(['check', 'clean.sql'], { cwd: root })).code, 0);
    const r = await runCli(['check', 'warn.sql'], { cwd: root });
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^warn\.sql:1:1: warning transaction-control: /m);
  });

  it('exits 1 on an error-severity finding, production by default', async () => {
    assert.equal((await runCli(['check', 'clean.sql', 'bad.sql'], { cwd: root })).code, 1);
  });

  it('--env development lowers errors to warnings and exits 0', async () => {
    const r = await json(['--env', 'development', 'bad.sql']);
    assert.equal(r.code, 0);
    assert.deepEqual(r.out!.files[0].diagnostics.map((d) => d.severity), ['warning']);
  });

  it('exits 2 and names the file when a path is missing', async () => {
    const r = await runCli(['check', 'clean.sql', 'no/such-file.sql'], { cwd: root });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /no\/such-file\.sql: no such file or directory/);
    assert.equal(r.stdout, '', 'nothing is reported when an input cannot be read');
  });

  it('exits 2 with the usage on a bad option, a bad value or no path', async () => {
    for (const args of [['--nope', 'a.sql'], ['--env', 'prod', 'a.sql'], ['--format', 'xml', 'a.sql'], ['--format'], []]) {
      const r = await runCli(['check', ...args], { cwd: root });
      assert.equal(r.code, 2, `args ${args.join(' ')}`);
      assert.match(r.stderr, /Usage: safe-sql check/);
    }
  });

  it('--help prints the usage and exits 0', async () => {
    const r = await runCli(['check', '--help']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /Usage: safe-sql check .*--format text\|json\|sarif/s);
  });

  it('walks directories for *.sql, sorted, skipping node_modules and .git', async () => {
    const r = await json(['migrations']);
    assert.equal(r.code, 1);
    assert.deepEqual(r.out!.files.map((f) => f.path), [
      'migrations/001_a.sql',
      'migrations/002_b.sql',
      'migrations/nested/003_c.SQL',
    ]);
  });

  it('keeps the directory spelled as given in the paths it reports', async () => {
    const r = await json(['./migrations/']);
    assert.deepEqual(r.out!.files.map((f) => f.path), ['./migrations/001_a.sql', './migrations/002_b.sql', './migrations/nested/003_c.SQL']);
  });

  it('a directory without .sql files is no error: no files, exit 0', async () => {
    const r = await json(['empty-dir']);
    assert.equal(r.code, 0);
    assert.deepEqual(r.out, { version: 1, files: [] });
  });

  it('reads standard input for -', async () => {
    const r = await json(['-'], 'SELECT 1;\nDELETE FROM t;\n');
    assert.equal(r.code, 1);
    assert.equal(r.out!.files[0].path, '-');
    assert.deepEqual(r.out!.files[0].diagnostics.map((d) => d.rule), ['missing-where']);
    const text = await runCli(['check', '-'], { cwd: root, stdin: 'TRUNCATE t;' });
    assert.match(text.stdout, /^<stdin>:1:1: error truncate: /m);
  });

  it('analyses binary garbage as decoded text and fails closed, without crashing', async () => {
    const r = await json(['binary.sql']);
    assert.equal(r.code, 1, r.stderr);
    const rules = r.out!.files[0].diagnostics.map((d) => d.rule);
    assert.ok(rules.length > 0 && rules.every((rule) => rule === 'syntax-error' || rule === 'unverifiable'), rules.join(', '));
  });

  it('drops a leading byte-order mark, so positions match the editor', async () => {
    const r = await runCli(['check', 'bom.sql'], { cwd: root });
    assert.match(r.stdout, /^bom\.sql:1:1: error missing-where: /m);
  });
});
