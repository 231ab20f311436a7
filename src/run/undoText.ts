/** Undo in words, for the confirmation, the outcome notification and the Undo a Run quick pick. */
import { formatCount } from '../../shared/labels';
import { RunUndoView, UndoableRunView } from '../../shared/protocol';
import { safeText } from '../../shared/safeText';
import { firstLine } from './format';

/** The engine's words as a sentence: "Undo available for N rows.", "Undo is partial: ….", "Undo unavailable: N rows over the limit …". */
export function undoLine(u: RunUndoView): string {
  const text = safeText(u.reason);
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

/** One run in the quick pick: when and what (partial ones marked), who and how much, what the undo covers. */
export function undoableRunText(run: UndoableRunView): { label: string; description: string; detail: string } {
  const statements = `${formatCount(run.statements)} statement${run.statements === 1 ? '' : 's'}`;
  return {
    label: `${run.partial ? '$(warning) ' : ''}${localTime(run.ts)} · ${firstLine(run.firstStatement, 80)}`,
    description: `${safeText(run.user)} · ${statements} · ${formatCount(run.totalRows)} row${run.totalRows === 1 ? '' : 's'}`,
    detail: run.partial ? `Partial: ${firstLine(run.reason.replace(/^undo is partial: /, ''), 200)}` : firstLine(run.reason, 200),
  };
}

/** `2026-12-01 14:05:09` in the editor's time zone. */
export function localTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return safeText(iso);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
}
