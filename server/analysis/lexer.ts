/**
 * A PostgreSQL tokenizer written for splitting and for finding keywords.
 *
 * It never decides whether SQL is safe: libpg-query does. It must only agree with PostgreSQL
 * on where quotes, comments and dollar-quoted strings begin and end, so that a `;` or a `WHERE`
 * inside them is never mistaken for code. When it cannot tell (an unclosed quote, comment or
 * `$$`), it says so, and the caller treats the rest of the text as unverifiable.
 *
 * Offsets are UTF-16 indexes into the string, as JavaScript and LSP count them.
 */

export type TokenKind =
  | 'word' // unquoted identifier or keyword
  | 'qident' // "quoted identifier"
  | 'string' // '...', E'...', U&'...', B'...', X'...', N'...'
  | 'dollar' // $tag$ ... $tag$
  | 'number'
  | 'param' // $1
  | 'op'
  | 'punct' // one of ; , ( ) [ ] . :
  | 'line-comment'
  | 'block-comment'
  | 'meta' // a psql backslash command with its arguments (to the line end, an unquoted `\\` or the next command)
  | 'psql-escape'; // psql's `\;` and `\:`: a `;` or `:` that psql passes to the server as is

export interface Token {
  kind: TokenKind;
  start: number;
  end: number;
}

export interface Unterminated {
  what: 'quoted string' | 'quoted identifier' | 'dollar-quoted string' | 'block comment';
  start: number;
}

const enum C {
  Tab = 9,
  LF = 10,
  CR = 13,
  Space = 32,
  Bang = 33,
  DQuote = 34,
  Hash = 35,
  Dollar = 36,
  Percent = 37,
  Amp = 38,
  SQuote = 39,
  LParen = 40,
  RParen = 41,
  Star = 42,
  Plus = 43,
  Comma = 44,
  Minus = 45,
  Dot = 46,
  Slash = 47,
  D0 = 48,
  D9 = 57,
  Colon = 58,
  Semi = 59,
  Lt = 60,
  Eq = 61,
  Gt = 62,
  Question = 63,
  At = 64,
  UA = 65,
  UZ = 90,
  LBracket = 91,
  Backslash = 92,
  RBracket = 93,
  Caret = 94,
  Underscore = 95,
  Backtick = 96,
  LA = 97,
  LZ = 122,
  Pipe = 124,
  Tilde = 126,
}

function isIdentStart(c: number): boolean {
  return (c >= C.LA && c <= C.LZ) || (c >= C.UA && c <= C.UZ) || c === C.Underscore || c >= 128;
}

function isIdentPart(c: number): boolean {
  return isIdentStart(c) || (c >= C.D0 && c <= C.D9) || c === C.Dollar;
}

function isOpChar(c: number): boolean {
  switch (c) {
    case C.Plus: case C.Minus: case C.Star: case C.Slash: case C.Lt: case C.Gt: case C.Eq:
    case C.Tilde: case C.Bang: case C.At: case C.Hash: case C.Percent: case C.Caret:
    case C.Amp: case C.Pipe: case C.Backtick: case C.Question:
      return true;
    default:
      return false;
  }
}

function isSpace(c: number): boolean {
  return c === C.Space || c === C.Tab || c === C.LF || c === C.CR || c === 11 || c === 12;
}

/**
 * Tokenizes `text` from `from`, calling `onToken` for each token. Whitespace is skipped.
 * Returns the unterminated construct that stopped it, if any (everything after its start is unknown).
 */
