// @ts-check
// How other shells reach the running demo's database, whose port changes on every start: the demo
// records its port in .demo/connection.json, and the password in .demo/pgpass (a libpq password
// file, read through PGPASSFILE). `npm run demo -- --env` prints PG* exports from them; the
// password itself is never printed.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { alive, cmdline } from '../lib/processes.mjs';

const STATE = 'connection.json';
const PGPASS = 'pgpass';

/** @typedef {{ pid: number, host: string, port: number, database: string, user: string }} DemoConnection */

/**
 * @param {string} demoDir
 * @param {Omit<DemoConnection, 'pid'> & { password: string }} connection
 */
export function recordConnection(demoDir, { password, ...connection }) {
  const escape = (/** @type {string} */ s) => s.replace(/[\\:]/g, (c) => `\\${c}`);
  const { host, database, user } = connection;
  writeFileSync(join(demoDir, PGPASS), `${[host, '*', database, user].map(escape).join(':')}:${escape(password)}\n`, { mode: 0o600 });
  /** @type {DemoConnection} */
  const state = { pid: process.pid, ...connection };
  writeFileSync(join(demoDir, STATE), JSON.stringify(state, null, 2) + '\n');
}

/** @param {string} demoDir */
export function forgetConnection(demoDir) {
  const file = join(demoDir, STATE);
  if (read(file)?.pid === process.pid) rmSync(file, { force: true });
}

/**
 * The PG* variables that point libpq tools and `safe-sql run` at the running demo's database, or
 * undefined when no demo is running.
 * @param {string} demoDir
 * @returns {Record<string, string> | undefined}
 */
export function connectionEnv(demoDir) {
  const state = read(join(demoDir, STATE));
  if (!state || !alive(state.pid) || !cmdline(state.pid).includes(join('scripts', 'demo'))) return undefined;
  return {
    PGHOST: state.host, PGPORT: String(state.port), PGDATABASE: state.database, PGUSER: state.user,
    PGSSLMODE: 'disable', PGPASSFILE: join(demoDir, PGPASS),
  };
}

/**
 * connectionEnv() as shell exports.
 * @param {string} demoDir
 */
export function envExports(demoDir) {
  const env = connectionEnv(demoDir);
  if (!env) return undefined;
  return Object.entries(env).map(([k, v]) => `export ${k}='${v.replace(/'/g, `'\\''`)}'`).join('\n') + '\n';
}

/**
 * @param {string} file
 * @returns {DemoConnection | undefined}
 */
function read(file) {
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}
