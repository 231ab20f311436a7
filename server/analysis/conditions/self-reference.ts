/**
 * The target joined to itself: `x IN (SELECT x FROM <target>)`, and `USING <target> t2 WHERE
 * t.id = t2.id` (or the same in UPDATE … FROM and MERGE … USING). Every row finds itself.
 */
import { RangeVar } from '@pgsql/types';
import { nodeAs, PgNode, stringOf } from '../ast';
import { Target } from '../target';
import { Scope } from './scope';
import { alwaysTrue } from './tautology';

function isTargetTable(rv: RangeVar | undefined, target: Target): rv is RangeVar {
  return rv !== undefined && rv.relname === target.table && rv.schemaname === target.schema;
}

/** The column `SELECT col FROM <target>` returns, when the subquery is exactly that. */
export function selectsTargetColumn(subselect: PgNode | undefined, target: Target): string | undefined {
  const s = nodeAs(subselect, 'SelectStmt');
  if (!s || s.whereClause || s.havingClause || s.limitCount || s.limitOffset || s.withClause || s.valuesLists || (s.groupClause?.length ?? 0) > 0) return undefined;
  if ((s.op ?? 'SETOP_NONE') !== 'SETOP_NONE' || s.fromClause?.length !== 1 || s.targetList?.length !== 1) return undefined;
  const from = nodeAs(s.fromClause[0], 'RangeVar');
  if (!isTargetTable(from, target)) return undefined;
  const fields = (nodeAs(nodeAs(s.targetList[0], 'ResTarget')?.val, 'ColumnRef')?.fields ?? []).map(stringOf);
  const inner = from.alias?.aliasname ?? from.relname;
  if (fields.length === 1) return fields[0];
  return fields.length === 2 && fields[0] === inner ? fields[1] : undefined;
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
