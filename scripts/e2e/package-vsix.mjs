// @ts-check
// Builds the bundles and packages the extension as a .vsix with the pinned @vscode/vsce, then checks
// that the package holds what the extension needs at run time (a missing .wasm fails here).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { zipEntries } from '../lib/zip.mjs';

const REQUIRED = ['dist/extension.js', 'dist/server.js', 'dist/cli.js', 'dist/libpg-query.wasm', 'package.json'];
// Every file under these folders in the repository must be in the package too.
const REQUIRED_TREES = ['docs/rules', 'syntaxes'];

export function buildAndPackage(root, outFile) {
  step('build', spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' }));
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

function walk(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true }).filter((d) => d.isFile()).map((d) => join(d.parentPath, d.name));
}

function step(what, r) {
  if (r.status !== 0) throw new Error(`${what} failed (exit ${r.status})\n${r.stdout ?? ''}${r.stderr ?? ''}`);
}
