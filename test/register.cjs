// Lets mocha load the TypeScript sources directly: esbuild strips the types, nothing is type-checked here
// (`npm run typecheck` does that).
const { transformSync } = require('esbuild');
const fs = require('node:fs');

require.extensions['.ts'] = (module, filename) => {
  const source = fs.readFileSync(filename, 'utf8');
  const { code } = transformSync(source, {
    loader: 'ts',
    format: 'cjs',
    target: 'node20',
    sourcemap: 'inline',
    sourcefile: filename,
  });
  module._compile(code, filename);
};
process.setSourceMapsEnabled(true);
