/** The README's worked example is a real run: its output block must match what the CLI prints today. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { KNOWN_RULES } from '../../server/analysis/analyze';
import { runCli } from './cli-process';

const ROOT = path.resolve(__dirname, '../..');
const README = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');

/** The first fenced block after a marker line. */
function blockAfter(marker: string): string {
  const at = README.indexOf(marker);
  assert.ok(at >= 0, `README has ${marker}`);
  const m = /```[a-z]*\n([\s\S]*?)```/.exec(README.slice(at));
  assert.ok(m, `a code block follows ${marker}`);
  return m[1];
}

describe('README', () => {
  it('shows the real text output of safe-sql check on examples/dangerous.sql', async () => {
    const r = await runCli(['check', 'examples/dangerous.sql'], { cwd: ROOT });
    assert.equal(r.code, 1);
    assert.equal(blockAfter('<!-- check-output: examples/dangerous.sql -->'), r.stdout);
    assert.ok(README.includes(r.stderr.trimEnd()), `README shows the summary line ${r.stderr.trimEnd()}`);
  });

  it('shows the real JSON for its stdin example', async () => {
    const r = await runCli(['check', '--format', 'json', '-'], { cwd: ROOT, stdin: "SELECT '😀'; DELETE FROM t;\n" });
    assert.ok(README.includes('echo "SELECT \'😀\'; DELETE FROM t;" | npx safe-sql check --format json -'));
    assert.ok(README.includes(r.stdout.trimEnd()), 'the JSON block is the CLI output');
  });

  it('links every rule to its doc', () => {
    for (const id of KNOWN_RULES) assert.ok(README.includes(`[\`${id}\`](docs/rules/${id}.md)`), id);
  });
});
