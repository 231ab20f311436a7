// @ts-check
// Debian packages the demo and the e2e runner need from the system. apt-get's and dpkg's output
// (about 140 lines) goes to a log file; the terminal gets one line that says where it is.
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, openSync, closeSync } from 'node:fs';
import { dirname } from 'node:path';

/** @typedef {{ pkg: string, file: string }} AptNeed a package, and a file that shows it is installed */

/**
 * Installs the packages whose file is missing (as root, with apt-get), or throws naming them.
 * @param {AptNeed[]} needs
 * @param {{ logFile: string, say: (msg: string) => void, fail?: (msg: string) => Error }} options
 */
export function ensureAptPackages(needs, { logFile, say, fail = (msg) => new Error(msg) }) {
  const missing = needs.filter((p) => !existsSync(p.file));
  if (missing.length === 0) return;
  const names = missing.map((p) => p.pkg);
  if (process.getuid?.() !== 0 || !existsSync('/usr/bin/apt-get')) {
    throw fail(`missing system packages: ${names.join(' ')}\n  install them first, e.g.: sudo apt-get install -y --no-install-recommends ${names.join(' ')}`);
  }
  say(`installing Debian packages: ${names.join(' ')} (apt-get's output: ${logFile})`);
  mkdirSync(dirname(logFile), { recursive: true });
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update', '-qq'], ['install', '-y', '-qq', '--no-install-recommends', ...names]]) {
    appendFileSync(logFile, `\n$ apt-get ${args.join(' ')}   # ${new Date().toISOString()}\n`);
    const fd = openSync(logFile, 'a');
    let status;
    try {
      status = spawnSync('apt-get', args, { stdio: ['ignore', fd, fd], env }).status;
    } finally {
      closeSync(fd);
    }
    if (status !== 0) throw fail(`apt-get ${args.join(' ')} failed (exit ${status}); its output is in ${logFile}`);
  }
  const still = missing.filter((p) => !existsSync(p.file));
  if (still.length) throw fail(`apt-get did not provide: ${still.map((p) => p.file).join(', ')} (log: ${logFile})`);
}
