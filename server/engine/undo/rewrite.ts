/**
 * Rewrites one UPDATE, DELETE, INSERT or MERGE on its parse tree so that it also returns the whole
 * old and new row of every row it changes (PostgreSQL 18's `RETURNING old.*, new.*`), appended after
 * the user's own RETURNING columns. The rewritten tree is deparsed, parsed again and compared with
 * itself: any difference means the deparser changed the statement, and nothing is captured.
 */
import * as pgq from 'libpg-query';
import { deparseSync } from 'pgsql-deparser';

export const CAPTURE_COLUMNS = 2;
const KINDS = ['UpdateStmt', 'DeleteStmt', 'InsertStmt', 'MergeStmt'] as const;

export interface TargetName {
  schema?: string;
  name: string;
}

export type Rewrite = { ok: true; text: string; userReturning: boolean; target: TargetName; command: string } | { ok: false; reason: string };

type Json = Record<string, unknown>;

export function rewriteForCapture(text: string): Rewrite {
  let parsed: { stmts?: Array<{ stmt: Json }> };
  try {
    parsed = pgq.parseSync(text) as typeof parsed;
  } catch (error) {
    return { ok: false, reason: `it does not parse (${(error as Error).message})` };
  }
  const stmts = parsed.stmts ?? [];
  if (stmts.length !== 1) return { ok: false, reason: 'it is not a single statement' };
  const stmt = stmts[0].stmt;
  const kind = KINDS.find((k) => k in stmt);
  if (!kind) return { ok: false, reason: 'only top-level UPDATE, DELETE, INSERT and MERGE are captured' };
  const body = stmt[kind] as Json;
  if (body.withClause && JSON.stringify(body.withClause).match(/"(UpdateStmt|DeleteStmt|InsertStmt|MergeStmt)"/)) {
    return { ok: false, reason: 'a data-modifying WITH is not captured' };
  }
  const relation = body.relation as { schemaname?: string; relname: string } | undefined;
  if (!relation) return { ok: false, reason: 'it has no target table' };

  const clause = (body.returningClause as { options?: Json[]; exprs?: Json[] } | undefined) ?? undefined;
  const userReturning = (clause?.exprs?.length ?? 0) > 0;
  const options = clause?.options ?? [];
  const alias = (which: 'OLD' | 'NEW') => {
    const o = options.map((x) => x.ReturningOption as { option: string; value: string }).find((x) => x.option === `RETURNING_OPTION_${which}`);
    return o?.value;
  };
  let oldName = alias('OLD');
  let newName = alias('NEW');
  const added: Json[] = [];
  // Names of our own for old and new break no reference only when the user wrote no RETURNING.
  if (!userReturning && options.length === 0) {
    oldName = 'safe_sql_old';
    newName = 'safe_sql_new';
    added.push({ ReturningOption: { option: 'RETURNING_OPTION_OLD', value: oldName } }, { ReturningOption: { option: 'RETURNING_OPTION_NEW', value: newName } });
  } else if (oldName === undefined || newName === undefined) {
    // A table or alias called old or new would capture the wrong row: refuse rather than guess.
    if (/"(aliasname|relname|ctename)":"(old|new)"/.test(JSON.stringify(body))) return { ok: false, reason: 'a table or alias named old or new hides the old and new rows' };
    oldName ??= 'old';
    newName ??= 'new';
  }
  const wholeRow = (rel: string, name: string): Json => ({
    ResTarget: { name, val: { RowExpr: { args: [{ ColumnRef: { fields: [{ String: { sval: rel } }, { A_Star: {} }] } }], row_format: 'COERCE_EXPLICIT_CALL' } } },
  });
  body.returningClause = {
    ...(options.length + added.length > 0 ? { options: [...options, ...added] } : {}),
    exprs: [...(clause?.exprs ?? []), wholeRow(oldName, 'safe_sql_old'), wholeRow(newName, 'safe_sql_new')],
  };

  // The deparser may touch the tree it is given: compare against a copy taken before.
  const expected = JSON.stringify(strip(stmt));
  let out: string;
  try {
    out = deparseSync(structuredClone(stmt) as never);
  } catch (error) {
    return { ok: false, reason: `it could not be rewritten (${(error as Error).message})` };
  }
  try {
    const again = (pgq.parseSync(out) as { stmts?: Array<{ stmt: Json }> }).stmts ?? [];
    if (again.length !== 1 || JSON.stringify(strip(again[0].stmt)) !== expected) return { ok: false, reason: 'the rewritten statement would differ from the original' };
  } catch {
    return { ok: false, reason: 'the rewritten statement does not parse' };
  }
  const target: TargetName = { name: relation.relname, ...(relation.schemaname ? { schema: relation.schemaname } : {}) };
  return { ok: true, text: out, userReturning, target, command: kind.replace('Stmt', '').toUpperCase() };
}

/** The tree without source positions and in a fixed key order, for comparing two parses of different text. */
function strip(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(strip);
  if (node && typeof node === 'object') {
    const out: Json = {};
    // Keys sorted: a field added to the tree lands at the end, the parser's own order may differ.
    for (const [k, v] of Object.entries(node as Json).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) if (k !== 'location' && k !== 'stmt_location' && k !== 'stmt_len') out[k] = strip(v);
    return out;
  }
  return node;
}
