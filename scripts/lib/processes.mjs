// @ts-check
// Processes for the demo, the e2e runner, the bench and test support: free ports, liveness,
// detached process groups that every exit path (failure, Ctrl+C) can end, waiting on output.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { createServer } from 'node:net';

/**
 * True while a process with this pid exists (EPERM: it exists, but is someone else's).
 * @param {number} pid
 */
export function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return /** @type {NodeJS.ErrnoException} */ (err).code === 'EPERM';
  }
}

/**
 * The process's command line, or '' when it is gone.
 * @param {number} pid
 */
export function cmdline(pid) {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
}

/**
 * Pids of other processes working inside `dir` (Linux only; elsewhere none are seen).
 * @param {string} dir
 */
export function processesIn(dir) {
  if (!existsSync('/proc')) return [];
  const pids = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
    try {
      const cwd = readlinkSync(`/proc/${name}/cwd`);
      if (cwd === dir || cwd.startsWith(dir + '/')) pids.push(Number(name));
    } catch {
      // gone, or not ours to read
    }
  }
  return pids;
}

/**
 * A port the OS says is free now (bound to 127.0.0.1, then released).
 * @returns {Promise<number>}
 */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => (address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Every detached child started here, so that exit paths (failure, Ctrl+C) can end them. */
/** @type {Set<import('node:child_process').ChildProcess>} */
const children = new Set();

/**
 * Spawns a detached child (its own process group) and remembers it for killAll().
 * @param {string} cmd
 * @param {readonly string[]} args
 * @param {import('node:child_process').SpawnOptions} opts
 */
export function spawnGroup(cmd, args, opts) {
  const child = spawn(cmd, args, { ...opts, detached: true });
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

/**
 * Ends a child's whole process group: SIGTERM, then SIGKILL if it has not exited in time.
 * @param {import('node:child_process').ChildProcess} child
 */
export async function killGroup(child, graceMs = 5000) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  signalGroup(child, 'SIGTERM');
  const timer = setTimeout(() => signalGroup(child, 'SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
  // Grandchildren that outlived the leader (the extension host, the language server).
  signalGroup(child, 'SIGKILL');
}

/**
 * @param {import('node:child_process').ChildProcess} child
 * @param {NodeJS.Signals} signal
 */
function signalGroup(child, signal) {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

export async function killAll() {
  await Promise.all([...children].map((c) => killGroup(c)));
}

/** Synchronous last resort for process 'exit' handlers. */
export function killAllSync() {
  for (const c of children) signalGroup(c, 'SIGKILL');
}

/**
 * Resolves when `pattern` appears in the child's output; rejects when it exits first or on timeout.
 * @param {import('node:child_process').ChildProcess} child
 * @param {RegExp} pattern
 * @param {number} timeoutMs
 * @param {string} what
 * @returns {Promise<RegExpExecArray>}
 */
export function waitForOutput(child, pattern, timeoutMs, what) {
  return new Promise((resolve, reject) => {
    let seen = '';
    const onData = (/** @type {Buffer} */ buf) => {
      seen += buf.toString();
      const m = pattern.exec(seen);
      if (m) done(null, m);
    };
    const onExit = (/** @type {number | null} */ code) => done(new Error(`${what} exited (code ${code}) before it was ready`));
    const timer = setTimeout(() => done(new Error(`${what} not ready after ${timeoutMs} ms`)), timeoutMs);
    /**
     * @param {Error | null} err
     * @param {RegExpExecArray} [m]
     */
    function done(err, m) {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.stderr?.off('data', onData);
      child.off('exit', onExit);
      if (err) reject(err);
      else if (m) resolve(m);
    }
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', onExit);
  });
}
