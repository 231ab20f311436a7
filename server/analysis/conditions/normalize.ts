/**
 * A key for an expression such that two expressions with the same key have the same value for
 * every row: locations are ignored, column references resolved (`invoices.id` and `id` are the
 * same column when invoices is the only relation), constants folded (`1::int` and `1`).
 * Volatile calls and subqueries have no key: two of them may differ.
 */
import { A_Expr, SubLink } from '@pgsql/types';
import { nodeAs, PgNode, stringOf, tag } from '../ast';
import { evaluate, Value } from './constants';
import { columnKey, Scope } from './scope';
import { isVolatileCall } from './volatility';

const MAX_DEPTH = 100;

export function exprKey(n: PgNode | undefined, scope: Scope): string | undefined {
  if (!n) return undefined;
  return keyOf(n, scope, 0);
}

export function sameExpr(a: PgNode | undefined, b: PgNode | undefined, scope: Scope): boolean {
  const x = exprKey(a, scope);
  return x !== undefined && x === exprKey(b, scope);
}

function valueKey(v: Value): string {
  switch (v.t) {
    case 'null': return 'null';
    case 'bool': return `bool:${v.v}`;
    case 'text': case 'unknown': return `${v.t}:${JSON.stringify(v.s)}`;
    default: return `${v.t}:${v.n}e-${v.scale}`;
  }
}

function keyOf(n: PgNode, scope: Scope, depth: number): string | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const t = tag(n);
  switch (t.kind) {
    case 'ColumnRef':
      return t.node.fields ? `col(${columnKey(t.node.fields, scope) ?? ''})` : undefined;
    case 'ParamRef':
      return `$${t.node.number ?? 0}`;
    case 'SubLink': {
      // `(SELECT x)` with no FROM is x itself; any other subquery may differ from row to row.
      const inner = fromlessValue(t.node);
      return inner ? keyOf(inner, scope, depth + 1) : undefined;
    }
    case 'A_Expr': {
      const same = identityOperand(t.node);
      if (same) return keyOf(same, scope, depth + 1);
      break;
    }
    case 'CollateClause':
      // A collation orders and compares; it does not change the value.
      return t.node.arg ? keyOf(t.node.arg, scope, depth + 1) : undefined;
    case 'FuncCall':
      if (isVolatileCall(t.node)) return undefined;
      break;
    case 'A_Const':
    case 'TypeCast': {
      const v = evaluate(n);
      if (v) return `const(${valueKey(v)})`;
      break;
    }
    default:
      break;
  }
  const fields = fieldsKey(t.node, scope, depth + 1);
  return fields === undefined ? undefined : `${t.kind}${fields}`;
}

function fromlessValue(s: SubLink): PgNode | undefined {
  const q = s.subLinkType === 'EXPR_SUBLINK' ? nodeAs(s.subselect, 'SelectStmt') : undefined;
  if (!q || q.fromClause || q.whereClause || q.havingClause || q.groupClause || q.limitCount || q.limitOffset || q.withClause || q.valuesLists || q.distinctClause) return undefined;
  if ((q.op ?? 'SETOP_NONE') !== 'SETOP_NONE' || q.targetList?.length !== 1) return undefined;
  return nodeAs(q.targetList[0], 'ResTarget')?.val;
}

/** `x + 0`, `0 + x`, `x - 0`, `x * 1`, `1 * x`, `x / 1` (constants folded first), `+x`, `-(-x)`: x. */
function identityOperand(e: A_Expr): PgNode | undefined {
  const op = (e.name ?? []).map(stringOf).join('.');
  if (e.kind === 'AEXPR_OP' && !e.lexpr && e.rexpr) {
    if (op === '+') return e.rexpr;
    const inner = nodeAs(e.rexpr, 'A_Expr');
    const innerOp = (inner?.name ?? []).map(stringOf).join('.');
    return op === '-' && inner?.kind === 'AEXPR_OP' && !inner.lexpr && innerOp === '-' ? inner.rexpr : undefined;
  }
  if (e.kind !== 'AEXPR_OP' || !e.lexpr || !e.rexpr) return undefined;
  const [l, r] = [evaluate(e.lexpr), evaluate(e.rexpr)];
  const is = (v: Value | undefined, k: 0 | 1) => v !== undefined && 'n' in v && v.n === BigInt(k) * 10n ** BigInt(v.scale);
  if ((op === '+' || op === '-') && is(r, 0)) return e.lexpr;
  if (op === '+' && is(l, 0)) return e.rexpr;
  if ((op === '*' || op === '/') && is(r, 1)) return e.lexpr;
  if (op === '*' && is(l, 1)) return e.rexpr;
  return undefined;
}

/** The fields of a node, in order, with child nodes keyed and locations left out. */
function fieldsKey(value: unknown, scope: Scope, depth: number): string | undefined {
  if (Array.isArray(value)) {
    const parts: string[] = [];
    for (const item of value) {
      const k = fieldsKey(item, scope, depth);
      if (k === undefined) return undefined;
      parts.push(k);
    }
    return `[${parts.join(',')}]`;
  }
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const parts: string[] = [];
  for (const [field, child] of Object.entries(value)) {
    if (field === 'location' || field.endsWith('_start') || field.endsWith('_end')) continue;
    const k = isNode(field, child) ? keyOf({ [field]: child } as PgNode, scope, depth) : fieldsKey(child, scope, depth);
    if (k === undefined) return undefined;
    parts.push(`${field}:${k}`);
  }
  return `{${parts.join(',')}}`;
}

/** libpg-query names node kinds with a capital letter; plain fields are lower case. */
function isNode(field: string, child: unknown): boolean {
  return /^[A-Z]/.test(field) && child !== null && typeof child === 'object' && !Array.isArray(child);
}
