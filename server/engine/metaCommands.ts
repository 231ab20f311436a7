/**
 * psql backslash commands in a guarded run. The splitter steps over them (psql runs them, the
 * editor only analyses SQL), but a guarded run executes SQL alone: a `\i`, `\c` or `\set` it
 * dropped would run a different script than the one written. So each one is named: those that
 * only change psql's display are skipped and reported, every other one refuses the run.
 */
import { LineIndex } from '../analysis/lines';
import { tokenize } from '../analysis/lexer';

export interface MetaCommand {
  /** As written, e.g. `\timing on`, without control characters beyond the line. */
  text: string;
  /** The command word, e.g. `\timing`. */
  name: string;
  /** 1-based line. */
  line: number;
}

/** Commands that change only how psql shows things, or echo text: nothing a run depends on. */
const NO_OPS = new Set(['\\timing', '\\echo', '\\qecho', '\\warn', '\\pset', '\\x', '\\a', '\\t', '\\H', '\\C', '\\f', '\\T', '\\conninfo', '\\encoding']);

/** `\set ON_ERROR_STOP on`: a guarded run always stops at the first error. */
const STOP_ON_ERROR = /^\\set\s+ON_ERROR_STOP(\s+(on|1|true|yes))?\s*$/i;

export function findMetaCommands(text: string): { skipped: MetaCommand[]; refused: MetaCommand[] } {
  const skipped: MetaCommand[] = [];
  const refused: MetaCommand[] = [];
  const tokens = tokenize(text).tokens.filter((t) => t.kind === 'meta');
  if (tokens.length === 0) return { skipped, refused };
  const lines = new LineIndex(text);
  for (const t of tokens) {
    const written = text.slice(t.start, t.end).trim();
    // psql reads one command word, then its arguments; `\x\t` is two commands, treated as one unknown.
    const name = /^\\[^\s\\]*/.exec(written)?.[0] ?? written;
    const command: MetaCommand = { text: written, name, line: lines.position(t.start).line + 1 };
    if (NO_OPS.has(name) || STOP_ON_ERROR.test(written)) skipped.push(command);
    else refused.push(command);
  }
  return { skipped, refused };
}
