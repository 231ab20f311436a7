// @ts-check
// How other shells reach the running demo's database, whose port changes on every start: the demo
// records where it listens in .demo/connection.json, and `npm run demo -- --env` prints PG* exports
// from it. The password is never printed: the exports read it from .demo/secret when evaluated.
// (Not PGPASSFILE: node-postgres prints a deprecation warning for it on every run.)
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { alive, cmdline } from '../lib/processes.mjs';

const STATE = 'connection.json';
export const SECRET = 'secret';

/** @typedef {{ pid: number, host: string, port: number, database: string, user: string }} DemoConnection */

/**
 * @param {string} demoDir
 * @param {Omit<DemoConnection, 'pid'>} connection
 */
export function recordConnection(demoDir, connection) {
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
 * The PG* variables but the password that point libpq tools and `safe-sql run` at the running
 * demo's database, or undefined when no demo is running.
 * @param {string} demoDir
 * @returns {Record<string, string> | undefined}
 */
export function connectionEnv(demoDir) {
  const state = read(join(demoDir, STATE));
  if (!state || !alive(state.pid) || !cmdline(state.pid).includes(join('scripts', 'demo'))) return undefined;
  return { PGHOST: state.host, PGPORT: String(state.port), PGDATABASE: state.database, PGUSER: state.user, PGSSLMODE: 'disable' };
}

/**
 * connectionEnv() as shell exports, with PGPASSWORD read from .demo/secret when they are evaluated.
 * @param {string} demoDir
 */
export function envExports(demoDir) {
  const env = connectionEnv(demoDir);
  if (!env) return undefined;
  const quote = (/** @type {string} */ v) => `'${v.replace(/'/g, `'\\''`)}'`;
  const lines = Object.entries(env).map(([k, v]) => `export ${k}=${quote(v)}`);
  lines.push(`export PGPASSWORD="$(cat ${quote(join(demoDir, SECRET))})"`);
  return lines.join('\n') + '\n';
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
