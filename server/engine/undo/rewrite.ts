/**
 * Rewrites one UPDATE, DELETE, INSERT or MERGE on its parse tree so that it also returns whole rows,
 * appended after the user's own RETURNING columns: on PostgreSQL 18 the old and new row of every row
 * it changes (`RETURNING old.*, new.*`); before 18 the target's row as the statement leaves it
 * (`ROW(t.*)`: the new row of INSERT and UPDATE, the deleted row of DELETE). The text sent must parse
 * back to exactly the rewritten tree; otherwise nothing is captured.
 */
import * as pgq from 'libpg-query';
import { deparseSync } from 'pgsql-deparser';
import { APPENDED, appendOnce, appendTo } from './append';
import { parsesTo } from './sameTree';

/** `old-new`: PostgreSQL 18's RETURNING old/new. `row`: the target's row, for older servers. */
export type CaptureMode = 'old-new' | 'row';

export const CAPTURE_COLUMNS: Record<CaptureMode, number> = { 'old-new': 2, row: 1 };
const KINDS = ['UpdateStmt', 'DeleteStmt', 'InsertStmt', 'MergeStmt'] as const;

export interface TargetName {
  schema?: string;
  name: string;
}

export type Rewrite =
  | {
      ok: true;
      text: string;
      userReturning: boolean;
      target: TargetName;
      command: string;
      /** The statement's own tree (before the rewrite), for a pre-SELECT built on it. */
      body: Json;
      /** How the statement refers to its target: its alias, or the table's name. */
      ref: string;
    }
  | { ok: false; reason: string };

export type Json = Record<string, unknown>;

/**
 * `tree`, when given, is the parse of exactly `text` (the plan's, from the analysis); it is only
 * read, never changed. Without a RETURNING of the user's it makes the common case parse-free.
 */
export function rewriteForCapture(text: string, mode: CaptureMode = 'old-new', tree?: Json): Rewrite {
  // The common case: the statement with our clause appended is the statement's tree with our clause (append.ts).
  const given = tree && !KINDS.some((k) => (tree[k] as Json | undefined)?.returningClause) ? tree : undefined;
  const fast = given && mode === 'old-new' ? { text: appendTo(text, APPENDED), stmt: given } : mode === 'old-new' ? appendOnce(text) : undefined;
  let stmt: Json;
  if (fast) {
    stmt = fast.stmt;
  } else if (given) {
    stmt = given;
  } else {
    let parsed: { stmts?: Array<{ stmt: Json }> };
    try {
      parsed = pgq.parseSync(text) as typeof parsed;
    } catch (error) {
      return { ok: false, reason: `it does not parse (${(error as Error).message})` };
    }
    const stmts = parsed.stmts ?? [];
    if (stmts.length !== 1) return { ok: false, reason: 'it is not a single statement' };
    stmt = stmts[0].stmt;
  }
  const kind = KINDS.find((k) => k in stmt);
  if (!kind) return { ok: false, reason: 'only top-level UPDATE, DELETE, INSERT and MERGE are captured' };
  const body = stmt[kind] as Json;
  if (body.withClause && JSON.stringify(body.withClause).match(/"(UpdateStmt|DeleteStmt|InsertStmt|MergeStmt)"/)) {
    return { ok: false, reason: 'a data-modifying WITH is not captured' };
  }
  const relation = body.relation as { schemaname?: string; relname: string; alias?: { aliasname: string } } | undefined;
  if (!relation) return { ok: false, reason: 'it has no target table' };
  // The rewrite only replaces `returningClause`: a shallow copy keeps the statement as written.
  const original = { ...body };
  const ref = relation.alias?.aliasname ?? relation.relname;
  const target: TargetName = { name: relation.relname, ...(relation.schemaname ? { schema: relation.schemaname } : {}) };
  const command = kind.replace('Stmt', '').toUpperCase();
  if (fast) return { ok: true, text: fast.text, userReturning: false, target, command, body: original, ref };
  if (mode === 'row') {
    if (kind === 'MergeStmt') return { ok: false, reason: 'MERGE returns no old rows before PostgreSQL 18' };
    const conflict = (body.onConflictClause as { action?: string } | undefined)?.action;
    if (conflict === 'ONCONFLICT_UPDATE') return { ok: false, reason: 'INSERT … ON CONFLICT DO UPDATE returns no old rows before PostgreSQL 18' };
    // The plan's tree, without RETURNING: the clause appended is the tree with it, as append.ts argues.
    if (given) return { ok: true, text: appendTo(text, rowTail(ref)), userReturning: false, target, command, body: original, ref };
    return rowMode(text, stmt, body, { target, command, original, ref });
  }

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
  const wholeRow = (rel: string): Json => ({
    ResTarget: { val: { RowExpr: { args: [{ ColumnRef: { fields: [{ String: { sval: rel } }, { A_Star: {} }] } }], row_format: 'COERCE_EXPLICIT_CALL' } } },
  });
  body.returningClause = {
    ...(options.length + added.length > 0 ? { options: [...options, ...added] } : {}),
    exprs: [...(clause?.exprs ?? []), wholeRow(oldName), wholeRow(newName)],
  };

  return finish(text, stmt, userReturning || options.length > 0 ? undefined : APPENDED, { ok: true, text: '', userReturning, target, command, body: original, ref });
}

type Done = Extract<Rewrite, { ok: true }>;

/** Before PostgreSQL 18: `ROW(<target>.*)` after the user's own RETURNING columns. */
function rowMode(text: string, stmt: Json, body: Json, o: Omit<Done, 'ok' | 'text' | 'userReturning' | 'body'> & { original: Json }): Rewrite {
  const clause = body.returningClause as { exprs?: Json[] } | undefined;
  const exprs = clause?.exprs ?? [];
  const userReturning = exprs.length > 0;
  const row = { ResTarget: { val: { RowExpr: { args: [{ ColumnRef: { fields: [{ String: { sval: o.ref } }, { A_Star: {} }] } }], row_format: 'COERCE_EXPLICIT_CALL' } } } };
  body.returningClause = { ...(clause ?? {}), exprs: [...exprs, row] };
  const tail = userReturning ? undefined : rowTail(o.ref);
  return finish(text, stmt, tail, { ok: true, text: '', userReturning, target: o.target, command: o.command, body: o.original, ref: o.ref });
}

const quoteName = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Before 18, the clause appended to a statement without RETURNING. */
const rowTail = (ref: string) => `RETURNING ROW(${quoteName(ref)}.*)`;

/**
 * Without a RETURNING of the user's, the clause is the statement's last: it is put after the user's
 * own text, which then runs as written. Otherwise the whole tree is deparsed. Either way the text
 * sent must parse back to exactly the rewritten tree, or nothing is captured.
 */
function finish(text: string, expected: Json, tail: string | undefined, done: Done): Rewrite {
  const appended = tail === undefined ? undefined : appendTo(text, tail);
  if (appended && parsesTo(appended, expected)) return { ...done, text: appended };
  let out: string;
  try {
    out = deparseSync(expected as never);
  } catch (error) {
    return { ok: false, reason: `it could not be rewritten (${(error as Error).message})` };
  }
  return parsesTo(out, expected) ? { ...done, text: out } : { ok: false, reason: 'the rewritten statement would differ from the original' };
}
