/**
 * What a guarded run from the editor needs besides the text: the connection's limits, the confirm
 * timeout and the audit log, taken from the document's settings, which a run pulls fresh, so a changed
 * setting applies to the next run at once.
 */
import { ConnectionProfile } from '../../config/settings';
import { defaultAuditPath, parseDuration } from '../../engine';
import { RunRequest } from '../../engine/types';
import { SafeSqlSettings, UndoLimits } from '../../../shared/settings';

export const DEFAULT_LOCKED_CONFIRM_TIMEOUT_S = 30;

export interface RunOptions {
  confirmTimeoutMs: number;
  /** `safeSql.lockedConfirmTimeout`: the deadline while the run holds SHARE ROW EXCLUSIVE or stronger locks. */
  lockedConfirmTimeoutMs: number;
  auditLogPath: string;
  /** `safeSql.undo.*`: the limits and retention of the run's undo file. */
  undo: UndoLimits;
}

/** `safeSql.confirmTimeout` (seconds), `safeSql.undo.*`, and `safeSql.auditLogPath`, else the client's default path, else the CLI's. */
export function runOptions(settings: SafeSqlSettings, clientAuditPath: string | undefined): RunOptions {
  return {
    confirmTimeoutMs: Math.round(settings.confirmTimeout * 1000),
    lockedConfirmTimeoutMs: Math.round(settings.lockedConfirmTimeout * 1000),
    auditLogPath: settings.auditLogPath || clientAuditPath || defaultAuditPath(),
    undo: { ...settings.undo },
  };
}

type Decided = Pick<RunRequest, 'confirmTimeoutMs' | 'lockedConfirmTimeoutMs' | 'maxAffectedRows' | 'readOnly' | 'statementTimeoutMs' | 'lockTimeoutMs'>;
export type Limits = { ok: true; fields: Decided } | { ok: false; reason: string };

/**
 * What the connection and the settings decide of a run: its limits, timeouts and deadlines. A
 * duration that cannot be read refuses the run rather than running without it.
 */
export function connectionLimits(profile: ConnectionProfile, options: RunOptions): Limits {
  const fields: Decided = { confirmTimeoutMs: options.confirmTimeoutMs, lockedConfirmTimeoutMs: options.lockedConfirmTimeoutMs };
  if (profile.maxAffectedRows !== undefined) fields.maxAffectedRows = profile.maxAffectedRows;
  if (profile.readOnly !== undefined) fields.readOnly = profile.readOnly;
  for (const [field, key] of [['statementTimeout', 'statementTimeoutMs'], ['lockTimeout', 'lockTimeoutMs']] as const) {
    const text = profile[field];
    if (text === undefined) continue;
    const ms = parseDuration(text);
    if (ms === undefined) return { ok: false, reason: `connection "${profile.name}": ${field} ${JSON.stringify(text)} is not a duration such as "30s"` };
    fields[key] = ms;
  }
  return { ok: true, fields };
}
