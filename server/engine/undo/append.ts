/**
 * The common case of capture on PostgreSQL 18 in one parse. A statement without a RETURNING of its
 * own gets our clause appended on a new line, `T⁺ = T' + "\n" + APPENDED` (T' is T without its final
 * `;`), and only T⁺ is parsed. When T⁺ parses to exactly one UPDATE, DELETE, INSERT or MERGE whose
 * top-level RETURNING is exactly ours, it is that statement of T with our clause, because:
 *
 * - Lexing: APPENDED holds no quote, dollar, backslash or comment opener. Had T' ended inside a
 *   string, quoted name or block comment, APPENDED would lie inside it too and T⁺ would not parse
 *   (unterminated) or have no RETURNING of ours; a trailing `--` comment ends at the new line. So T⁺'s
 *   tokens are T''s then APPENDED's. Its first token, RETURNING, is none of those the parser looks
 *   ahead at (after NOT, NULLS, WITH, WITHOUT, FORMAT, UESCAPE), so no token of T' changes class.
 * - Grammar: T has no top-level RETURNING (a second one is a syntax error); a nested one sits in a
 *   data-modifying WITH, which is refused either way. So the RETURNING that closes the statement's
 *   production comes from APPENDED, and T''s tokens derive everything before it. PostgreSQL's
 *   grammar is LALR(1) without conflicts, hence unambiguous: that derivation is T's own parse, with
 *   the same tree. The tree of T⁺ without its RETURNING is therefore T's tree.
 *
 * Anything else (T's own RETURNING, a parse error, another clause) goes the long way: parse T,
 * rewrite, and prove the text sent parses to exactly the rewritten tree.
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
