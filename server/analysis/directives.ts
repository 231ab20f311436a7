/**
 * Directives written as SQL comments:
 *   -- safe-sql-ignore <rule-id>[, <rule-id>…]: <reason>   (lowers the next statement's finding to a warning)
 *   -- safe-sql: connection=<name>                          (binds the document, in its first comment lines)
 *   -- safe-sql: expect-rows N | MIN..MAX                   (the next statement's expected row count)
 */
import { RuleId } from './types';

export type Directive =
  | { kind: 'ignore'; rules: string[]; reason: string }
  | { kind: 'connection'; name: string }
  | { kind: 'expect-rows'; min: number; max: number }
  | { kind: 'invalid'; problem: string };

const IGNORE = /^--\s*safe-sql-ignore\b\s*([^:]*?)\s*(?::\s*(.*?))?\s*$/i;
const SETTING = /^--\s*safe-sql\s*:\s*(.*?)\s*$/i;

export function parseDirective(comment: string): Directive | undefined {
  const ignore = IGNORE.exec(comment);
  if (ignore) {
    const rules = ignore[1].split(/[\s,]+/).filter(Boolean);
    const reason = ignore[2] ?? '';
    if (rules.length === 0) return { kind: 'invalid', problem: 'safe-sql-ignore names no rule; write `-- safe-sql-ignore <rule-id>: <reason>`' };
    return { kind: 'ignore', rules, reason };
  }
  const setting = SETTING.exec(comment);
  if (!setting) return undefined;
  const body = setting[1];
  const connection = /^connection\s*=\s*(\S+)$/i.exec(body);
  if (connection) return { kind: 'connection', name: connection[1] };
  const expect = /^expect-rows\s+(.+)$/i.exec(body);
  if (expect) {
    const range = parseRowRange(expect[1]);
    return range ?? { kind: 'invalid', problem: `expect-rows takes N or MIN..MAX, not "${expect[1]}"` };
  }
  return { kind: 'invalid', problem: `unknown safe-sql directive "${body}"; known: connection=<name>, expect-rows N|MIN..MAX` };
}

/** `N` or `MIN..MAX`, non-negative integers (thousands separators `_` or `,` allowed). */
export function parseRowRange(text: string): { kind: 'expect-rows'; min: number; max: number } | undefined {
  const m = /^\s*(\d[\d_,]*)\s*(?:\.\.\s*(\d[\d_,]*))?\s*$/.exec(text);
  if (!m) return undefined;
  const num = (s: string) => Number(s.replace(/[_,]/g, ''));
  const min = num(m[1]);
  const max = m[2] === undefined ? min : num(m[2]);
  if (!Number.isSafeInteger(min) || !Number.isSafeInteger(max) || max < min) return undefined;
  return { kind: 'expect-rows', min, max };
}

export function isRuleId(id: string, known: readonly RuleId[]): id is RuleId {
  return (known as readonly string[]).includes(id);
}
