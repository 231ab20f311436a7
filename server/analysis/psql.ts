/**
 * What psql does to a statement's text before the server sees it, and which psql commands run
 * something the analysis cannot see.
 *
 * The text handed to the parser has the same length as the statement, so every position stays
 * exact: backslash commands become spaces, `\;` and `\:` lose their backslash, and psql variables
 * become placeholders of equal length (`:tbl` → `_tbl`, `:'v'` → `'xx'`, `:"c"` → `"xx"`).
 */
import { scan, Token } from './lexer';
import { Span } from './types';

export interface PsqlProblem {
  span: Span;
  reason: string;
}

/**
 * psql meta-commands that run SQL or programs the analysis cannot see, each with the reason.
 * Every other command (`\timing`, `\echo`, `\set`, `\x`, `\pset`, `\g` to a file, …) is harmless:
 * it prints, formats, or sends the query the analysis already checked.
 */
const UNSEEN: ReadonlyArray<{ command: RegExp; reason: string }> = [
  { command: /^\\(?:i|ir|include|include_relative)$/, reason: 'psql runs the SQL of another file, which is not checked' },
  { command: /^\\gexec$/, reason: '\\gexec runs every value of the query result as SQL, which is not checked' },
  { command: /^\\!$/, reason: '\\! runs a shell command' },
  { command: /^\\(?:e|edit|ef|ev)$/, reason: 'psql runs whatever is written in the editor' },
  { command: /^\\encoding$/, reason: '\\encoding changes how the server reads every later string, which the analysis cannot follow' },
];

/** Commands that send or write through a pipe when their argument starts with `|`. */
const PIPED = /^\\(?:g|gx|o|out|w|write)$/;

/** Why a backslash command is not verifiable, or undefined when it is harmless. */
export function metaProblem(meta: string): string | undefined {
  const name = /^\\(?:!|[^\s\\]+)/.exec(meta)?.[0] ?? meta;
  const args = meta.slice(name.length);
  const lower = name.toLowerCase();
  for (const u of UNSEEN) if (u.command.test(lower)) return u.reason;
  if (PIPED.test(lower) && /^\s*\|/.test(args)) return `${name} |… sends output to a shell command`;
  if (lower === '\\copy' && /\bprogram\b/i.test(args)) return '\\copy … program runs a shell command';
  // Backquoted arguments are run by the shell before the command sees them.
  if (/`/.test(args.replace(/'(?:[^'\\]|\\.)*'/g, ''))) return `${name} has a backquoted argument, which psql runs as a shell command`;
  return undefined;
}

/** Commands after which psql sends (or drops) the query buffer: the statement ends there. */
export function endsQuery(meta: string): boolean {
  return /^\\(?:g\w*|r|reset|watch|crosstabview|p|print|e|edit|bind\w*|parse|sendpipeline|syncpipeline|;)(?![A-Za-z_])/i.test(meta);
}

export interface PsqlText {
  /** The statement as the parser must read it (same length as the statement). */
  text: string;
  problems: PsqlProblem[];
}

/** The statement text with psql's own syntax replaced, and what in it cannot be verified. */
export function psqlText(statement: string): PsqlText {
  if (!/[\\:]/.test(statement)) return { text: statement, problems: [] };
  const tokens: Token[] = [];
  scan(statement, (t) => {
    tokens.push(t);
  });
  let out = '';
  let at = 0;
  const problems: PsqlProblem[] = [];
  const replace = (start: number, end: number, by: string) => {
    out += statement.slice(at, start) + by;
    at = end;
  };
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    if (t.kind === 'meta') {
      const meta = statement.slice(t.start, t.end);
      const problem = metaProblem(meta);
      if (problem) problems.push({ span: { start: t.start, end: t.start + (/^\\(?:!|[^\s\\]+)/.exec(meta)?.[0].length ?? 1) }, reason: problem });
      replace(t.start, t.end, ' '.repeat(t.end - t.start));
    } else if (t.kind === 'psql-escape') {
      replace(t.start, t.start + 1, ' ');
    } else if (t.kind === 'punct' && statement.charCodeAt(t.start) === 58 /* : */) {
      const next = tokens[k + 1];
      if (!next || next.start !== t.end) continue;
      if (statement.charCodeAt(t.start - 1) === 58 || (next.kind === 'punct' && statement.charCodeAt(next.start) === 58)) continue; // `::` cast
      const first = statement.charCodeAt(next.start);
      if (next.kind === 'word' && first !== 0x27) {
        // psql pastes the value in as raw SQL: it may be anything, even several statements.
        problems.push({ span: { start: t.start, end: next.end }, reason: `psql replaces :${statement.slice(next.start, next.end)} by its value as raw SQL text, which is not checked` });
        replace(t.start, t.end, '_');
      } else if (next.kind === 'string' && first === 0x27) {
        replace(t.start, next.end, `'${'x'.repeat(next.end - t.start - 2)}'`);
        k++;
      } else if (next.kind === 'qident') {
        replace(t.start, next.end, `"${'x'.repeat(next.end - t.start - 2)}"`);
        k++;
      }
    }
  }
  return { text: out + statement.slice(at), problems };
}
