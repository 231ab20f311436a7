/**
 * Settings that change how every later string is read: the splitter and the parser assume
 * standard_conforming_strings = on and an ASCII-safe client encoding, as PostgreSQL does by
 * default. A statement that changes them makes the rest of the document unreadable with
 * certainty, so it is reported (fail closed) rather than followed.
 */
import { Executed } from './executed';
import { Span } from './types';

const SETTINGS = ['standard_conforming_strings', 'backslash_quote', 'client_encoding'];
const MENTIONED = /standard_conforming_strings|backslash_quote|client_encoding|\bnames\b/i;

export interface SettingProblem {
  span: Span;
  reason: string;
}

export function lexerSettingProblems(text: string, executed: readonly Executed[]): SettingProblem[] {
  if (!MENTIONED.test(text)) return [];
  const out: SettingProblem[] = [];
  for (const e of executed) {
    if (e.kind !== 'VariableSetStmt') continue;
    const name = String(e.body.name ?? '').toLowerCase();
    // SET NAMES is parsed as client_encoding; RESET ALL returns to the defaults the analysis assumes.
    if (SETTINGS.includes(name)) out.push({ span: e.site.firstWord(), reason: `changing ${name} changes how later strings are read, which the analysis does not follow` });
  }
  // set_config('standard_conforming_strings', …) and friends, anywhere in the statement.
  const call = /set_config\s*\(\s*'(standard_conforming_strings|backslash_quote|client_encoding)'/gi;
  for (let m = call.exec(text); m; m = call.exec(text)) {
    out.push({ span: { start: m.index, end: m.index + 'set_config'.length }, reason: `changing ${m[1].toLowerCase()} changes how later strings are read, which the analysis does not follow` });
  }
  return out;
}
