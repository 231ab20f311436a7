#!/usr/bin/env node
// @ts-check
// `npm run demo`: Safe SQL on a local embedded PostgreSQL with a seeded `shop` database, opened in
// VS Code (when `code` is on PATH) or in code-server. Ctrl+C stops everything.
//   --check        start everything, verify it works, stop, and exit (CI runs this)
//   --reset        re-create the shop database with its original rows
//   --code-server  use code-server even when `code` is on PATH
//   --env          print PG* exports for the running demo's database (eval "$(npm run -s demo -- --env)")
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { killAllSync } from '../lib/processes.mjs';
import { checkExamples, checkGuardedRun, checkSeeded, checkWorkbench } from './checks.mjs';
import { codeOnPath, openVsCode, prepareCodeServer, startCodeServer } from './editor.mjs';
import { connectionEnv, envExports, forgetConnection, recordConnection } from './connection.mjs';
import { acquireLock, reapCodeServer, releaseLock, rememberCodeServer, watchLauncher } from './leftovers.mjs';
import { startPersistentPostgres } from '../lib/postgres.mjs';
import { DATABASE, ensureShop, readFacts } from './seed.mjs';
import { writeWorkspace } from './workspace.mjs';

const root = dirname(dirname(dirname(fileURLToPath(import.meta.url))));
const demoDir = join(root, '.demo');
const workspace = join(demoDir, 'workspace');
const ADMIN_USER = 'postgres';
const SHOP_USER = 'shop';
const USAGE = 'usage: npm run demo [-- --check] [-- --reset] [-- --code-server] [-- --env]';

const started = Date.now();
// A closed terminal must not turn the shutdown's messages into a crash that skips the shutdown.
process.stdout.on('error', () => {});
process.stderr.on('error', () => {});
const say = (msg) => process.stdout.write(`[demo ${((Date.now() - started) / 1000).toFixed(1).padStart(5)} s] ${msg}\n`);

const flags = new Set(process.argv.slice(2));
for (const f of flags) {
  if (!['--check', '--reset', '--code-server', '--env', '--help', '-h'].includes(f)) {
    process.stderr.write(`unknown option ${f}\n${USAGE}\n`);
    process.exit(2);
  }
}
if (flags.has('--help') || flags.has('-h')) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
if (flags.has('--env')) {
  const exports = envExports(demoDir);
  if (!exports) {
    process.stderr.write('no demo is running; start one with npm run demo, then ask again\n');
    process.exit(1);
  }
  process.stdout.write(exports);
  process.exit(0);
}
const check = flags.has('--check');

let postgres;
let codeServer;
let stopping;

async function stopAll() {
  stopping ??= (async () => {
    if (codeServer) {
      say('stopping code-server');
      await codeServer.stop().catch(() => {});
      rememberCodeServer(demoDir, undefined);
    }
    if (postgres) {
      forgetConnection(demoDir);
      say('stopping PostgreSQL');
      await postgres.stop().catch(() => {});
    }
    releaseLock(demoDir);
  })();
  return stopping;
}

let interrupt;
const interrupted = new Promise((resolve) => (interrupt = resolve));
const SIGNAL_EXIT = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };
function shutDown(why, code) {
  if (stopping) return;
  process.stdout.write('\n');
  say(`${why}: stopping everything`);
  interrupt(why);
  void stopAll().finally(() => process.exit(code));
}
for (const signal of Object.keys(SIGNAL_EXIT)) process.on(signal, () => shutDown(signal, SIGNAL_EXIT[signal]));
watchLauncher(() => shutDown('the launching process is gone', 129));
// Last resort when the process exits without stopAll (only synchronous work can happen here).
process.on('exit', () => {
  killAllSync();
  if (postgres?.pid) {
    try {
      process.kill(postgres.pid, 'SIGINT');
    } catch {
      // already gone
    }
  }
});

function demoPassword() {
  const file = join(demoDir, 'secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  if (existsSync(join(demoDir, 'pgdata'))) {
    throw new Error(`${file} is missing, so the demo cannot log in to its database in .demo/pgdata; remove .demo/pgdata to start over`);
  }
  const password = randomBytes(12).toString('base64url');
  writeFileSync(file, `${password}\n`, { mode: 0o600 });
  return password;
}

