// @ts-check
// Bundles the extension client, the language server and the CLI with esbuild,
// and copies libpg-query's .wasm beside the server bundles (it is loaded from __dirname).
import { build } from 'esbuild';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { shrinkInitialMemory } from './lib/wasmMemory.mjs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const pkg = require('../package.json');
const root = dirname(dirname(new URL(import.meta.url).pathname));
const dist = join(root, 'dist');
mkdirSync(dist, { recursive: true });

/**
 * pg picks its socket functions when it loads; on Node 20 (no `navigator`) its Cloudflare probe
 * constructs a fetch `Response`, which loads undici: a third of a short `safe-sql run`'s start-up.
 * Node is the only runtime these bundles target, so the probe is answered at build time. The build
 * fails if pg's code no longer reads as expected, rather than bundling an unknown variant.
 * @type {import('esbuild').Plugin}
 */
const pgNodeStreams = {
  name: 'pg-node-streams',
  setup(b) {
    b.onLoad({ filter: /[\\/]node_modules[\\/]pg[\\/]lib[\\/]stream\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const probe = 'if (isCloudflareRuntime()) {';
      if (source.split(probe).length !== 2) throw new Error(`${args.path}: pg's runtime probe changed; review the pg-node-streams build plugin`);
      return { contents: source.replace(probe, 'if (false) {'), loader: 'js' };
    });
  },
};

/** @type {import('esbuild').BuildOptions} */
const common = {
  plugins: [pgNodeStreams],
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  absWorkingDir: root,
};

await Promise.all([
  build({ ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] }),
  build({ ...common, entryPoints: ['server/lsp/main.ts'], outfile: 'dist/server.js' }),
  build({ ...common, define: { SAFE_SQL_VERSION: JSON.stringify(pkg.version) }, entryPoints: ["server/cli/main.ts"], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } }),
  // One bundle per subcommand, loaded by dist/cli.js on demand (server/cli/main.ts).
  // Without comments and indentation (names are kept): the short commands read, compare and decode
  // their bundle on every start (server/cli/codeCache.ts), and an ASCII-only text decodes fastest.
  ...['check', 'run', 'undo', 'lsp', 'mcp'].map((name) => build({ ...common, minifyWhitespace: true, define: { SAFE_SQL_VERSION: JSON.stringify(pkg.version) }, entryPoints: [`server/cli/${name}.ts`], outfile: `dist/cli-${name}.js` })),
]);

const wasm = join(dirname(require.resolve('libpg-query')), 'libpg-query.wasm');
// The parser's module as shipped, but starting with 4 MiB of heap instead of 128 MiB of memory
// (scripts/lib/wasmMemory.mjs): it grows when a statement needs more.
writeFileSync(join(dist, 'libpg-query.wasm'), shrinkInitialMemory(readFileSync(wasm), 4 * 1024 * 1024).bytes);
chmodSync(join(dist, 'cli.js'), 0o755);
