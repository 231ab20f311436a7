// Small process checks shared by the demo's start-up and clean-up.
import { readFileSync } from 'node:fs';

/** True while a process with this pid exists (EPERM: it exists, but is someone else's). */
export function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
}

/** The process's command line, or '' when it is gone. */
export function cmdline(pid) {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
}
