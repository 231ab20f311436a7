// @ts-check
// One demo at a time on .demo/, and nothing left behind by a demo that was killed: a lock file with
// the demo's pid, and the pid of the code-server it started (its process group is stopped on the
// next run when the demo that owned it is gone). A leftover PostgreSQL is handled in postgres.mjs.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { alive, cmdline } from '../lib/processes.mjs';

const LOCK = 'demo.pid';
const CODE_SERVER = 'code-server.pid';

function readPid(file) {
  if (!existsSync(file)) return undefined;
  const pid = Number(readFileSync(file, 'utf8').trim());
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

export function acquireLock(demoDir) {
  const file = join(demoDir, LOCK);
  const pid = readPid(file);
  if (pid && pid !== process.pid && alive(pid) && cmdline(pid).includes(join('scripts', 'demo'))) {
    throw new Error(`another demo is running on ${demoDir} (pid ${pid}); stop it first (Ctrl+C in its terminal, or kill -INT ${pid})`);
  }
  writeFileSync(file, `${process.pid}\n`);
}

export function releaseLock(demoDir) {
  const file = join(demoDir, LOCK);
  if (readPid(file) === process.pid) rmSync(file, { force: true });
}

export function rememberCodeServer(demoDir, pid) {
  const file = join(demoDir, CODE_SERVER);
  if (pid) writeFileSync(file, `${pid}\n`);
  else rmSync(file, { force: true });
}

/** Stops the process group of a code-server left running by a killed demo. */
export async function reapCodeServer(demoDir, say) {
  const file = join(demoDir, CODE_SERVER);
  const pid = readPid(file);
  if (pid && alive(pid) && cmdline(pid).includes(demoDir)) {
    say(`stopping a code-server left running by an earlier demo (pid ${pid})`);
    for (const [signal, wait] of /** @type {[NodeJS.Signals, number][]} */ ([['SIGTERM', 5000], ['SIGKILL', 2000]])) {
      try {
        process.kill(-pid, signal);
      } catch {
        break; // the group is gone
      }
      const until = Date.now() + wait;
      while (alive(pid) && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
      if (!alive(pid)) break;
    }
    try {
      process.kill(-pid, 'SIGKILL'); // what outlived the leader: the extension host, the language server
    } catch {
      // the group is gone
    }
  }
  rmSync(file, { force: true });
}

function parentOf(pid) {
  try {
    // /proc/PID/stat: "pid (comm) state ppid ..."; comm may hold spaces, so split after the last ')'.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

/**
 * Calls `onGone` when the process that launched the demo goes away. `npm run` forwards a SIGINT
 * to its shell and then exits without waiting, which would leave the demo running unseen; so
 * under npm the demo watches npm itself (its grandparent), and otherwise its parent.
 */
export function watchLauncher(onGone) {
  const watched = [process.ppid];
  if (process.env.npm_lifecycle_event) {
    const grandparent = parentOf(process.ppid);
    if (grandparent && grandparent > 1) watched.push(grandparent);
  }
  const timer = setInterval(() => {
    if (watched.some((pid) => !alive(pid))) {
      clearInterval(timer);
      onGone();
    }
  }, 500);
  timer.unref();
}
