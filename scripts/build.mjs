// @ts-check
// Bundles the extension client, the language server and the CLI with esbuild,
// and copies libpg-query's .wasm beside the server bundles (it is loaded from __dirname).
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, chmodSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const pkg = require('../package.json');
const root = dirname(dirname(new URL(import.meta.url).pathname));
const dist = join(root, 'dist');
mkdirSync(dist, { recursive: true });

/** @type {import('esbuild').BuildOptions} */
const common = {
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
  ...['check', 'run', 'undo', 'lsp', 'mcp'].map((name) => build({ ...common, define: { SAFE_SQL_VERSION: JSON.stringify(pkg.version) }, entryPoints: [`server/cli/${name}.ts`], outfile: `dist/cli-${name}.js` })),
]);

const wasm = join(dirname(require.resolve('libpg-query')), 'libpg-query.wasm');
copyFileSync(wasm, join(dist, 'libpg-query.wasm'));
chmodSync(join(dist, 'cli.js'), 0o755);
