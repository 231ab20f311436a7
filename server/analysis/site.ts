/**
 * A piece of SQL text that was parsed, and how its offsets map back to the statement it came from.
 *
 * A top-level statement is its own site. SQL found inside a DO body is a nested site: when its
 * text stands verbatim in the statement, positions are exact; otherwise (escaped quotes, text
 * PL/pgSQL rewrote) every position falls back to an anchor, such as the DO keyword.
 */
import { Token, tokenize, wordOf } from './lexer';
import { OffsetMap, offsetMap } from './offsets';
import { Span } from './types';

export class SqlSite {
  private tokensCache: Token[] | undefined;
  private mapCache: OffsetMap | undefined;

  constructor(
    /** The text that was parsed. */
    readonly text: string,
    /** Offset of text[0] in the statement, when the text stands there verbatim. */
    readonly base: number | undefined,
    /** Where positions fall back to when the text is not verbatim. */
    readonly anchor: Span,
  ) {}

  get tokens(): Token[] {
    this.tokensCache ??= tokenize(this.text).tokens;
    return this.tokensCache;
  }

  get offsets(): OffsetMap {
    this.mapCache ??= offsetMap(this.text);
    return this.mapCache;
  }

  /** A span of the site's own text, as a span of the statement. */
  toStatement(span: Span): Span {
    if (this.base === undefined) return this.anchor;
    return { start: this.base + span.start, end: this.base + span.end };
  }

  /** The token at a byte offset of the parsed text, as a span of the statement. */
  spanAtByte(byteOffset: number): Span {
    const at = this.offsets.fromBytes(byteOffset);
    const token = this.tokens[this.lastTokenBefore(at + 1)];
    return this.toStatement(token && at < token.end ? token : { start: at, end: at });
  }

  /**
   * The last word token among `words` that starts before `byteOffset`, as a span of the statement.
   * DeleteStmt and UpdateStmt carry no location of their own: their keyword is the nearest
   * DELETE/UPDATE before the target table (only ONLY, FROM and comments stand between).
   */
  keywordBefore(byteOffset: number | undefined, words: readonly string[]): Span {
    const limit = byteOffset === undefined ? this.text.length : this.offsets.fromBytes(byteOffset);
    // Walk back from the limit: the keyword is usually a few tokens away, and statements with
    // thousands of CTEs must not cost a full scan per finding.
    const tokens = this.tokens;
    for (let i = this.lastTokenBefore(limit); i >= 0; i--) {
      const t = tokens[i];
      if (t.kind === 'word' && words.includes(wordOf(this.text, t))) return this.toStatement(t);
    }
    return this.firstWord();
  }

  /** Index of the last token that starts before `offset`, or -1. Tokens are in text order. */
  private lastTokenBefore(offset: number): number {
    const tokens = this.tokens;
    let lo = 0;
    let hi = tokens.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (tokens[mid].start < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
  }

  /** The first keyword of the site, as a span of the statement. */
  firstWord(): Span {
    const t = this.tokens.find((x) => x.kind !== 'line-comment' && x.kind !== 'block-comment');
    return t ? this.toStatement(t) : this.toStatement({ start: 0, end: 0 });
  }
}
