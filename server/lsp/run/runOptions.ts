/**
 * What a guarded run from the editor needs besides the text: the connection's limits, the confirm
 * timeout and the audit log, read from the `safeSql` settings of the document. Read fresh for each
 * run, so a changed setting applies to the next run at once.
 */
import { Connection } from 'vscode-languageserver/node';
import { ConnectionProfile } from '../../config/settings';
import { defaultAuditPath, parseDuration } from '../../engine';

export const DEFAULT_CONFIRM_TIMEOUT_S = 120;

export const DEFAULT_LOCKED_CONFIRM_TIMEOUT_S = 30;

export interface RunOptions {
  confirmTimeoutMs: number;
  /** `safeSql.lockedConfirmTimeout`: the deadline while the run holds SHARE ROW EXCLUSIVE or stronger locks. */
  lockedConfirmTimeoutMs: number;
  auditLogPath: string;
}

/** `safeSql.confirmTimeout` (seconds) and `safeSql.auditLogPath`, else the client's default path, else the CLI's. */
export async function readRunOptions(connection: Connection, uri: string, clientAuditPath: string | undefined): Promise<RunOptions> {
  let raw: Record<string, unknown> = {};
  try {
    const section: unknown = await connection.workspace.getConfiguration({ scopeUri: uri, section: 'safeSql' });
    if (section && typeof section === 'object') raw = section as Record<string, unknown>;
  } catch {
    // A client that cannot be asked gets the defaults.
  }
  const t = raw.confirmTimeout;
  const seconds = typeof t === 'number' && Number.isFinite(t) && t > 0 ? Math.min(t, 86_400) : DEFAULT_CONFIRM_TIMEOUT_S;
  const l = raw.lockedConfirmTimeout;
  const lockedSeconds = typeof l === 'number' && Number.isFinite(l) && l > 0 ? Math.min(l, 86_400) : DEFAULT_LOCKED_CONFIRM_TIMEOUT_S;
  const setting = typeof raw.auditLogPath === 'string' ? raw.auditLogPath.trim() : '';
  return { confirmTimeoutMs: Math.round(seconds * 1000), lockedConfirmTimeoutMs: Math.round(lockedSeconds * 1000), auditLogPath: setting || clientAuditPath || defaultAuditPath() };
}

export type Limits = { ok: true; statementTimeoutMs?: number; lockTimeoutMs?: number } | { ok: false; reason: string };

/** The connection's timeouts. A duration that cannot be read refuses the run rather than running without it. */
export function connectionLimits(profile: ConnectionProfile): Limits {
  const out: Limits = { ok: true };
  for (const [field, key] of [['statementTimeout', 'statementTimeoutMs'], ['lockTimeout', 'lockTimeoutMs']] as const) {
    const text = profile[field];
    if (text === undefined) continue;
    const ms = parseDuration(text);
    if (ms === undefined) return { ok: false, reason: `connection "${profile.name}": ${field} ${JSON.stringify(text)} is not a duration such as "30s"` };
    out[key] = ms;
  }
  return out;
}
