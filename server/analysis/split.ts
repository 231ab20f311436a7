/**
 * Splits a document into statements, the way psql does, so that one broken or half-typed
 * statement never hides the dangerous one after it.
 *
 * - A `;` ends a statement unless it is inside parentheses or a `BEGIN ATOMIC … END` body.
 *   psql's `\;` does not end it: psql sends both statements as one query.
 * - psql backslash commands end the statement before them. Harmless ones (`\set`, `\timing on`)
 *   are skipped; those that run what the analysis cannot see (`\i`, `\gexec`, `\!`) are
 *   statements of their own, so that they are reported.
 * - The data lines after a statement that PostgreSQL's parser reads as `COPY … FROM STDIN` are
 *   skipped up to the `\.` line.
 * - An unclosed quote, comment or `$$` makes the rest of the document one `unterminated` slice.
 */
import { scan, Token, Unterminated } from './lexer';
import { parseSql } from './parser';
import { metaProblem, psqlText } from './psql';

export interface StatementSlice {
  /** Offset of the first token of the statement. */
  start: number;
  /** Offset after the statement, including its `;` when there is one. */
  end: number;
  /** `-- safe-sql…` comments between the previous statement and this one. */
  directives: Token[];
  /** Deepest parenthesis nesting seen, to cap what is fed to the parser. */
  maxDepth: number;
  /** Set when the lexer could not find the end of a quote, comment or `$$` in this slice. */
  unterminated?: Unterminated;
}

export interface SplitResult {
  statements: StatementSlice[];
  /** Every `-- safe-sql…` comment of the document, in order. */
  directives: Token[];
  /** Set when `stopBefore` stopped the split: where, and the directives waiting for that statement. */
  stopped?: { at: number; pending: Token[] };
}

/** For re-splitting only the part of a document an edit touched. */
export interface SplitOptions {
  /** Start here instead of 0. Must be the first token of a statement of the same text, or 0. */
  from?: number;
  /** The directives that came before `from`'s statement. */
  pending?: Token[];
  /** Called at the first token of each statement after `from`; true stops the split before it. */
  stopBefore?: (start: number) => boolean;
}

const DIRECTIVE_PREFIX = /^--\s*safe-sql/i;
const PSQL_COPY_FROM_STDIN = /^\\copy\b.*\bfrom\s+stdin\b/i;

