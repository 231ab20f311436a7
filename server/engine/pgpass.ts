/**
 * Whether a password is available without asking anyone: PGPASSWORD, or a matching ~/.pgpass
 * line (or $PGPASSFILE). node-postgres reads both itself; this only tells whether it will find one.
 */
import { readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface PasswordTarget {
  host?: string;
  port?: number;
  database?: string;
  user?: string;
}

export function passwordFromEnvironment(target: PasswordTarget, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.PGPASSWORD) return true;
  const file = env.PGPASSFILE ?? join(homedir(), '.pgpass');
  let text: string;
  try {
    // libpq ignores a password file that others can read; so does node-postgres.
    if ((statSync(file).mode & 0o077) !== 0) return false;
    text = readFileSync(file, 'utf8');
  } catch {
    return false;
  }
  const want = [target.host ?? 'localhost', String(target.port ?? 5432), target.database ?? target.user ?? '', target.user ?? ''];
  return text.split(/\r?\n/).some((line) => {
    if (!line || line.startsWith('#')) return false;
    const fields = splitPgpassLine(line);
    return fields.length >= 5 && want.every((w, i) => fields[i] === '*' || fields[i] === w);
  });
}

/** Fields are separated by `:`; `\:` and `\\` escape. */
function splitPgpassLine(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '\\' && i + 1 < line.length) {
      cur += line[++i];
    } else if (c === ':') {
      out.push(cur);
      cur = '';
    } else {
      cur += c;
    }
  }
  out.push(cur);
  return out;
}
