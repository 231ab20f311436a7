/** `safe-sql check --config FILE`: per-file environments from the settings, on the built CLI. */
import * as assert from 'node:assert/strict';
import { removeTree, runCli, tempTree } from './cli-process';

const SETTINGS = {
  'safeSql.connections': [
    { name: 'local', environment: 'development' },
    { name: 'prod-main', environment: 'production' },
  ],
  'safeSql.documentConnections': { 'dev/**/*.sql': 'local', '**/prod/**/*.sql': 'prod-main' },
};

describe('safe-sql check --config', () => {
  let root: string;
  before(() => {
    root = tempTree({
      'settings.json': JSON.stringify(SETTINGS),
      '.vscode/settings.json': JSON.stringify(SETTINGS),
      'plain.json': JSON.stringify({ connections: SETTINGS['safeSql.connections'], documentConnections: { 'dev/**/*.sql': 'local' }, defaultEnvironment: 'development' }),
      'broken.json': '{"connections": [',
      'dev/scratch.sql': 'DELETE FROM t;\n',
      'dev/pinned.sql': '-- safe-sql: connection=prod-main\nDELETE FROM t;\n',
      'prod/fix.sql': 'DELETE FROM t;\n',
      'other.sql': 'DELETE FROM t;\n',
    });
  });
  after(() => removeTree(root));

  const severities = async (args: string[]) => {
    const r = await runCli(['check', '--format', 'json', ...args], { cwd: root });
    const out = JSON.parse(r.stdout) as { files: Array<{ path: string; diagnostics: Array<{ severity: string }> }> };
    return { code: r.code, stderr: r.stderr, files: Object.fromEntries(out.files.map((f) => [f.path, f.diagnostics.map((d) => d.severity)])) };
  };

  it('a glob bound to a development connection lowers errors to warnings: exit 0', async () => {
    const r = await severities(['--config', 'settings.json', 'dev/scratch.sql']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.files, { 'dev/scratch.sql': ['warning'] });
  });

  it("a workspace's .vscode/settings.json binds globs relative to the workspace folder, as the editor does", async () => {
    const r = await severities(['--config', '.vscode/settings.json', 'dev/scratch.sql']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.files, { 'dev/scratch.sql': ['warning'] });
  });

  it('without --config the same file is production: exit 1', async () => {
    const r = await severities(['dev/scratch.sql']);
    assert.equal(r.code, 1);
    assert.deepEqual(r.files, { 'dev/scratch.sql': ['error'] });
  });

  it('resolves each file on its own: glob, directive, unbound', async () => {
    const r = await severities(['--config', 'settings.json', 'dev', 'prod', 'other.sql']);
    assert.equal(r.code, 1);
    assert.deepEqual(r.files, {
      'dev/pinned.sql': ['error'], // the directive binds production, stricter than the glob
      'dev/scratch.sql': ['warning'],
      'prod/fix.sql': ['error'],
      'other.sql': ['error'], // unbound, no defaultEnvironment in the file: production, like CI
    });
  });

  it('an explicit --env is one more source: the stricter wins', async () => {
    const stricter = await severities(['--config', 'settings.json', '--env', 'production', 'dev/scratch.sql']);
    assert.deepEqual(stricter.files, { 'dev/scratch.sql': ['error'] });
    const laxer = await severities(['--config', 'settings.json', '--env', 'development', 'prod/fix.sql', 'other.sql']);
    assert.deepEqual(laxer.files, { 'prod/fix.sql': ['error'], 'other.sql': ['warning'] });
  });

  it('accepts plain keys and defaultEnvironment for unbound files', async () => {
    const r = await severities(['--config', 'plain.json', 'other.sql', 'dev/scratch.sql']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.files, { 'other.sql': ['warning'], 'dev/scratch.sql': ['warning'] });
  });

  it('matches globs relative to the config file, whatever the working folder', async () => {
    const r = await runCli(['check', '--format', 'json', '--config', `${root}/settings.json`, `${root}/dev/scratch.sql`]);
    assert.equal(r.code, 0, r.stderr);
  });

  it('a broken or missing config file is exit 2, naming the file', async () => {
    const broken = await runCli(['check', '--config', 'broken.json', 'other.sql'], { cwd: root });
    assert.equal(broken.code, 2);
    assert.match(broken.stderr, /broken\.json.*not valid JSON/);
    const missing = await runCli(['check', '--config', 'absent.json', 'other.sql'], { cwd: root });
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /absent\.json: no such file or directory/);
  });

  it('reports settings problems on stderr and resolves them the strict way', async () => {
    const dir = tempTree({
      'cfg.json': JSON.stringify({ connections: [{ name: 'x', environment: 'dev', password: 'hunter2' }], documentConnections: { '*.sql': 'x' } }),
      'a.sql': 'DELETE FROM t;\n',
    });
    try {
      const r = await runCli(['check', '--config', 'cfg.json', '--env', 'development', 'a.sql'], { cwd: dir });
      assert.equal(r.code, 1, 'an unreadable environment counts as production');
      assert.match(r.stderr, /cfg\.json: connection "x" has environment "dev"/);
      assert.match(r.stderr, /password field/);
      assert.doesNotMatch(r.stderr + r.stdout, /hunter2/, 'a password never appears in output');
    } finally {
      removeTree(dir);
    }
  });
});
