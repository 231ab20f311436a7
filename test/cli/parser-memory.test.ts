/**
 * The built parser (dist/libpg-query.wasm) is libpg-query's module with a smaller initial memory
 * (scripts/lib/wasmMemory.mjs). Everything else must be the shipped bytes, and a statement that
 * needs more memory than the module starts with must be analysed exactly as the shipped module
 * analyses it.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Analyzer } from '../../server/analysis/analyze';
import { loadParser } from '../../server/analysis/parser';
import { removeTree, runCli, tempTree } from './cli-process';

const ROOT = path.resolve(__dirname, '../..');
const SHIPPED = path.join(path.dirname(require.resolve('libpg-query')), 'libpg-query.wasm');
const BUILT = path.join(ROOT, 'dist', 'libpg-query.wasm');

type Shrink = (bytes: Uint8Array, headroom: number) => { bytes: Uint8Array; fromPages: number; toPages: number };
const shrinker = async (): Promise<Shrink> => ((await import('../../scripts/lib/wasmMemory.mjs')) as { shrinkInitialMemory: Shrink }).shrinkInitialMemory;

describe('the built parser module', () => {
  it('is the shipped module with only the initial memory lowered', async () => {
    const shrinkInitialMemory = await shrinker();
    const shipped = fs.readFileSync(SHIPPED);
    const built = fs.readFileSync(BUILT);
    const again = shrinkInitialMemory(built, 4 * 1024 * 1024);
    const original = shrinkInitialMemory(shipped, 4 * 1024 * 1024);
    assert.ok(original.toPages < original.fromPages, 'the shipped module starts larger than it needs');
    assert.equal(again.fromPages, original.toPages, 'the build wrote the lowered size');
    assert.deepEqual(Buffer.from(original.bytes), built);
    // Outside the memory section the bytes are the shipped ones.
    const differing = [...built.keys()].filter((i) => built[i] !== shipped[i]);
    assert.equal(built.length, shipped.length);
    assert.ok(differing.length > 0 && differing.length <= 4, `${differing.length} bytes differ`);
  });

  it('refuses a module it does not understand rather than changing it', async () => {
    const shrinkInitialMemory = await shrinker();
    assert.throws(() => shrinkInitialMemory(Buffer.from('not wasm'), 0), /not a version 1 WebAssembly module/);
    // A module without a memory section.
    assert.throws(() => shrinkInitialMemory(Buffer.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]), 0), /expected one section 5/);
  });

  it('grows when a statement needs more memory, and analyses it as the shipped module does', async () => {
    // 40,000 constants: parsing needs more than the 4 MiB of heap the built module starts with.
    const sql = `DELETE FROM t WHERE 1 = 1 OR id IN (${Array.from({ length: 40_000 }, (_, i) => i).join(',')});\nUPDATE t SET a = 1;\n`;
    await loadParser();
    const expected = new Analyzer().analyze(sql).findings.map((f) => [f.rule, f.severity, f.message]);
    assert.deepEqual(expected.map(([rule]) => rule), ['always-true-where', 'missing-where']);
    const root = tempTree({ 'big.sql': sql });
    try {
      const r = await runCli(['check', '--format', 'json', 'big.sql'], { cwd: root });
      assert.equal(r.code, 1, r.stderr);
      const report = JSON.parse(r.stdout) as { files: Array<{ diagnostics: Array<{ rule: string; severity: string; message: string }> }> };
      assert.deepEqual(report.files[0].diagnostics.map((d) => [d.rule, d.severity, d.message]), expected);
    } finally {
      removeTree(root);
    }
  });
});
