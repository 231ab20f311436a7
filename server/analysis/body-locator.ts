/**
 * Maps SQL found inside a body (a DO block, a function) back to offsets of the statement that holds
 * it: exactly where the body stands verbatim in the text, else to the body's line, else to an anchor
 * such as the DO keyword.
 */
import { SqlSite } from './site';
import { Span } from './types';

/**
 * The statement offset where a body's text starts, when the string literal holds it verbatim
 * (dollar quotes, or a plain string without doubled quotes); undefined otherwise.
 */
export function verbatimBodyStart(site: SqlSite, codeLocation: number | undefined, code: string): number | undefined {
  if (codeLocation === undefined || site.base === undefined) return undefined;
  const at = site.offsets.fromBytes(codeLocation);
  const token = site.tokens.find((t) => t.start >= at && (t.kind === 'dollar' || t.kind === 'string'));
  if (!token) return undefined;
  const raw = site.text.slice(token.start, token.end);
  let open: number;
  if (token.kind === 'dollar') {
    open = raw.indexOf('$', 1) + 1;
  } else {
    open = raw.indexOf("'") + 1;
  }
  const closeLength = token.kind === 'dollar' ? open : 1;
  const content = raw.slice(open, raw.length - closeLength);
  if (content !== code) return undefined;
  return site.base + token.start + open;
}

/** Where SQL of the body sits in the statement. */
export class BodyLocator {
  lastLine = 1;
  private searchFrom = 0;
  private readonly lineStarts: number[];

  constructor(
    private readonly code: string,
    private readonly bodyBase: number | undefined,
    private readonly anchor: Span,
  ) {
    this.lineStarts = [0];
    for (let i = code.indexOf('\n'); i >= 0; i = code.indexOf('\n', i + 1)) this.lineStarts.push(i + 1);
  }

  /** The site of `query`, parsed as `prefix + query` (e.g. an expression as `SELECT …`). */
  siteFor(query: string, lineno: number | undefined, prefix = ''): SqlSite {
    const line = lineno ?? this.lastLine;
    const fromLine = this.lineStarts[Math.min(Math.max(line - 1, 0), this.lineStarts.length - 1)];
    let at = this.code.indexOf(query, Math.max(fromLine, this.searchFrom));
    if (at < 0) at = this.code.indexOf(query, fromLine);
    if (this.bodyBase !== undefined && at >= 0) {
      this.searchFrom = at + query.length;
      return new SqlSite(prefix + query, this.bodyBase + at - prefix.length, this.anchor);
    }
    const firstWord = /^\s*([A-Za-z_]+)/.exec(query)?.[1];
    return new SqlSite(prefix + query, undefined, this.lineAnchor(line, firstWord));
  }

  /** The first occurrence of `word` on the body's line `lineno`, else the anchor. */
  lineAnchor(lineno: number | undefined, word: string | undefined): Span {
    if (this.bodyBase === undefined || lineno === undefined || !word) return this.anchor;
    const lineStart = this.lineStarts[Math.min(Math.max(lineno - 1, 0), this.lineStarts.length - 1)];
    const lineEnd = lineno < this.lineStarts.length ? this.lineStarts[lineno] : this.code.length;
    const hit = this.code.slice(lineStart, lineEnd).toLowerCase().indexOf(word.toLowerCase());
    if (hit < 0) return this.anchor;
    const start = this.bodyBase + lineStart + hit;
    return { start, end: start + word.length };
  }
}
