/**
 * Re-splits only the part of a document that an edit touched.
 *
 * The text before the edit and after it is unchanged, so are the statements that lie wholly in it.
 * Splitting restarts at the start of the statement before the edit (a statement's first token is
 * always reached in the splitter's clean state) and stops at the first statement start inside the
 * unchanged tail that was also a statement start before: from there on, the old statements are the
 * new ones, shifted by the change in length.
 */
import { Token } from './lexer';
import { splitStatements, StatementSlice } from './split';

export interface PreviousSplit {
  text: string;
  statements: StatementSlice[];
  directives: Token[];
}

export interface IncrementalSplit {
  statements: StatementSlice[];
  directives: Token[];
  /** New statements [0, prefixCount) are the old ones, unchanged. */
  prefixCount: number;
  /** New statements from suffixStart on are old ones from oldSuffixStart on, shifted by delta. */
  suffixStart: number;
  oldSuffixStart: number;
  delta: number;
}

export function splitIncrementally(text: string, previous: PreviousSplit | undefined): IncrementalSplit {
  if (!previous) return fresh(text);
  const old = previous.text;
  const prefix = commonPrefix(old, text);
  if (prefix === old.length && prefix === text.length) {
    const n = previous.statements.length;
    return { statements: previous.statements, directives: previous.directives, prefixCount: n, suffixStart: n, oldSuffixStart: n, delta: 0 };
  }
  const suffix = commonSuffix(old, text, prefix);
  const delta = text.length - old.length;
  const olds = previous.statements;

  // Restart at the last statement that ends before the edit: one without `;` may grow.
  const ended = firstIndex(olds, (x) => x.end >= prefix);
  const restart = Math.max(0, ended - 1);
  const from = restart < olds.length ? olds[restart].start : 0;
  const pending = restart < olds.length ? olds[restart].directives : [];
  if (from > prefix) return fresh(text);

  // A new statement start syncs when an old statement started at the same place in the unchanged tail.
  const oldTailStart = old.length - suffix;
  const oldIndexAt = (newStart: number): number => {
    const at = newStart - delta;
    if (at < oldTailStart) return -1;
    const i = firstIndex(olds, (x) => x.start >= at);
    return i < olds.length && olds[i].start === at ? i : -1;
  };

  const middle = splitStatements(text, { from, pending, stopBefore: (start) => oldIndexAt(start) >= 0 });
  const statements = olds.slice(0, restart);
  const prefixCount = statements.length;
  statements.push(...middle.statements);
  const directives = previous.directives.filter((d) => d.start < from);
  directives.push(...middle.directives);
  if (!middle.stopped) {
    return { statements, directives, prefixCount, suffixStart: statements.length, oldSuffixStart: olds.length, delta };
  }

  const oldSuffixStart = oldIndexAt(middle.stopped.at);
  const suffixStart = statements.length;
  for (let i = oldSuffixStart; i < olds.length; i++) {
    const s = olds[i];
    const shifted: StatementSlice = {
      start: s.start + delta,
      end: s.end + delta,
      // The first reused statement's directives may lie in the edited part: take the new ones.
      directives: i === oldSuffixStart ? middle.stopped.pending : s.directives.map((d) => shift(d, delta)),
      maxDepth: s.maxDepth,
    };
    if (s.unterminated) shifted.unterminated = { what: s.unterminated.what, start: s.unterminated.start + delta };
    statements.push(shifted);
  }
  const oldSyncStart = olds[oldSuffixStart].start;
  for (const d of previous.directives) if (d.start >= oldSyncStart) directives.push(shift(d, delta));
  return { statements, directives, prefixCount, suffixStart, oldSuffixStart, delta };
}

function fresh(text: string): IncrementalSplit {
  const { statements, directives } = splitStatements(text);
  return { statements, directives, prefixCount: 0, suffixStart: statements.length, oldSuffixStart: -1, delta: 0 };
}

function shift(t: Token, delta: number): Token {
  return { kind: t.kind, start: t.start + delta, end: t.end + delta };
}

/** The first index whose element satisfies `past` (which must be monotonic), or the length. */
function firstIndex<T>(items: readonly T[], past: (item: T) => boolean): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (past(items[mid])) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Chunk sizes, largest first: V8 compares flat substrings fast, and few chunks mean little garbage. */
const CHUNKS = [8192, 256, 8];

/** Length of the common prefix of a and b. */
export function commonPrefix(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  for (const size of CHUNKS) {
    while (i + size <= n && a.substring(i, i + size) === b.substring(i, i + size)) i += size;
  }
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

/** Length of the common suffix of a and b that does not overlap a common prefix of `prefix`. */
export function commonSuffix(a: string, b: string, prefix: number): number {
  const n = Math.min(a.length, b.length) - prefix;
  let i = 0;
  for (const size of CHUNKS) {
    while (i + size <= n && a.substring(a.length - i - size, a.length - i) === b.substring(b.length - i - size, b.length - i)) i += size;
  }
  while (i < n && a.charCodeAt(a.length - 1 - i) === b.charCodeAt(b.length - 1 - i)) i++;
  return i;
}
