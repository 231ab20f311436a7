// @ts-check
// Builds the bundles and packages the extension as a .vsix with the pinned @vscode/vsce, then checks
// that the package holds what the extension needs at run time (a missing .wasm fails here).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { zipEntries } from '../lib/zip.mjs';

const REQUIRED = ['dist/extension.js', 'dist/server.js', 'dist/cli.js', 'dist/libpg-query.wasm', 'package.json'];
// Every file under these folders in the repository must be in the package too.
const REQUIRED_TREES = ['docs/rules', 'syntaxes'];

// The package's inputs: what .vscodeignore lets in (all of dist/, to be safe) and .vscodeignore.
const INPUTS = ['.vscodeignore', 'package.json', 'README.md', 'LICENSE'];
const INPUT_TREES = ['dist', 'docs/rules', 'docs/images', 'syntaxes', 'media'];

/**
 * Builds, then packages unless `outFile` was packaged from the very same inputs (their hash is kept
 * beside it, in `outFile`.inputs). Returns whether it packaged.
 * @param {string} root
 * @param {string} outFile
 */
export function buildAndPackageIfChanged(root, outFile) {
  build(root);
  const stamp = `${outFile}.inputs`;
  const hash = inputsHash(root);
  if (existsSync(outFile) && existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === hash) return false;
  rmSync(stamp, { force: true });
  packageBuilt(root, outFile);
  writeFileSync(stamp, `${hash}\n`);
  return true;
}

/** @param {string} root */
function inputsHash(root) {
  const hash = createHash('sha256');
  hash.update(readFileSync(join(root, 'node_modules', '@vscode', 'vsce', 'package.json')));
  const files = [...INPUTS.map((f) => join(root, f)), ...INPUT_TREES.flatMap((t) => walk(join(root, t)))].sort();
  for (const file of files) {
    hash.update(`\0${relative(root, file)}\0`);
    if (existsSync(file)) hash.update(readFileSync(file));
  }
  return hash.digest('hex');
}

/** @param {string} root */
function build(root) {
  step('build', spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' }));
}

/**
 * @param {string} root
 * @param {string} outFile
 */
export function buildAndPackage(root, outFile) {
  build(root);
  return packageBuilt(root, outFile);
}

/**
 * @param {string} root
 * @param {string} outFile
 */
function packageBuilt(root, outFile) {
  const vsce = join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
  // Everything is bundled by esbuild, so no node_modules go in. stdin is closed: vsce must not prompt.
  const r = spawnSync(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--no-rewrite-relative-links', '--out', outFile],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  step('vsce package', r);
  const entries = new Set(zipEntries(outFile).filter((e) => e.startsWith('extension/')).map((e) => e.slice('extension/'.length)));
  const expected = [...REQUIRED];
  for (const tree of REQUIRED_TREES) expected.push(...walk(join(root, tree)).map((f) => relative(root, f)));
  const missing = expected.filter((f) => !entries.has(f));
  if (missing.length) throw new Error(`the .vsix lacks ${missing.join(', ')} (check .vscodeignore)`);
  return { entries: [...entries] };
}

/** @param {string} dir */
function walk(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true }).filter((d) => d.isFile()).map((d) => join(d.parentPath, d.name));
}

/**
 * @param {string} what
 * @param {import('node:child_process').SpawnSyncReturns<string | Buffer>} r
 */
function step(what, r) {
  if (r.status !== 0) throw new Error(`${what} failed (exit ${r.status})\n${r.stdout ?? ''}${r.stderr ?? ''}`);
}
