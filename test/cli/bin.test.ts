/** The `bin` entry: `npm install` must leave a working `safe-sql` command. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

describe('package.json bin', () => {
  it('safe-sql points at an existing executable file with a node shebang', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { bin?: Record<string, string> };
    const target = pkg.bin?.['safe-sql'];
    assert.ok(target, 'package.json has bin.safe-sql');
    const file = path.join(ROOT, target);
    const stat = fs.statSync(file);
    assert.ok(stat.isFile(), `${target} is a file`);
    assert.ok((stat.mode & 0o111) !== 0, `${target} is executable`);
    assert.match(fs.readFileSync(file, 'utf8').split('\n')[0], /^#!\/usr\/bin\/env node\b/);
  });
});