export function splitStatements(text: string, options: SplitOptions = {}): SplitResult {
  const statements: StatementSlice[] = [];
  const allDirectives: Token[] = [];
  let pending: Token[] = options.pending ?? [];
  const from = options.from ?? 0;
  const stopBefore = options.stopBefore;
  let stopped: SplitResult['stopped'];

  let current: StatementSlice | undefined;
  let depth = 0;
  let beginDepth = 0;
  // The first words of the statement, lower-cased, to recognise CREATE FUNCTION/PROCEDURE and COPY … FROM STDIN.
  let words: string[] = [];
  let lastWord = '';
  let mayBeCopy = false;
  // After psql's `\;`, a new statement of the same query starts (it may be a COPY).
  let afterEscape = false;

  /** Ends the current statement at `end`. Returns where scanning resumes (after COPY data). */
  const finish = (end: number): number | undefined => {
    let resume: number | undefined;
    if (current) {
      current.end = end;
      statements.push(current);
      if (mayBeCopy && isCopyFromStdin(text.slice(current.start, end))) resume = copyDataEnd(text, end);
    }
    current = undefined;
    depth = 0;
    beginDepth = 0;
    words = [];
    lastWord = '';
    mayBeCopy = false;
    return resume;
  };

  const onToken = (t: Token): number | undefined => {
    if (t.kind === 'line-comment' || t.kind === 'block-comment') {
      if (t.kind === 'line-comment' && !current && DIRECTIVE_PREFIX.test(text.slice(t.start, t.end))) {
        pending.push(t);
        allDirectives.push(t);
      }
      return undefined;
    }
    if (t.kind === 'meta') {
      // psql runs (or discards) the buffer at a backslash command; what came before is a statement of its own.
      let resume = current ? finish(current.end) : undefined;
      const meta = text.slice(t.start, t.end);
      if (metaProblem(meta) !== undefined && resume === undefined) {
        // A statement of its own, so that it is reported (and can carry a safe-sql-ignore).
        if (stopBefore && t.start > from && stopBefore(t.start)) {
          stopped = { at: t.start, pending };
          return text.length;
        }
        statements.push({ start: t.start, end: t.end, directives: pending, maxDepth: 0 });
        pending = [];
      }
      // `\copy … from stdin` reads its data from the script itself, up to the `\.` line.
      if (PSQL_COPY_FROM_STDIN.test(meta)) resume = copyDataEnd(text, t.end);
      return resume;
    }
    if (!current) {
      if (stopBefore && t.start > from && stopBefore(t.start)) {
        stopped = { at: t.start, pending };
        return text.length;
      }
      current = { start: t.start, end: t.end, directives: pending, maxDepth: 0 };
      pending = [];
    }
    current.end = t.end;
    const prevEscape = afterEscape;
    afterEscape = t.kind === 'psql-escape';
    if (t.kind === 'punct') {
      const ch = text.charCodeAt(t.start);
      if (ch === 40 /* ( */) {
        depth++;
        if (depth > current.maxDepth) current.maxDepth = depth;
      } else if (ch === 41 /* ) */) {
        if (depth > 0) depth--;
      } else if (ch === 59 /* ; */ && depth === 0 && beginDepth === 0) {
        return finish(t.end);
      }
      return undefined;
    }
    if (t.kind === 'word') {
      const length = t.end - t.start;
      if (words.length >= 4 && (length < 2 || length > 6)) {
        // Only AS, BEGIN, ATOMIC, CASE, END and COPY matter past the first words: skip the slicing.
        lastWord = '';
        return undefined;
      }
      const w = text.slice(t.start, t.end).toLowerCase();
      if (words.length < 4) words.push(w);
      // Only BEGIN ATOMIC opens a routine body, and only outside parentheses: `begin`, `case`,
      // `end` and `atomic` are also names (parameters, columns, labels after `.` or AS).
      const asName = lastWord === 'as' || text.charCodeAt(t.start - 1) === 46 /* . */;
      if (w === 'atomic' && lastWord === 'begin' && depth === 0 && isCreateRoutine(words)) {
        beginDepth++;
      } else if (w === 'case' && beginDepth > 0 && !asName) {
        beginDepth++;
      } else if (w === 'end' && beginDepth > 0 && !asName) {
        beginDepth--;
      } else if (w === 'copy' && (words.length === 1 || prevEscape)) {
        mayBeCopy = true;
      }
      lastWord = w;
    }
    return undefined;
  };

  const unterminated = scan(text, onToken, from);
  if (stopped) return { statements, directives: allDirectives, stopped };
  if (unterminated) {
    if (!current) current = { start: unterminated.start, end: text.length, directives: pending, maxDepth: 0 };
    current.unterminated = unterminated;
    finish(text.length);
  } else if (current) {
    // The last statement has no `;`: it still counts (and may be half typed).
    finish(current.end);
  }
  return { statements, directives: allDirectives };
}

/** psql's rule: the first words are CREATE [OR REPLACE] FUNCTION|PROCEDURE. */
function isCreateRoutine(words: string[]): boolean {
  if (words[0] !== 'create') return false;
  if (words[1] === 'function' || words[1] === 'procedure') return true;
  return words[1] === 'or' && words[2] === 'replace' && (words[3] === 'function' || words[3] === 'procedure');
}

/**
 * Whether PostgreSQL's parser reads the text as (or as containing) COPY … FROM STDIN, after which
 * psql sends the lines that follow as data. A text that does not parse starts no data: the server
 * refuses it, and psql reads the next lines as SQL.
 */
function isCopyFromStdin(text: string): boolean {
  const parsed = parseSql(psqlText(text).text);
  if (!parsed.ok) return false;
  return parsed.statements.some((s) => {
    const copy = s.stmt.CopyStmt as { is_from?: boolean; filename?: string } | undefined;
    return copy !== undefined && copy.is_from === true && copy.filename === undefined;
  });
}

function copyDataEnd(text: string, from: number): number {
  // Data starts on the line after the COPY statement.
  let lineStart = text.indexOf('\n', from);
  if (lineStart < 0) return text.length;
  lineStart++;
  while (lineStart < text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    const line = text.slice(lineStart, lineEnd).replace(/\r$/, '');
    if (line === '\\.') return lineEnd;
    lineStart = lineEnd + 1;
  }
  return text.length;
}
