/**
 * The locking pre-SELECT of exactly the rows an UPDATE or DELETE will change, built on the
 * statement's own parse tree: its WITH, its target (alias and ONLY kept), its FROM or USING and its
 * WHERE, with `FOR UPDATE OF` the target. It runs just before the statement, in the same
 * transaction: the rows it returns are locked, so the statement changes them as they were read.
 *
 * What the SELECT cannot repeat exactly is refused: WHERE CURRENT OF (a cursor's position),
 * TABLESAMPLE (another sample), and volatile functions or operators (they would run twice, and may
 * pick other rows); the catalog is asked which names are volatile (`volatileNames`).
 */
import { Client } from 'pg';
import { deparseSync } from 'pgsql-deparser';
import { qualified } from './catalog';
import { Json } from './rewrite';
import { parsesTo } from './sameTree';

export type PreSelect = { ok: true; text: string; tree: Json; functions: string[]; operators: string[]; relations: string[] } | { ok: false; reason: string };

/** Columns of every pre-SELECT: where the row is (tableoid, ctid), the row itself, then `keys`. */
export const PRE_COLUMNS = 3;

const col = (ref: string, name: string, as?: string): Json => ({
  ResTarget: { ...(as ? { name: as } : {}), val: { ColumnRef: { fields: [{ String: { sval: ref } }, { String: { sval: name } }] } } },
});

/**
 * `statement` is the UPDATE or DELETE's tree (UpdateStmt or DeleteStmt body); `keys` are columns of
 * the target selected after the row, as `safe_sql_k1`… (what the cascade's children refer to).
 */
export function buildPreSelect(original: Json, ref: string, keys: string[] = []): PreSelect {
  // A copy: the tree may be the plan's (shared with the analysis), and the deparser must not touch it.
  const json = JSON.stringify({ relation: original.relation, withClause: original.withClause, fromClause: original.fromClause ?? original.usingClause, whereClause: original.whereClause });
  if (json.includes('"CurrentOfExpr"')) return { ok: false, reason: 'WHERE CURRENT OF cannot be selected again' };
  if (json.includes('"RangeTableSample"')) return { ok: false, reason: 'TABLESAMPLE would pick other rows when selected again' };
  const statement = JSON.parse(json) as Json;
  const from = (statement.fromClause ?? []) as Json[];
  const functions = new Set<string>();
  const operators = new Set<string>();
  const relations = new Set<string>();
  collectNames([statement.withClause, from, statement.whereClause], functions, operators, relations);
  const tree: Json = {
    SelectStmt: {
      targetList: [
        col(ref, 'tableoid'),
        col(ref, 'ctid'),
        { ResTarget: { name: 'r', val: { RowExpr: { args: [{ ColumnRef: { fields: [{ String: { sval: ref } }, { A_Star: {} }] } }], row_format: 'COERCE_EXPLICIT_CALL' } } } },
        ...keys.map((k, i) => col(ref, k, `safe_sql_k${i + 1}`)),
      ],
      fromClause: [{ RangeVar: statement.relation }, ...from],
      ...(statement.whereClause ? { whereClause: statement.whereClause } : {}),
      limitOption: 'LIMIT_OPTION_DEFAULT',
      lockingClause: [{ LockingClause: { lockedRels: [{ RangeVar: { relname: ref, inh: true, relpersistence: 'p' } }], strength: 'LCS_FORUPDATE', waitPolicy: 'LockWaitBlock' } }],
      ...(statement.withClause ? { withClause: statement.withClause } : {}),
      op: 'SETOP_NONE',
    },
  };
  let text: string;
  try {
    text = deparseSync(tree as never);
  } catch (error) {
    return { ok: false, reason: `its rows could not be selected (${(error as Error).message})` };
  }
  // The SELECT sent must be exactly the one built: the statement's own FROM and WHERE.
  if (!parsesTo(text, tree)) return { ok: false, reason: 'its rows could not be selected exactly' };
  return { ok: true, text, tree, functions: [...functions], operators: [...operators], relations: [...relations] };
}

/**
 * The last part of every function name (FuncCall) and operator name (A_Expr) in a tree, and every
 * relation it reads (RangeVar, quoted and qualified as written) but the names of its WITH queries.
 */
function collectNames(tree: unknown, functions: Set<string>, operators: Set<string>, relations: Set<string>): void {
  const ctes = new Set<string>();
  const read: Array<{ schemaname?: string; relname?: string }> = [];
  const stack: unknown[] = [tree];
  const last = (names: unknown) => {
    const list = names as Array<{ String?: { sval: string } }> | undefined;
    return list?.[list.length - 1]?.String?.sval;
  };
  while (stack.length > 0) {
    const node = stack.pop();
    if (Array.isArray(node)) {
      stack.push(...node);
    } else if (node && typeof node === 'object') {
      const o = node as Json;
      const f = o.FuncCall as Json | undefined;
      const f1 = f && last(f.funcname);
      if (f1) functions.add(f1);
      const a = o.A_Expr as Json | undefined;
      const a1 = a && last(a.name);
      if (a1) operators.add(a1);
      const cte = (o.CommonTableExpr as Json | undefined)?.ctename;
      if (typeof cte === 'string') ctes.add(cte);
      if (o.RangeVar) read.push(o.RangeVar as { schemaname?: string; relname?: string });
      stack.push(...Object.values(o));
    }
  }
  for (const r of read) {
    if (!r.relname || (!r.schemaname && ctes.has(r.relname))) continue;
    relations.add(qualified({ name: r.relname, ...(r.schemaname ? { schema: r.schemaname } : {}) }));
  }
}

/**
 * The relations among `names` that are not plain, partitioned or materialized tables, or that are
 * not found: reading a view or a foreign table runs its query once more.
 */
export async function notPlainTables(client: Client, names: string[]): Promise<string[]> {
  if (names.length === 0) return [];
  const r = await client.query<{ name: string }>(
    `SELECT u.name FROM unnest($1::text[]) u(name) LEFT JOIN pg_catalog.pg_class c ON c.oid = to_regclass(u.name)
     WHERE c.oid IS NULL OR c.relkind NOT IN ('r', 'p', 'm')`,
    [names],
  );
  return r.rows.map((x) => x.name);
}

/**
 * The names among `functions` and `operators` for which any function or operator of that name, in
 * any schema, is volatile: without resolving overloads, the careful answer.
 */
export async function volatileNames(client: Client, functions: string[], operators: string[]): Promise<string[]> {
  if (functions.length === 0 && operators.length === 0) return [];
  const r = await client.query<{ name: string }>(
    `SELECT DISTINCT p.proname AS name FROM pg_catalog.pg_proc p WHERE p.proname = ANY($1::text[]) AND p.provolatile = 'v'
     UNION SELECT DISTINCT o.oprname FROM pg_catalog.pg_operator o JOIN pg_catalog.pg_proc p ON p.oid = o.oprcode WHERE o.oprname = ANY($2::text[]) AND p.provolatile = 'v'`,
    [functions, operators],
  );
  return r.rows.map((x) => x.name);
}
