/**
 * always-true-where: a WHERE (or MERGE ON) that holds for every row is no filter at all:
 * `WHERE 1=1`, `WHERE true`, `WHERE id = id`, `… OR true`.
 */
import { Node } from '../parser';
import { nodeRule, where } from './rule';

export const alwaysTrueWhere = nodeRule({
  id: 'always-true-where',
  severity: 'error',
  summary: 'a WHERE or MERGE ON condition that is always true',
  examples: {
    flagged: [
      'DELETE FROM t WHERE 1=1;',
      'UPDATE users SET emailed = false WHERE id = 5 OR true;',
      'UPDATE t SET a = 1 WHERE id = id;',
      'MERGE INTO t USING s ON true WHEN MATCHED THEN DELETE;',
    ],
    passes: [
      'DELETE FROM t WHERE id = 1;',
      'UPDATE t SET x = 1 WHERE a = b;',
      'DELETE FROM t WHERE 1=1 AND id = 5;   -- a common query-builder prefix; id = 5 filters',
      'DELETE FROM t WHERE false;',
    ],
  },

  kinds: ['UpdateStmt', 'DeleteStmt', 'MergeStmt'],
  visit(e, _ctx, report) {
    const verb = e.kind === 'UpdateStmt' ? 'UPDATE' : e.kind === 'DeleteStmt' ? 'DELETE' : 'MERGE';
    const condition = e.kind === 'MergeStmt' ? e.body.joinCondition : e.body.whereClause;
    const clause = e.kind === 'MergeStmt' ? 'ON' : 'WHERE';
    if (!condition || truth(condition as Node) !== true) return;
    report({
      span: e.site.keywordBefore(e.body.relation?.location, [verb.toLowerCase()]),
      message: `${verb}${where(e)} has a ${clause} condition that is always true, so it affects every row.`,
    });
  },
});

type Truth = true | false | undefined;

const MAX_DEPTH = 200;

/** Whether an expression is true for every row, false for every row, or depends on the row (undefined). */
export function truth(node: Node, depth = 0): Truth {
  // Deeper than this, "not always true" would be a guess: throwing makes the statement unverifiable.
  if (depth > MAX_DEPTH) throw new Error('the condition nests too deeply to check');
  const [type, value] = Object.entries(node)[0] ?? [];
  const v = value as Record<string, unknown> | undefined;
  if (!type || !v) return undefined;
  switch (type) {
    case 'A_Const': {
      const b = v.boolval as { boolval?: boolean } | undefined;
      if (b !== undefined) return b.boolval === true;
      return undefined;
    }
    case 'TypeCast': {
      const arg = v.arg as Node | undefined;
      const typeName = ((v.typeName as { names?: Node[] } | undefined)?.names ?? [])
        .map((n) => (n.String as { sval?: string } | undefined)?.sval)
        .pop();
      if (arg && (typeName === 'bool' || typeName === 'boolean')) {
        const c = constant(arg);
        if (typeof c === 'string') return boolText(c);
        if (typeof c === 'boolean') return c;
      }
      return undefined;
    }
    case 'BoolExpr': {
      const args = (v.args as Node[] | undefined) ?? [];
      const values = args.map((a) => truth(a, depth + 1));
      if (v.boolop === 'OR_EXPR') return values.includes(true) ? true : values.every((x) => x === false) ? false : undefined;
      if (v.boolop === 'AND_EXPR') return values.includes(false) ? false : values.every((x) => x === true) ? true : undefined;
      if (v.boolop === 'NOT_EXPR') {
        const inner = values[0];
        return inner === undefined ? undefined : !inner;
      }
      return undefined;
    }
    case 'A_Expr':
      return comparison(v);
    case 'NullTest': {
      const arg = v.arg as Node | undefined;
      const c = arg ? constant(arg) : undefined;
      if (c === undefined) return undefined;
      const isNull = c === null;
      return v.nulltesttype === 'IS_NULL' ? isNull : !isNull;
    }
    case 'BooleanTest': {
      const arg = v.arg as Node | undefined;
      const inner = arg ? truth(arg, depth + 1) : undefined;
      if (inner === undefined) return undefined;
      switch (v.booltesttype) {
        case 'IS_TRUE': return inner;
        case 'IS_NOT_FALSE': return inner;
        case 'IS_FALSE': return !inner;
        case 'IS_NOT_TRUE': return !inner;
        default: return undefined;
      }
    }
    default:
      return undefined;
  }
}

/** `1 = 1`, `'a' = 'a'`, `2 > 1`, and a column compared with itself (`id = id`). */
function comparison(e: Record<string, unknown>): Truth {
  const op = ((e.name as Node[] | undefined) ?? []).map((n) => (n.String as { sval?: string } | undefined)?.sval).join('.');
  const left = e.lexpr as Node | undefined;
  const right = e.rexpr as Node | undefined;
  if (!left || !right) return undefined;
  if (e.kind === 'AEXPR_NOT_DISTINCT' || e.kind === 'AEXPR_DISTINCT') {
    if (sameColumn(left, right)) return e.kind === 'AEXPR_NOT_DISTINCT';
    const a = constant(left);
    const b = constant(right);
    if (a === undefined || b === undefined) return undefined;
    return (a === b) === (e.kind === 'AEXPR_NOT_DISTINCT');
  }
  if (e.kind !== 'AEXPR_OP') return undefined;
  if (sameColumn(left, right)) {
    // NULLs aside, `x = x` holds for every row: it filters nothing meaningful.
    if (op === '=' || op === '>=' || op === '<=') return true;
    if (op === '<>' || op === '!=' || op === '<' || op === '>') return false;
    return undefined;
  }
  const a = constant(left);
  const b = constant(right);
  if (a === undefined || b === undefined || a === null || b === null) return undefined;
  if (typeof a !== typeof b) return undefined;
  switch (op) {
    case '=': return a === b;
    case '<>':
    case '!=': return a !== b;
    case '<': return a < b;
    case '>': return a > b;
    case '<=': return a <= b;
    case '>=': return a >= b;
    default: return undefined;
  }
}

/** A literal's value: number, string, boolean or null; undefined when not a literal. */
function constant(node: Node): number | string | boolean | null | undefined {
  const c = node.A_Const as Record<string, unknown> | undefined;
  if (!c) {
    const cast = node.TypeCast as { arg?: Node } | undefined;
    return cast?.arg ? constant(cast.arg) : undefined;
  }
  if (c.isnull) return null;
  if (c.ival !== undefined) return (c.ival as { ival?: number }).ival ?? 0;
  if (c.fval !== undefined) return Number((c.fval as { fval?: string }).fval);
  if (c.sval !== undefined) return (c.sval as { sval?: string }).sval ?? '';
  if (c.boolval !== undefined) return (c.boolval as { boolval?: boolean }).boolval === true;
  return undefined;
}

function boolText(s: string): Truth {
  const t = s.trim().toLowerCase();
  if (['t', 'true', 'y', 'yes', 'on', '1'].includes(t)) return true;
  if (['f', 'false', 'n', 'no', 'off', '0'].includes(t)) return false;
  return undefined;
}

function sameColumn(a: Node, b: Node): boolean {
  const x = a.ColumnRef as { fields?: Node[] } | undefined;
  const y = b.ColumnRef as { fields?: Node[] } | undefined;
  if (!x?.fields || !y?.fields) return false;
  const name = (fields: Node[]) => fields.map((f) => (f.String as { sval?: string } | undefined)?.sval ?? '*').join('.');
  return name(x.fields) === name(y.fields);
}
