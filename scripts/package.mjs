// @ts-check
// `npm run package`: builds and packages the extension as safe-sql-<version>.vsix, checking that
// the package holds everything the extension needs at run time.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildAndPackage } from './e2e/package-vsix.mjs';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const { version } = createRequire(import.meta.url)('../package.json');
const out = join(root, `safe-sql-${version}.vsix`);
buildAndPackage(root, out);
console.log(`packaged ${out}\ninstall it with: code --install-extension ${out}`);
