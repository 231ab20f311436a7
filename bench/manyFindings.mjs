// @ts-check
// `npm run bench`: typing in a file with many findings, where every edit changes them. A
// 10,000-statement file in which one statement in ten is a WHERE-less DELETE (1,000 errors);
// each edit adds or removes a WHERE clause in the middle. 40 edits, all timed: none is a warm-up.
//   node bench/manyFindings.mjs [--json]
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BenchClient } from './lib/lspClient.mjs';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const SERVER = join(root, 'dist', 'server.js');
const STATEMENTS = 10_000;
const EDITS = 40;
const TARGET_P95_MS = 30;
const WHERE = ' WHERE id = 1';

const now = () => Number(process.hrtime.bigint()) / 1e6;

/** @param {number[]} sorted @param {number} p */
const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

function documentText() {
  const lines = ['-- many findings'];
  for (let i = 0; i < STATEMENTS; i++) lines.push(i % 10 === 0 ? `DELETE FROM orders_${i % 7};` : `UPDATE orders SET status = 'done' WHERE id = ${i};`);
  return { text: `${lines.join('\n')}\n`, lines };
}

async function main() {
  const { text, lines } = documentText();
  // The middle DELETE: its line, and the column of its `;`.
  let line = Math.floor(lines.length / 2);
  while (!lines[line].startsWith('DELETE')) line++;
  const semicolon = lines[line].length - 1;

  const client = new BenchClient(SERVER, { defaultEnvironment: 'production' });
  await client.initialize();
  const uri = 'file:///bench/many-findings.sql';
  const first = await client.open(uri, text);
  /** @type {number[]} */
  const latencies = [];
  /** @type {number[]} */
  const counts = [];
  for (let k = 0; k < EDITS; k++) {
    const at = { line, character: semicolon };
    const adding = k % 2 === 0;
    const range = adding ? { start: at, end: at } : { start: at, end: { line, character: semicolon + WHERE.length } };
    const start = now();
    const published = await client.change(uri, k + 2, range, adding ? WHERE : '');
    latencies.push(now() - start);
    counts.push(published.diagnostics.length);
  }
  const memory = client.memory();
  await client.stop();
  const changed = counts.every((n, i) => n === first.diagnostics.length - (i % 2 === 0 ? 1 : 0));
  latencies.sort((a, b) => a - b);
  const result = {
    statements: STATEMENTS,
    errors: first.diagnostics.length,
    edits: EDITS,
    diagnosticsChangedEveryEdit: changed,
    p50Ms: percentile(latencies, 50),
    p95Ms: percentile(latencies, 95),
    maxMs: latencies[latencies.length - 1],
    peakRssMb: memory.peakMb,
    target: `keystroke → versioned diagnostics p95 ≤ ${TARGET_P95_MS} ms`,
    met: percentile(latencies, 95) <= TARGET_P95_MS,
  };
  if (process.argv.includes('--json')) {
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return;
  }
  console.log(`\nMany findings: ${STATEMENTS.toLocaleString('en-US')} statements, ${result.errors.toLocaleString('en-US')} errors, ${EDITS} timed edits that add or remove a WHERE in the middle${changed ? '' : ' (WARNING: the diagnostics did not change as expected)'}\n`);
  console.log('| p50 | p95 | max | peak RSS |');
  console.log('|---:|---:|---:|---:|');
  console.log(`| ${result.p50Ms.toFixed(2)} ms | ${result.p95Ms.toFixed(2)} ms | ${result.maxMs.toFixed(2)} ms | ${result.peakRssMb.toFixed(0)} MB |`);
  console.log(`\n  ${result.met ? 'met    ' : 'MISSED '} ${result.target}: ${result.p95Ms.toFixed(1)}`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
