// @ts-check
// `npm run bench`: `safe-sql check` of a one-statement file against a bare `node -e 0`, measured
// side by side, alternating, so both see the same machine load.
//   node bench/startup.mjs [--json]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const CLI = join(root, 'dist', 'cli.js');
const RUNS = 20;
const TARGET_RATIO = 1.6;

/** @param {string[]} args */
function timed(args) {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(' ')} exited with ${r.status}: ${r.stderr}`);
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** @param {number[]} xs */
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const dir = mkdtempSync(join(tmpdir(), 'safe-sql-startup-'));
try {
  const file = join(dir, 'one.sql');
  writeFileSync(file, 'UPDATE orders SET status = 1 WHERE id = 7;\n');
  timed([CLI, 'check', file]);
  /** @type {number[]} */ const check = [];
  /** @type {number[]} */ const bare = [];
  for (let i = 0; i < RUNS; i++) {
    bare.push(timed(['-e', '0']));
    check.push(timed([CLI, 'check', file]));
  }
  const ratio = median(check) / median(bare);
  const result = { runs: RUNS, checkMedianMs: median(check), nodeMedianMs: median(bare), ratio, target: `check of one statement ≤ ${TARGET_RATIO}× node -e 0`, met: ratio <= TARGET_RATIO };
  if (process.argv.includes('--json')) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  else {
    console.log(`\nStart-up, ${RUNS} runs each, alternating: safe-sql check of one statement ${result.checkMedianMs.toFixed(0)} ms, node -e 0 ${result.nodeMedianMs.toFixed(0)} ms (medians)`);
    console.log(`  ${result.met ? 'met    ' : 'MISSED '} ${result.target}: ${ratio.toFixed(2)}×`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
