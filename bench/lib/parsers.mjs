// @ts-check
// Parser comparison: libpg-query (PostgreSQL's own parser, the one Safe SQL trusts) versus
// node-sql-parser, on the same statements.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { documentOf } from './workload.mjs';

const require = createRequire(import.meta.url);

/** The statements of ../shared/corpus/pg-regress split like the server splits them, else generated ones. */
export function corpusStatements(root) {
  const dir = join(root, '..', 'shared', 'corpus', 'pg-regress');
  if (!existsSync(dir)) {
    return { source: 'generated (../shared/corpus/pg-regress is absent)', statements: documentOf(1000).split('\n').filter((l) => l && !l.startsWith('--')) };
  }
  // The project's own splitter, loaded from source, so both parsers see what the server parses.
  require(join(root, 'test', 'register.cjs'));
  const { splitStatements } = require(join(root, 'server', 'analysis', 'split.ts'));
  const statements = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.sql')).sort()) {
    const text = readFileSync(join(dir, file), 'utf8');
    for (const s of splitStatements(text).statements) if (!s.unterminated) statements.push(text.slice(s.start, s.end));
  }
  return { source: `../shared/corpus/pg-regress (${readdirSync(dir).filter((f) => f.endsWith('.sql')).length} files)`, statements };
}

function measure(statements, parse) {
  // One pass to warm up the JIT, one timed pass.
  for (const s of statements.slice(0, 200)) {
    try {
      parse(s);
    } catch {
      // counted in the timed pass
    }
  }
  let ok = 0;
  const start = process.hrtime.bigint();
  for (const s of statements) {
    try {
      parse(s);
      ok++;
    } catch {
      // a rejection
    }
  }
  const micros = Number(process.hrtime.bigint() - start) / 1000;
  return { parsed: ok, total: statements.length, ratePercent: (100 * ok) / statements.length, microsPerStatement: micros / statements.length };
}

export async function compareParsers(statements) {
  const pg = require('libpg-query');
  await pg.loadModule();
  const { Parser } = require('node-sql-parser');
  const nsp = new Parser();
  return {
    'libpg-query': measure(statements, (s) => pg.parseSync(s)),
    'node-sql-parser': measure(statements, (s) => nsp.astify(s, { database: 'postgresql' })),
  };
}
