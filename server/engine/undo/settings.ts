/** Whether a run captures undo, and where its file goes: on by default on production. */
import { dirname, join } from 'node:path';
import { RunRequest } from '../types';
import { UNDO_DEFAULTS, UndoSettings } from './types';

export function undoSettings(req: RunRequest): UndoSettings | undefined {
  const profile = req.connection.kind === 'profile' ? req.connection.profile.undo : undefined;
  const enabled = req.undo?.enabled ?? profile ?? req.environment === 'production';
  const dir = req.undo?.dir ?? (req.auditLogPath ? join(dirname(req.auditLogPath), 'undo') : undefined);
  if (!enabled || !dir) return undefined;
  return { ...UNDO_DEFAULTS, ...req.undo, enabled, dir };
}
