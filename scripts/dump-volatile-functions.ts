/**
 * Writes server/analysis/conditions/volatile-functions.json: the pg_catalog function names whose
 * every overload is volatile (pg_proc.provolatile = 'v'), read from the embedded PostgreSQL.
 * Run: node --require ./test/register.cjs scripts/dump-volatile-functions.ts
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startPostgres } from '../test/support/postgres';
import { VOLATILE_QUERY } from '../server/analysis/conditions/volatility';

async function main(): Promise<void> {
  const pg = await startPostgres();
  try {
    const client = await pg.connect();
    const { rows } = await client.query<{ proname: string }>(VOLATILE_QUERY);
    await client.end();
    const out = join(__dirname, '../server/analysis/conditions/volatile-functions.json');
    writeFileSync(out, `${JSON.stringify(rows.map((r) => r.proname), null, 1)}\n`);
    console.log(`${rows.length} volatile functions written to ${out}`);
  } finally {
    await pg.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
