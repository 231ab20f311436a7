/**
 * Password literals in statement texts, replaced by `'***'` before a text is shown, returned or
 * audited. PostgreSQL's parser says which literal is a secret; the lexer only says where that
 * literal's quotes begin and end. Covered:
 *
 * - `CREATE/ALTER ROLE|USER … [ENCRYPTED] PASSWORD '…'` and any option named like a password
 *   (`USER MAPPING … OPTIONS (password '…')`, `SERVER … OPTIONS (…)`);
 * - `CREATE/ALTER SUBSCRIPTION … CONNECTION '…'` and any string constant (a dblink connection
 *   string, for one) that holds `password=` or a URL with a password.
 *
 * Fail closed: a text that may hold a secret but does not parse, or whose secret literal cannot be
 * located, has every string literal replaced.
 */
import { Token, tokenize } from './lexer';
import { offsetMap } from './offsets';
import { parseSql } from './parser';

export interface Redaction {
  text: string;
  /** The secret values removed (as written and as PostgreSQL reads them), to scrub from messages too. */
  secrets: string[];
}

export const REDACTED = "'***'";

/**
 * Every way of writing a secret needs one of these: the words password/passwd (PASSWORD keyword,
 * option names, conninfo keys), `://` (a URL), or an escape that could hide them (`\` in E'' strings,
 * `U&` literals and identifiers). Texts without any of them are returned unparsed: that is the cost
 * of a guarded run without secrets.
 */
const MAY_HOLD_SECRET = /pass|:\/\/|\\|u&/i;

/** A connection string (key=value or URL) that carries a password. Applied to a literal's value, never to SQL. */
const CONNINFO_SECRET = /pass(word|wd)?\s*=|:\/\/[^/@\s]*:[^@\s]*@/i;

export function redactSecrets(text: string): Redaction {
  if (!MAY_HOLD_SECRET.test(text)) return { text, secrets: [] };
  const { tokens, unterminated } = tokenize(text);
  const literals = tokens.filter((t) => t.kind === 'string' || t.kind === 'dollar');
  const parsed = unterminated ? undefined : parseSql(text);
  if (!parsed || !parsed.ok) return everyLiteral(text, literals, unterminated?.start);

  const found = new Map<number, Token>();
  const values: string[] = [];
  const offsets = offsetMap(text);
  let lost = false;
  const mark = (byteLocation: number | undefined, exact: boolean, value: string) => {
    values.push(value);
    const at = byteLocation === undefined ? -1 : offsets.fromBytes(byteLocation);
    const t = at < 0 ? undefined : literals.find((l) => (exact ? l.start === at : l.start >= at));
    if (t) found.set(t.start, t);
    else lost = true;
  };
  for (const raw of parsed.statements) {
    const stmtStart = typeof raw.stmt_location === 'number' ? raw.stmt_location : 0;
    walk(raw.stmt, (key, node) => {
      if (key === 'DefElem' && isSecretOption(String(node.defname ?? ''))) {
        const value = stringOf(node.arg);
        if (value !== undefined) mark(numberOf(node.location), false, value);
      } else if ((key === 'CreateSubscriptionStmt' || key === 'AlterSubscriptionStmt') && typeof node.conninfo === 'string') {
        // The tree keeps no location for CONNECTION '…': it is the first literal after the word CONNECTION.
        mark(connectionKeyword(text, tokens, offsets.fromBytes(stmtStart)), false, node.conninfo);
      } else if (key === 'A_Const') {
        const value = stringOf(node);
        if (value !== undefined && CONNINFO_SECRET.test(value)) mark(numberOf(node.location), true, value);
      }
    });
  }
  if (lost) return everyLiteral(text, literals);
  return replace(text, [...found.values()], values);
}

function isSecretOption(name: string): boolean {
  const n = name.toLowerCase();
  return n.includes('password') || n.includes('passwd');
}

/** The byte offset of the CONNECTION keyword of a subscription statement, as a UTF-16 search from its start. */
function connectionKeyword(text: string, tokens: Token[], from: number): number | undefined {
  const t = tokens.find((k) => k.kind === 'word' && k.start >= from && text.slice(k.start, k.end).toLowerCase() === 'connection');
  return t === undefined ? undefined : Buffer.byteLength(text.slice(0, t.start), 'utf8');
}

function everyLiteral(text: string, literals: Token[], unterminatedAt?: number): Redaction {
  const values = literals.map((t) => text.slice(t.start, t.end));
  const redacted = replace(text, literals, values);
  if (unterminatedAt === undefined) return redacted;
  // An unclosed quote: everything from it on may be the secret.
  const cut = redacted.text.length - (text.length - unterminatedAt);
  return { text: `${redacted.text.slice(0, cut)}${REDACTED} (unterminated text removed)`, secrets: [...redacted.secrets, text.slice(unterminatedAt)] };
}

function replace(text: string, spans: Token[], values: string[]): Redaction {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  const secrets = new Set<string>(values);
  for (const t of sorted) {
    out += text.slice(at, t.start) + REDACTED;
    secrets.add(literalBody(text.slice(t.start, t.end)));
    at = t.end;
  }
  out += text.slice(at);
  return { text: out, secrets: [...secrets].filter((s) => s.length > 0) };
}

/** The inside of a literal as written: without prefix and quotes or dollar tags. */
function literalBody(literal: string): string {
  const dollar = /^(\$[^$]*\$)([\s\S]*)\1$/.exec(literal);
  if (dollar) return dollar[2];
  const quoted = /^(?:[eEbBxXnN]|[uU]&)?'([\s\S]*)'$/.exec(literal);
  return quoted ? quoted[1] : literal;
}

function walk(value: unknown, visit: (key: string, node: Record<string, unknown>) => void): void {
  if (Array.isArray(value)) {
    for (const v of value) walk(v, visit);
    return;
  }
  if (!value || typeof value !== 'object') return;
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    if (child && typeof child === 'object' && !Array.isArray(child) && /^[A-Z]/.test(key)) visit(key, child as Record<string, unknown>);
    walk(child, visit);
  }
}

/** The value of a String node (`{String: {sval}}`) or of a string A_Const's body (`{sval: {sval}}`). */
function stringOf(node: unknown): string | undefined {
  if (!node || typeof node !== 'object') return undefined;
  const n = node as Record<string, unknown>;
  const inner = (n.String ?? n.sval) as Record<string, unknown> | undefined;
  if (inner && typeof inner === 'object' && typeof inner.sval === 'string') return inner.sval;
  const cast = n.TypeCast as Record<string, unknown> | undefined;
  if (cast && typeof cast === 'object') return stringOf((cast.arg as Record<string, unknown> | undefined)?.A_Const);
  return undefined;
}

function numberOf(v: unknown): number | undefined {
  return typeof v === 'number' ? v : undefined;
}
