/** Small text helpers shared by the run dialogs and notifications. */
import { safeText } from '../../shared/safeText';
import { RunEnvironment } from '../../shared/protocol';

export function environmentLabel(env: RunEnvironment): string {
  return env === 'production' ? 'PRODUCTION' : env;
}

/** `m:ss`, as a clock shows elapsed time. */
export function clock(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** The first line of a statement, control characters and bidi overrides made visible (see safeText). */
export function firstLine(text: string, max: number): string {
  const line = safeText(text.trim().split(/\r?\n/, 1)[0]);
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
