/** Whether a text parses to exactly a given tree: the proof every rewritten statement must pass. */
import * as pgq from 'libpg-query';

type Json = Record<string, unknown>;

export function parsesTo(text: string, expected: Json): boolean {
  try {
    const again = (pgq.parseSync(text) as { stmts?: Array<{ stmt: Json }> }).stmts ?? [];
    return again.length === 1 && sameTree(again[0].stmt, expected);
  } catch {
    return false;
  }
}

const POSITIONS = new Set(['location', 'stmt_location', 'stmt_len']);

/** Two trees are the same apart from source positions (and the order of their keys). */
export function sameTree(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => sameTree(x, b[i]));
  if (!a || !b || typeof a !== 'object' || typeof b !== 'object' || Array.isArray(b)) return false;
  const ka = Object.keys(a).filter((k) => !POSITIONS.has(k));
  const kb = Object.keys(b).filter((k) => !POSITIONS.has(k));
  return ka.length === kb.length && ka.every((k) => Object.hasOwn(b, k) && sameTree((a as Json)[k], (b as Json)[k]));
}
