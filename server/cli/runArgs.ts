/** The options of `safe-sql run` (a contract: see README "safe-sql run"). */
import { readArgv } from './argv';
import { parseRowRange } from '../analysis/directives';
import { Environment } from '../analysis/types';
import { isEnvironment } from '../config/settings';
import { parseDuration } from '../engine/durations';
import { RowRange } from '../engine/types';
import { UNDO_LIMIT_MIN, UndoLimits } from '../../shared/settings';

export interface RunOptions {
  file?: string;
  url?: string;
  env: Environment;
  expectRows?: RowRange;
  yes: boolean;
  statementTimeoutMs?: number;
  lockTimeoutMs?: number;
  confirmTimeoutMs?: number;
  /** The confirmation deadline while the run holds SHARE ROW EXCLUSIVE or stronger locks. */
  lockedConfirmTimeoutMs?: number;
  auditLog?: string;
  format: 'text' | 'json';
  help: boolean;
  /** `--undo-max-rows` and friends: the editor's `safeSql.undo.*` settings. */
  undo?: Partial<UndoLimits>;
}

export const RUN_USAGE = `Usage: safe-sql run [FILE|-] [--url URL] [--env production|staging|development]
                    [--expect-rows N|MIN..MAX] [--yes]
                    [--statement-timeout DURATION] [--lock-timeout DURATION] [--confirm-timeout DURATION]
                    [--locked-confirm-timeout DURATION]
                    [--undo-max-rows N] [--undo-max-bytes N]
                    [--undo-retention-days N] [--undo-retention-bytes N]
                    [--audit-log PATH] [--format text|json]

Runs the SQL in one transaction, shows each statement's real row count, and commits only when
confirmed. Connection: --url, else the PG* environment variables. --env defaults to production.
The total and --expect-rows count every row operation PostgreSQL reports (cascades, triggers and
functions included). --yes does not commit row operations no statement's own count explains,
unless --expect-rows covers the total. While the run holds SHARE ROW EXCLUSIVE or stronger locks
the confirmation deadline is --locked-confirm-timeout (default 30s).
On production every UPDATE, DELETE, INSERT and MERGE keeps its old rows for 'safe-sql undo', up
to --undo-max-rows (100000) and --undo-max-bytes (64 MiB); undo files older than
--undo-retention-days (30) or beyond --undo-retention-bytes (1 GiB) in total are removed.
Durations: 300ms, 5s, 2m.
Exit codes: 0 committed (or a read-only run completed), 1 usage or connection error, 2 refused by
the analysis, 3 rolled back, 4 a statement failed or timed out, 5 commit outcome unknown.
`;

const UNDO_FLAGS: Record<string, keyof UndoLimits> = {
  '--undo-max-rows': 'maxRows',
  '--undo-max-bytes': 'maxBytes',
  '--undo-retention-days': 'retentionDays',
  '--undo-retention-bytes': 'retentionBytes',
};

const VALUED = new Set(['--url', '--env', '--expect-rows', '--statement-timeout', '--lock-timeout', '--confirm-timeout', '--locked-confirm-timeout', '--audit-log', '--format', ...Object.keys(UNDO_FLAGS)]);

export function parseRunArgs(args: string[]): { ok: true; options: RunOptions } | { ok: false; error: string } {
  const o: RunOptions = { env: 'production', yes: false, format: 'text', help: false };
  let positional: string | undefined;
  const read = readArgv(args, VALUED);
  if (!read.ok) return read;
  for (const a of read.args) {
    if (a.kind === 'positional') {
      if (positional !== undefined) return { ok: false, error: `only one FILE can be run at a time (got "${positional}" and "${a.value}")` };
      positional = a.value;
    } else if (a.name === '--help' || a.name === '-h') {
      o.help = true;
    } else if (a.name === '--yes') {
      if (a.value !== undefined) return { ok: false, error: '--yes takes no value' };
      o.yes = true;
    } else if (VALUED.has(a.name) && a.value !== undefined) {
      const problem = apply(o, a.name, a.value);
      if (problem) return { ok: false, error: problem };
    } else {
      return { ok: false, error: `unknown option ${a.name}` };
    }
  }
  if (positional !== undefined) o.file = positional;
  return { ok: true, options: o };
}

function apply(o: RunOptions, flag: string, value: string): string | undefined {
  const duration = () => {
    const ms = parseDuration(value);
    return ms === undefined ? undefined : ms;
  };
  switch (flag) {
    case '--url':
      o.url = value;
      return undefined;
    case '--env':
      if (!isEnvironment(value)) return `--env must be production, staging or development, not "${value}"`;
      o.env = value;
      return undefined;
    case '--expect-rows': {
      const r = parseRowRange(value);
      if (!r) return `--expect-rows takes N or MIN..MAX, not "${value}"`;
      o.expectRows = { min: r.min, max: r.max };
      return undefined;
    }
    case '--audit-log':
      // The audit cannot be switched off: an empty path is a mistake, not "no audit".
      if (value.trim() === '') return '--audit-log needs a file path; the audit cannot be switched off';
      o.auditLog = value;
      return undefined;
    case '--format':
      if (value !== 'text' && value !== 'json') return `--format must be text or json, not "${value}"`;
      o.format = value;
      return undefined;
    case '--undo-max-rows':
    case '--undo-max-bytes':
    case '--undo-retention-days':
    case '--undo-retention-bytes': {
      const key = UNDO_FLAGS[flag];
      const n = /^\d{1,15}$/.test(value) ? Number(value) : NaN;
      if (!(n >= UNDO_LIMIT_MIN[key])) return `${flag} takes a whole number of at least ${UNDO_LIMIT_MIN[key]}, not "${value}"`;
      o.undo = { ...o.undo, [key]: n };
      return undefined;
    }
    default: {
      const ms = duration();
      if (ms === undefined) return `${flag} takes a duration like 300ms, 5s or 2m, not "${value}"`;
      if (flag === '--statement-timeout') o.statementTimeoutMs = ms;
      else if (flag === '--lock-timeout') o.lockTimeoutMs = ms;
      else {
        if (ms <= 0) return `${flag} must be longer than 0`;
        if (flag === '--locked-confirm-timeout') o.lockedConfirmTimeoutMs = ms;
        else o.confirmTimeoutMs = ms;
      }
      return undefined;
    }
  }
}