export function scan(text: string, onToken: (t: Token) => number | void, from = 0, to = text.length): Unterminated | undefined {
  let i = from;
  // The callback may return an offset to resume from (the splitter skips COPY data this way).
  const emit = (kind: TokenKind, start: number, end: number): number => {
    const resume = onToken({ kind, start, end });
    return resume === undefined ? end : Math.max(resume, end);
  };
  while (i < to) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) {
      i++;
      continue;
    }
    const start = i;
    const next = i + 1 < to ? text.charCodeAt(i + 1) : -1;

    if (c === C.Minus && next === C.Minus) {
      i = lineEnd(text, i, to);
      i = emit('line-comment', start, i);
      continue;
    }
    if (c === C.Slash && next === C.Star) {
      const end = blockCommentEnd(text, i, to);
      if (end < 0) return { what: 'block comment', start };
      i = emit('block-comment', start, end);
      continue;
    }
    if (c === C.SQuote) {
      const end = quotedEnd(text, i + 1, to, C.SQuote, false);
      if (end < 0) return { what: 'quoted string', start };
      i = emit('string', start, end);
      continue;
    }
    if (c === C.DQuote) {
      const end = quotedEnd(text, i + 1, to, C.DQuote, false);
      if (end < 0) return { what: 'quoted identifier', start };
      i = emit('qident', start, end);
      continue;
    }
    if (isIdentStart(c)) {
      // String-literal prefixes: E'..' (backslash escapes), B'..', X'..', N'..', U&'..' and U&"..".
      const lower = c | 0x20;
      if (next === C.SQuote && (lower === 0x65 || lower === 0x62 || lower === 0x78 || lower === 0x6e)) {
        const end = quotedEnd(text, i + 2, to, C.SQuote, lower === 0x65);
        if (end < 0) return { what: 'quoted string', start };
        i = emit('string', start, end);
        continue;
      }
      if (lower === 0x75 && next === C.Amp && i + 2 < to) {
        const q = text.charCodeAt(i + 2);
        if (q === C.SQuote || q === C.DQuote) {
          const end = quotedEnd(text, i + 3, to, q, false);
          if (end < 0) return { what: q === C.SQuote ? 'quoted string' : 'quoted identifier', start };
          i = emit(q === C.SQuote ? 'string' : 'qident', start, end);
          continue;
        }
      }
      i++;
      while (i < to && isIdentPart(text.charCodeAt(i))) i++;
      i = emit('word', start, i);
      continue;
    }
    if (c === C.Dollar) {
      if (next >= C.D0 && next <= C.D9) {
        i += 2;
        while (i < to && isDigit(text.charCodeAt(i))) i++;
        i = emit('param', start, i);
        continue;
      }
      const tagEnd = dollarTagEnd(text, i, to);
      if (tagEnd > 0) {
        const tag = text.slice(i, tagEnd);
        const close = text.indexOf(tag, tagEnd);
        if (close < 0 || close + tag.length > to) return { what: 'dollar-quoted string', start };
        i = close + tag.length;
        i = emit('dollar', start, i);
        continue;
      }
      i++;
      i = emit('op', start, i);
      continue;
    }
    if (isDigit(c) || (c === C.Dot && isDigit(next))) {
      i = numberEnd(text, i, to);
      i = emit('number', start, i);
      continue;
    }
    if (c === C.Backslash) {
      if (next === C.Semi || next === C.Colon) {
        // psql sends `\;` as `;` without ending the query, and `\:` as `:` without variable substitution.
        i = emit('psql-escape', start, i + 2);
        continue;
      }
      const end = metaEnd(text, i, to);
      i = emit('meta', start, end);
      // `\\` ends the command's arguments: what follows on the line is SQL again.
      if (i === end && i + 1 < to && text.charCodeAt(i) === C.Backslash && text.charCodeAt(i + 1) === C.Backslash) i += 2;
      continue;
    }
    if (c === C.Semi || c === C.Comma || c === C.LParen || c === C.RParen || c === C.LBracket || c === C.RBracket || c === C.Dot || c === C.Colon) {
      // `::` and `:=` are operators, but splitting only cares that they are not `;`.
      i++;
      i = emit('punct', start, i);
      continue;
    }
    if (isOpChar(c)) {
      i++;
      // An operator stops where a comment starts, as in PostgreSQL's scanner.
      while (i < to && isOpChar(text.charCodeAt(i))) {
        const d = text.charCodeAt(i);
        const e = i + 1 < to ? text.charCodeAt(i + 1) : -1;
        if ((d === C.Minus && e === C.Minus) || (d === C.Slash && e === C.Star)) break;
        i++;
      }
      i = emit('op', start, i);
      continue;
    }
    // Anything else (control characters, stray bytes) is a one-character operator token:
    // PostgreSQL's parser will reject it, which is what we want.
    i++;
    i = emit('op', start, i);
  }
  return undefined;
}

/** All tokens of `text` (comments included). Stops at an unterminated construct. */
export function tokenize(text: string): { tokens: Token[]; unterminated?: Unterminated } {
  const tokens: Token[] = [];
  const unterminated = scan(text, (t) => tokens.push(t));
  return unterminated ? { tokens, unterminated } : { tokens };
}

/** Commands whose argument is the whole rest of the line, as psql reads them (OT_WHOLE_LINE). */
const WHOLE_LINE = /^\\(?:!|copy|ef|ev|sf\+?|sv\+?|h|help)(?![A-Za-z])/i;

