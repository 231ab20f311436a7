// @ts-check
// `npm run bench` (after the build): drives the built language server over LSP stdio, like an
// editor, and compares libpg-query with node-sql-parser on the same statements.
//   node bench/lsp.mjs [--json]
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BenchClient } from './lib/lspClient.mjs';
import { corpusStatements, compareParsers } from './lib/parsers.mjs';
import { documentOf } from './lib/workload.mjs';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const SERVER = join(root, 'dist', 'server.js');
const SIZES = [100, 1_000, 10_000];
const KEYSTROKES = 200;
/** Untimed edits first: the timed ones measure steady typing, not the server's JIT warm-up. */
const WARMUP = 20;
const TARGETS = { p95At100: 5, p95At10000: 30, firstAt10000: 1000, rssMb: 200 };

const now = () => Number(process.hrtime.bigint()) / 1e6;
const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

/** Where the benchmark types: after the id of an UPDATE … WHERE id = N near the middle of the document. */
function typingPoint(text) {
  const lines = text.split('\n');
  for (let i = Math.floor(lines.length / 2); i < lines.length; i++) {
    const m = /WHERE id = \d+/.exec(lines[i]);
    if (m) return { line: i, character: m.index + m[0].length };
  }
  throw new Error('no UPDATE … WHERE id = N line to type into');
}

async function measureSize(count) {
  const client = new BenchClient(SERVER, { defaultEnvironment: 'production' });
  await client.initialize();
  const uri = `file:///bench/${count}.sql`;
  const text = documentOf(count);

  const cpuAtOpen = client.cpuMs();
  const t0 = now();
  const first = await client.open(uri, text);
  const openMs = now() - t0;
  const openCpuMs = client.cpuMs() - cpuAtOpen;

  // Type digits into one statement's WHERE clause; each keystroke waits for its own diagnostics.
  const at = typingPoint(text);
  const type = (k) => {
    const position = { line: at.line, character: at.character + k };
    return client.change(uri, k + 2, { start: position, end: position }, String(k % 10));
  };
  for (let k = 0; k < WARMUP; k++) await type(k);
  const latencies = [];
  const cpuBefore = client.cpuMs();
  for (let k = WARMUP; k < WARMUP + KEYSTROKES; k++) {
    const start = now();
    await type(k);
    latencies.push(now() - start);
  }
  const cpuPerKeystrokeMs = (client.cpuMs() - cpuBefore) / KEYSTROKES;
  latencies.sort((a, b) => a - b);
  const memory = client.memory();
  await client.stop();
  return {
    statements: count,
    characters: text.length,
    diagnostics: first.diagnostics.length,
    openToDiagnosticsMs: openMs,
    serverCpuForOpenMs: openCpuMs,
    keystrokeP50Ms: percentile(latencies, 50),
    keystrokeP95Ms: percentile(latencies, 95),
    serverCpuPerKeystrokeMs: cpuPerKeystrokeMs,
    rssMb: memory.rssMb,
    peakRssMb: memory.peakMb,
  };
}

const fmt = (n, digits = 1) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

async function main() {
  const json = process.argv.includes('--json');
  const sizes = [];
  for (const count of SIZES) sizes.push(await measureSize(count));
  const corpus = corpusStatements(root);
  const parsers = await compareParsers(corpus.statements);

  const at = (n) => sizes.find((s) => s.statements === n);
  const targets = [
    { target: `keystroke p95 at 100 statements ≤ ${TARGETS.p95At100} ms`, value: at(100).keystrokeP95Ms, met: at(100).keystrokeP95Ms <= TARGETS.p95At100 },
    { target: `keystroke p95 at 10,000 statements ≤ ${TARGETS.p95At10000} ms`, value: at(10_000).keystrokeP95Ms, met: at(10_000).keystrokeP95Ms <= TARGETS.p95At10000 },
    { target: `first diagnostics at 10,000 statements ≤ ${TARGETS.firstAt10000} ms`, value: at(10_000).openToDiagnosticsMs, met: at(10_000).openToDiagnosticsMs <= TARGETS.firstAt10000 },
    { target: `server peak RSS ≤ ${TARGETS.rssMb} MB`, value: Math.max(...sizes.map((s) => s.peakRssMb)), met: sizes.every((s) => s.peakRssMb <= TARGETS.rssMb) },
  ];

  if (json) {
    process.stdout.write(`${JSON.stringify({ node: process.version, cpus: os.cpus().length, loadAverage: os.loadavg()[0], keystrokes: KEYSTROKES, warmupKeystrokes: WARMUP, sizes, parsers: { corpus: corpus.source, ...parsers }, targets }, null, 2)}\n`);
    return;
  }
  const load = os.loadavg()[0];
  console.log(`Language server over LSP stdio (${process.version}, ${os.cpus().length} CPUs, load ${fmt(load, 1)}, ${KEYSTROKES} single-character edits per document after ${WARMUP} untimed ones)\n`);
  console.log('| statements | open → diagnostics (server CPU) | keystroke p50 | keystroke p95 | server CPU per keystroke | RSS | peak RSS |');
  console.log('|---:|---:|---:|---:|---:|---:|---:|');
  for (const s of sizes) {
    console.log(`| ${s.statements.toLocaleString('en-US')} | ${fmt(s.openToDiagnosticsMs)} ms (${fmt(s.serverCpuForOpenMs, 0)} ms) | ${fmt(s.keystrokeP50Ms, 2)} ms | ${fmt(s.keystrokeP95Ms, 2)} ms | ${fmt(s.serverCpuPerKeystrokeMs, 2)} ms | ${fmt(s.rssMb, 0)} MB | ${fmt(s.peakRssMb, 0)} MB |`);
  }
  console.log(`\nParsers on the same ${corpus.statements.length.toLocaleString('en-US')} statements (${corpus.source})\n`);
  console.log('| parser | parsed | µs per statement |');
  console.log('|---|---:|---:|');
  for (const [name, r] of Object.entries(parsers)) console.log(`| ${name} | ${fmt(r.ratePercent)}% (${r.parsed}/${r.total}) | ${fmt(r.microsPerStatement)} |`);
  console.log('\nTargets');
  for (const t of targets) console.log(`  ${t.met ? 'met    ' : 'MISSED '} ${t.target}: ${fmt(t.value, 1)}`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
