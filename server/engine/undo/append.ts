/**
 * The common case of capture on PostgreSQL 18, with at most one parse. A statement T without a
 * RETURNING of its own gets our clause appended on a new line, `T⁺ = T' + "\n" + APPENDED` (T' is T
 * without its final `;`). T⁺ parses to exactly T's tree S plus our clause, because:
 *
 * - Lexing: T parses, so it ends outside any string, quoted name or block comment (or inside a `--`
 *   comment, which the new line ends). APPENDED holds no quote, dollar, backslash or comment opener.
 *   So T⁺'s tokens are T''s then APPENDED's. Its first token, RETURNING, is none of those the parser
 *   looks ahead at (after NOT, NULLS, WITH, WITHOUT, FORMAT, UESCAPE), so no token of T' changes class.
 * - Grammar: S has no top-level RETURNING; a nested one sits in a data-modifying WITH, which is
 *   refused. S's derivation, with the statement's `returning_clause` deriving APPENDED instead of
 *   nothing, derives T⁺'s tokens. PostgreSQL's grammar is LALR(1) without conflicts, hence
 *   unambiguous: that derivation is T⁺'s parse, and its tree is S with our clause.
 *
 * So when the plan holds S (the analysis parsed exactly T), nothing is parsed (`rewrite.ts`); the
 * same holds for the clause before 18, `RETURNING ROW("t".*)` (this direction needs only that T
 * parses and that the clause starts with RETURNING and lexes on its own). Without
 * it, T⁺ alone is parsed (`appendOnce`): exactly one statement whose top-level RETURNING is exactly
 * ours is S with our clause, by the same two steps read backwards. Anything else (T's own
 * RETURNING, a parse error) goes the long way: parse T, rewrite, and prove that the text sent parses
 * to exactly the rewritten tree. test/unit/undo-rewrite.test.ts checks all of this against two parses
 * on PostgreSQL's own regression SQL.
 */
import * as pgq from 'libpg-query';
import { sameTree } from './sameTree';

type Json = Record<string, unknown>;

export const APPENDED = 'RETURNING WITH (OLD AS safe_sql_old, NEW AS safe_sql_new) ROW(safe_sql_old.*), ROW(safe_sql_new.*)';

const wholeRow = (rel: string): Json => ({ ResTarget: { val: { RowExpr: { args: [{ ColumnRef: { fields: [{ String: { sval: rel } }, { A_Star: {} }] } }], row_format: 'COERCE_EXPLICIT_CALL' } } } });

const CLAUSE = {
  options: [{ ReturningOption: { option: 'RETURNING_OPTION_OLD', value: 'safe_sql_old' } }, { ReturningOption: { option: 'RETURNING_OPTION_NEW', value: 'safe_sql_new' } }],
  exprs: [wholeRow('safe_sql_old'), wholeRow('safe_sql_new')],
};

const KINDS = ['UpdateStmt', 'DeleteStmt', 'InsertStmt', 'MergeStmt'];

/** `tail` on a line of its own after the statement, before its final `;` if it had one. */
export function appendTo(text: string, tail: string): string {
  const semicolon = /;\s*$/.test(text) ? ';' : '';
  return `${text.replace(/;\s*$/, '')}\n${tail}${semicolon}`;
}

/** The text to send and T's own tree (without our clause), or undefined: take the long way. */
export function appendOnce(text: string): { text: string; stmt: Json } | undefined {
  const sent = appendTo(text, APPENDED);
  let stmts: Array<{ stmt: Json }>;
  try {
    stmts = (pgq.parseSync(sent) as { stmts?: Array<{ stmt: Json }> }).stmts ?? [];
  } catch {
    return undefined;
  }
  if (stmts.length !== 1) return undefined;
  const kind = KINDS.find((k) => k in stmts[0].stmt);
  if (!kind) return undefined;
  const { returningClause, ...rest } = stmts[0].stmt[kind] as Json;
  if (!sameTree(returningClause, CLAUSE)) return undefined;
  return { text: sent, stmt: { [kind]: rest } };
}