/**
 * Where a psql backslash command starting at `i` ends: at the line end, before an unquoted
 * backslash (`\\` ends the arguments, any other starts the next command), or, for a piped
 * argument (`\g |cmd`, `\o |cmd`) and whole-line commands, at the line end only.
 */
function metaEnd(text: string, i: number, to: number): number {
  const lineStop = lineEnd(text, i, to);
  if (WHOLE_LINE.test(text.slice(i, Math.min(lineStop, i + 12)))) return lineStop;
  let j = i + 1;
  // The command name: everything up to a space or the next backslash.
  while (j < lineStop && !isSpace(text.charCodeAt(j)) && text.charCodeAt(j) !== C.Backslash) j++;
  while (j < lineStop) {
    const c = text.charCodeAt(j);
    if (c === C.Backslash) return j;
    if (c === C.Pipe) return lineStop;
    if (c === C.SQuote || c === C.DQuote || c === C.Backtick) {
      // Quoted arguments may contain backslashes; in '…' a backslash escapes the next character.
      j++;
      while (j < lineStop && text.charCodeAt(j) !== c) j += c === C.SQuote && text.charCodeAt(j) === C.Backslash ? 2 : 1;
      j++;
      continue;
    }
    j++;
  }
  return Math.min(j, lineStop);
}

function isDigit(c: number): boolean {
  return c >= C.D0 && c <= C.D9;
}

function lineEnd(text: string, i: number, to: number): number {
  while (i < to) {
    const c = text.charCodeAt(i);
    if (c === C.LF || c === C.CR) break;
    i++;
  }
  return i;
}

/** Block comments nest in PostgreSQL. Returns the offset after the closing `*\/`, or -1. */
function blockCommentEnd(text: string, i: number, to: number): number {
  let depth = 0;
  while (i < to) {
    const c = text.charCodeAt(i);
    const n = i + 1 < to ? text.charCodeAt(i + 1) : -1;
    if (c === C.Slash && n === C.Star) {
      depth++;
      i += 2;
    } else if (c === C.Star && n === C.Slash) {
      depth--;
      i += 2;
      if (depth === 0) return i;
    } else {
      i++;
    }
  }
  return -1;
}

/**
 * Finds the end of a quoted string or identifier whose body starts at `i`. A doubled quote is
 * an escaped quote. With `backslashEscapes` (E'' strings), a backslash escapes the next character;
 * in standard strings it is a literal character, as with standard_conforming_strings = on.
 */
function quotedEnd(text: string, i: number, to: number, quote: number, backslashEscapes: boolean): number {
  while (i < to) {
    const c = text.charCodeAt(i);
    if (backslashEscapes && c === C.Backslash) {
      i += 2;
      continue;
    }
    if (c === quote) {
      if (i + 1 < to && text.charCodeAt(i + 1) === quote) {
        i += 2;
        continue;
      }
      return i + 1;
    }
    i++;
  }
  return -1;
}

/** If a dollar-quote tag (`$$` or `$tag$`) starts at `i`, returns the offset after it, else -1. */
function dollarTagEnd(text: string, i: number, to: number): number {
  let j = i + 1;
  if (j < to && text.charCodeAt(j) === C.Dollar) return j + 1;
  if (j >= to || !isIdentStart(text.charCodeAt(j))) return -1;
  j++;
  while (j < to) {
    const c = text.charCodeAt(j);
    if (c === C.Dollar) return j + 1;
    // A tag may not contain `$`, but letters, digits and underscores.
    if (!(isIdentStart(c) || isDigit(c))) return -1;
    j++;
  }
  return -1;
}

function numberEnd(text: string, i: number, to: number): number {
  while (i < to) {
    const c = text.charCodeAt(i);
    if (isDigit(c) || c === C.Dot || c === C.Underscore || (c | 0x20) === 0x78 || (c | 0x20) === 0x6f || (c | 0x20) === 0x62 || (c >= C.LA && c <= 0x66) || (c >= C.UA && c <= 0x46)) {
      // Digits, fractions, exponents, hex/octal/binary literals and separators: the parser checks the details.
      if ((c | 0x20) === 0x65 && i + 1 < to && (text.charCodeAt(i + 1) === C.Plus || text.charCodeAt(i + 1) === C.Minus)) i++;
      i++;
      continue;
    }
    break;
  }
  return i;
}

/** The lower-cased text of a word token. */
export function wordOf(text: string, t: Token): string {
  return text.slice(t.start, t.end).toLowerCase();
}
