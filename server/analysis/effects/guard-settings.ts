/**
 * The settings the guarded run relies on, and which new values switch them off. A value counts as
 * safe only when it is a constant the analysis can read and that keeps the guard on: a positive
 * timeout, `origin` replication role, read-only on. DEFAULT, RESET, zero, and anything that is not
 * a readable constant switch it off (fail closed).
 */

/** Timeouts in milliseconds (their base unit): 0 disables them. */
const TIMEOUTS = new Set(['statement_timeout', 'lock_timeout', 'idle_in_transaction_session_timeout', 'transaction_timeout']);
const READ_ONLY = new Set(['default_transaction_read_only', 'transaction_read_only']);
const REPLICATION_ROLE = 'session_replication_role';

/** True when `name` (any case) is a setting the guard relies on. */
export function isGuardSetting(name: string): boolean {
  const n = name.toLowerCase();
  return TIMEOUTS.has(n) || READ_ONLY.has(n) || n === REPLICATION_ROLE;
}

/** Milliseconds per unit, as PostgreSQL spells time units. */
const UNIT_MS: Record<string, number> = { us: 0.001, ms: 1, s: 1000, min: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * Why setting `name` to the constant `value` switches the guard off, or undefined when it keeps
 * it on. `value` is the constant's text (a number as PostgreSQL wrote it, or a string's content).
 */
export function switchesGuardOff(name: string, value: string): string | undefined {
  const n = name.toLowerCase();
  const v = value.trim().toLowerCase();
  if (TIMEOUTS.has(n)) {
    const ms = milliseconds(v);
    if (ms === undefined) return `'${value}' is not a timeout the analysis can read`;
    // PostgreSQL rounds to whole milliseconds: 0.4ms and 400us are 0, which disables the timeout.
    return Math.round(ms) >= 1 ? undefined : `${value} disables it`;
  }
  if (READ_ONLY.has(n)) return parsesTrue(v) ? undefined : `${value} turns read-only off`;
  if (n === REPLICATION_ROLE) return v === 'origin' ? undefined : `${value} stops triggers and foreign-key checks from firing`;
  return undefined;
}

function milliseconds(v: string): number | undefined {
  if (/^0x[0-9a-f]+$/.test(v)) return Number.parseInt(v, 16);
  const m = /^([+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)\s*([a-z]*)$/.exec(v);
  if (!m) return undefined;
  const unit = m[2] === '' ? 1 : UNIT_MS[m[2]];
  if (unit === undefined) return undefined;
  const n = Number(m[1]) * unit;
  return Number.isFinite(n) ? n : undefined;
}

/** PostgreSQL's boolean spellings that mean true: prefixes of true and yes, on, 1. */
function parsesTrue(v: string): boolean {
  return v === '1' || v === 'on' || (v.length > 0 && ('true'.startsWith(v) || 'yes'.startsWith(v)));
}
