/**
 * The target joined to itself: `x IN (SELECT x FROM <target>)`, `EXISTS (SELECT 1 FROM <target> t2
 * WHERE t2.id = t.id)`, and `USING <target> t2 WHERE t.id = t2.id` (or the same in UPDATE … FROM
 * and MERGE … USING). Every row finds itself.
 */
import { RangeVar, SelectStmt, SubLink } from '@pgsql/types';
import { nodeAs, PgNode, stringOf } from '../ast';
import { Target } from '../target';
import { asBool, evaluate } from './constants';
import { Scope } from './scope';
import { alwaysTrue } from './tautology';

/** The same table, taking `public.t` and an unqualified `t` as one (the default search_path). */
function isTargetTable(rv: RangeVar | undefined, target: Target): rv is RangeVar {
  const schema = (name: string | undefined) => name ?? 'public';
  return rv !== undefined && rv.relname === target.table && schema(rv.schemaname) === schema(target.schema);
}

/** A SELECT with nothing that could drop rows but its WHERE (and a WHERE only when proved true). */
function plainSelect(n: PgNode | undefined, whereAllowed: boolean): SelectStmt | undefined {
  const s = nodeAs(n, 'SelectStmt');
  if (!s || s.havingClause || s.limitCount || s.limitOffset || s.withClause || s.valuesLists || (s.groupClause?.length ?? 0) > 0) return undefined;
  if ((s.op ?? 'SETOP_NONE') !== 'SETOP_NONE' || s.fromClause?.length !== 1) return undefined;
  if (s.whereClause && !whereAllowed && !provedTrue(s.whereClause)) return undefined;
  return s;
}

function provedTrue(n: PgNode): boolean {
  const v = asBool(evaluate(n));
  return v?.t === 'bool' && v.v;
}

/**
 * The column `SELECT col FROM <target>` returns, when the subquery is exactly that; also through
 * a WITH query of the statement that is exactly that (`WITH ids AS (SELECT id FROM t)`).
 */
export function selectsTargetColumn(subselect: PgNode | undefined, target: Target): string | undefined {
  return targetColumn(subselect, target, 0)?.column;
}

function targetColumn(subselect: PgNode | undefined, target: Target, depth: number): { column: string; output: string } | undefined {
  const s = plainSelect(subselect, false);
  const from = nodeAs(s?.fromClause?.[0], 'RangeVar');
  if (!s || !from?.relname || s.targetList?.length !== 1 || depth > 8) return undefined;
  const res = nodeAs(s.targetList[0], 'ResTarget');
  const fields = (nodeAs(res?.val, 'ColumnRef')?.fields ?? []).map(stringOf);
  const inner = from.alias?.aliasname ?? from.relname;
  const selected = fields.length === 1 ? fields[0] : fields.length === 2 && fields[0] === inner ? fields[1] : undefined;
  if (selected === undefined) return undefined;
  const output = res?.name ?? selected;
  // An unqualified name is a WITH query of the statement before it is a table.
  const cte = from.schemaname ? undefined : target.ctes.get(from.relname);
  if (cte) {
    const through = targetColumn(cte.ctequery, target, depth + 1);
    const exposed = cte.aliascolnames?.length ? stringOf(cte.aliascolnames[0]) : through?.output;
    return through && exposed === selected ? { column: through.column, output } : undefined;
  }
  return isTargetTable(from, target) ? { column: selected, output } : undefined;
}

/** `EXISTS (SELECT … FROM <target> copy WHERE copy.c = t.c)`: every row finds itself. */
export function existsOwnRow(s: SubLink, scope: Scope): boolean {
  const sel = s.subLinkType === 'EXISTS_SUBLINK' ? plainSelect(s.subselect, true) : undefined;
  const from = nodeAs(sel?.fromClause?.[0], 'RangeVar');
  if (!sel?.whereClause || !isTargetTable(from, scope.target) || (from.relname && !from.schemaname && scope.target.ctes.has(from.relname))) return false;
  const copy = from.alias?.aliasname ?? from.relname ?? '';
  if (copy === scope.target.refName) return false;
  let matched = false;
  for (const part of conjuncts(sel.whereClause)) {
    if (provedTrue(part)) continue;
    if (sameColumnEquality(part, scope.target.refName, new Set([copy])) !== copy) return false;
    matched = true;
  }
  return matched;
}

/**
 * True when every joined item is the target's own table and the condition is nothing but
 * equalities of the same column between the target and those copies (plus tautologies).
 */
export function selfJoinOnSameKey(condition: PgNode | undefined, scope: Scope): boolean {
  const { target } = scope;
  if (!condition || target.joined.length === 0) return false;
  const copies = new Set<string>();
  for (const item of target.joined) {
    const rv = nodeAs(item, 'RangeVar');
    if (!isTargetTable(rv, target)) return false;
    copies.add(rv.alias?.aliasname ?? rv.relname ?? '');
  }
  if (copies.has(target.refName)) return false;
  const joined = new Set<string>();
  for (const part of conjuncts(condition)) {
    if (alwaysTrue(part, scope)) continue;
    const copy = sameColumnEquality(part, target.refName, copies);
    if (copy === undefined) return false;
    joined.add(copy);
  }
  return joined.size === copies.size;
}

function conjuncts(n: PgNode): PgNode[] {
  const b = nodeAs(n, 'BoolExpr');
  if (b?.boolop !== 'AND_EXPR') return [n];
  return (b.args ?? []).flatMap(conjuncts);
}

/** For `t.c = copy.c` (either order): the copy's name. */
function sameColumnEquality(n: PgNode, refName: string, copies: ReadonlySet<string>): string | undefined {
  const e = nodeAs(n, 'A_Expr');
  if (e?.kind !== 'AEXPR_OP' && e?.kind !== 'AEXPR_NOT_DISTINCT') return undefined;
  if (e.kind === 'AEXPR_OP' && (e.name ?? []).map(stringOf).join('.') !== '=') return undefined;
  const side = (x: PgNode | undefined) => (nodeAs(x, 'ColumnRef')?.fields ?? []).map(stringOf);
  const [a, b] = [side(e.lexpr), side(e.rexpr)];
  if (a.length !== 2 || b.length !== 2 || a[1] === undefined || a[1] !== b[1]) return undefined;
  if (a[0] === refName && b[0] !== undefined && copies.has(b[0])) return b[0];
  if (b[0] === refName && a[0] !== undefined && copies.has(a[0])) return a[0];
  return undefined;
}