async function main() {
  mkdirSync(demoDir, { recursive: true });
  acquireLock(demoDir);
  await reapCodeServer(demoDir, say);
  const useCode = !check && !flags.has('--code-server') && codeOnPath();
  const prepared = useCode ? undefined : await prepareCodeServer({ root, demoDir, say });

  const password = demoPassword();
  say('starting PostgreSQL');
  postgres = await startPersistentPostgres({ dir: demoDir, dataDir: join(demoDir, 'pgdata'), user: ADMIN_USER, password, say });
  const base = { host: '127.0.0.1', port: postgres.port, password };
  const shop = { ...base, user: SHOP_USER };
  say(`PostgreSQL ready on 127.0.0.1:${postgres.port}`);
  recordConnection(demoDir, { host: '127.0.0.1', port: postgres.port, database: DATABASE, user: SHOP_USER });
  await ensureShop({ admin: { ...base, user: ADMIN_USER }, shop, shopUser: SHOP_USER, password, reset: flags.has('--reset'), say });

  const facts = await readFacts(shop);
  const written = writeWorkspace({
    templates: join(root, 'examples', 'demo', 'workspace'), dir: workspace, say,
    db: { port: postgres.port, database: DATABASE, user: SHOP_USER },
    facts: {
      GUARDED_CUSTOMER: String(facts.guardedCustomer), GUARDED_ROWS: String(facts.guardedRows),
      WINBACK_ICELAND: facts.winbackIceland.toLocaleString('en-US'), WINBACK_ALL: facts.winbackAll.toLocaleString('en-US'),
    },
  });
  say(`workspace ${workspace}${written.length ? ` (wrote ${written.length} file${written.length === 1 ? '' : 's'})` : ''}`);

  // The editor's language server reaches the database with these; the password is never in settings.
  const pgEnv = { PGHOST: '127.0.0.1', PGPORT: String(postgres.port), PGDATABASE: DATABASE, PGUSER: SHOP_USER, PGPASSWORD: password, PGSSLMODE: 'disable' };
  let url;
  if (useCode) {
    await openVsCode({ root, workspace, env: pgEnv, say });
  } else {
    const started = await startCodeServer({ .../** @type {NonNullable<typeof prepared>} */ (prepared), demoDir, workspace, env: pgEnv, say });
    codeServer = started.server;
    rememberCodeServer(demoDir, codeServer.child?.pid);
    url = `${codeServer.url}/?folder=${encodeURI(workspace)}`;
  }

  if (check) {
    for (const step of [
      () => checkWorkbench(url),
      () => checkSeeded(shop),
      () => checkExamples({ root, workspace }),
      // Through what `--env` points at (the recorded connection), not this process's own variables.
      () => checkGuardedRun({ root, workspace, demoDir, pgEnv: { ...connectionEnv(demoDir), PGPASSWORD: password } }),
    ]) say(`ok: ${await step()}`);
    await stopAll();
    say('demo check passed');
    return;
  }

  const lines = [
    '',
    'Safe SQL demo is running.',
    url ? `  Open ${url}` : `  VS Code opened ${workspace}`,
    `  Database: postgresql://${SHOP_USER}@127.0.0.1:${postgres.port}/${DATABASE} (password in .demo/secret)`,
    `  psql:     PGPASSWORD=$(cat .demo/secret) psql -h 127.0.0.1 -p ${postgres.port} -U ${SHOP_USER} ${DATABASE}`,
    '  Another shell: eval "$(npm run -s demo -- --env)" sets PG* for psql and safe-sql run.',
    '  Start with README.md in the workspace. Press Ctrl+C to stop everything.',
    '',
  ];
  process.stdout.write(lines.join('\n') + '\n');
  const ended = codeServer ? new Promise((resolve) => codeServer.child.once('exit', () => resolve('code-server'))) : new Promise(() => {});
  const why = await Promise.race([interrupted, ended]);
  if (why === 'code-server') throw new Error(`code-server stopped unexpectedly (log: ${codeServer.logFile})`);
  // A signal: its handler stops everything and exits.
  await new Promise(() => {});
}

try {
  await main();
  process.exit(0);
} catch (err) {
  if (!stopping) {
    // Set-up and check failures carry their own explanation; a stack only helps for a bug here.
    const detail = err instanceof TypeError || err instanceof ReferenceError ? err.stack : (/** @type {any} */ (err)?.message ?? String(err));
    process.stderr.write(`[demo] ${check ? 'check failed' : 'error'}: ${detail}\n`);
    await stopAll();
    process.exit(1);
  }
}
