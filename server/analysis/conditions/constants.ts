/**
 * Evaluates constant expressions the way PostgreSQL does, or says it cannot (undefined):
 * exact numbers, every boolean spelling `boolin` accepts, casts between the built-in scalar
 * types, three-valued logic, IN lists. Text is compared for equality only (ordering depends on
 * the collation). Anything else — functions, columns, parameters — is unknown.
 */
import { nodeAs, PgNode, stringOf, tag } from '../ast';
import { arithmetic, castNum, checked, compare, literal, Num, NumType, numText, parseNum } from './numbers';

/** A constant's value with its type. `unknown` is an untyped string literal (`'yes'`). */
export type Value = { t: 'null'; of?: TypeKey } | { t: 'bool'; v: boolean } | (Num & { t: NumType }) | { t: 'text' | 'unknown'; s: string };

const NULL: Value = { t: 'null' };
const NULL_BOOL: Value = { t: 'null', of: 'bool' };
const bool = (v: boolean): Value => ({ t: 'bool', v });

/** PostgreSQL's parse_bool: t/tr/tru/true, f…false, y/ye/yes, n/no, on, of/off, 1, 0, case and surrounding whitespace ignored. */
export function parseBool(text: string): boolean | undefined {
  const s = text.replace(/^[ \t\n\r\v\f]+|[ \t\n\r\v\f]+$/g, '').toLowerCase();
  if (s === '') return undefined;
  const prefixOf = (word: string, min = 1) => s.length >= min && word.startsWith(s);
  if (prefixOf('true') || prefixOf('yes') || prefixOf('on', 2) || s === '1') return true;
  if (prefixOf('false') || prefixOf('no') || prefixOf('off', 2) || s === '0') return false;
  return undefined;
}

type TypeKey = NumType | 'bool' | 'text';

/** The built-in type a cast names, when it is one evaluated here (no typmods, no arrays). */
export function castType(typeName: { names?: PgNode[]; typmods?: PgNode[]; arrayBounds?: PgNode[] } | undefined): TypeKey | undefined {
  if (!typeName?.names || (typeName.typmods?.length ?? 0) > 0 || (typeName.arrayBounds?.length ?? 0) > 0) return undefined;
  const names = typeName.names.map(stringOf);
  if (names.length > 2 || (names.length === 2 && names[0] !== 'pg_catalog')) return undefined;
  switch (names[names.length - 1]) {
    case 'bool': case 'boolean': return 'bool';
    case 'int2': case 'smallint': return 'int2';
    case 'int4': case 'int': case 'integer': return 'int4';
    case 'int8': case 'bigint': return 'int8';
    case 'numeric': case 'decimal': return 'numeric';
    case 'text': case 'varchar': return 'text';
    default: return undefined;
  }
}

/** The casts PostgreSQL has between the types evaluated here. */
function castExists(from: TypeKey, to: TypeKey): boolean {
  if (from === 'text' || to === 'text' || from === to) return true;
  if (from === 'bool' || to === 'bool') return (from === 'bool' && to === 'int4') || (from === 'int4' && to === 'bool');
  return true;
}

export function cast(v: Value, to: TypeKey): Value | undefined {
  if (v.t === 'null') return v.of === undefined || castExists(v.of, to) ? { t: 'null', of: to } : undefined;
  if (to === 'bool') {
    if (v.t === 'bool') return v;
    if (v.t === 'text' || v.t === 'unknown') {
      const b = parseBool(v.s);
      return b === undefined ? undefined : bool(b);
    }
    return v.t === 'int4' ? bool(v.n !== 0n) : undefined;
  }
  if (to === 'text') {
    if (v.t === 'text' || v.t === 'unknown') return { t: 'text', s: v.s };
    if (v.t === 'bool') return { t: 'text', s: v.v ? 'true' : 'false' };
    return isNum(v) ? { t: 'text', s: numText(v) } : undefined;
  }
  if (v.t === 'text' || v.t === 'unknown') return parseNum(v.s, to);
  if (!castExists(v.t, to)) return undefined;
  if (v.t === 'bool') return to === 'int4' ? { t: 'int4', n: v.v ? 1n : 0n, scale: 0 } : undefined;
  return isNum(v) ? castNum(v, to) : undefined;
}

function isNum(v: Value): v is Num & { t: NumType } {
  return v.t === 'int2' || v.t === 'int4' || v.t === 'int8' || v.t === 'numeric';
}

/** The type a value has for operator resolution; undefined for an untyped literal or NULL. */
function typeOf(v: Value): TypeKey | undefined {
  if (v.t === 'null') return v.of;
  if (v.t === 'unknown') return undefined;
  return v.t;
}

function family(t: TypeKey | undefined): string | undefined {
  return t === undefined ? undefined : t === 'bool' || t === 'text' ? t : 'number';
}

/** Brings an untyped literal to the other operand's type, as PostgreSQL resolves `'1' = 1`. */
function unify(a: Value, b: Value): [Value, Value] | undefined {
  const [ta, tb] = [typeOf(a), typeOf(b)];
  if (ta && tb && family(ta) !== family(tb)) return undefined;
  if (a.t === 'unknown' && tb) {
    const c = cast(a, tb);
    return c && [c, b];
  }
  if (b.t === 'unknown' && ta) {
    const c = cast(b, ta);
    return c && [a, c];
  }
  return [a, b];
}

/** The result of comparing a and b with op, or undefined when it cannot be decided exactly. */
export function compareValues(op: string, a: Value, b: Value): Value | undefined {
  if (!['=', '<>', '!=', '<', '>', '<=', '>='].includes(op)) return undefined;
  const pair = unify(a, b);
  if (!pair) return undefined;
  const [x, y] = pair;
  if (x.t === 'null' || y.t === 'null') return NULL_BOOL;
  let order: number;
  if (isNum(x) && isNum(y)) order = compare(x, y);
  else if (x.t === 'bool' && y.t === 'bool') order = Number(x.v) - Number(y.v);
  else if ((x.t === 'text' || x.t === 'unknown') && (y.t === 'text' || y.t === 'unknown')) {
    if (op !== '=' && op !== '<>' && op !== '!=') return undefined;
    order = x.s === y.s ? 0 : 1;
  } else return undefined;
  switch (op) {
    case '=': return bool(order === 0);
    case '<>': case '!=': return bool(order !== 0);
    case '<': return bool(order < 0);
    case '>': return bool(order > 0);
    case '<=': return bool(order <= 0);
    default: return bool(order >= 0);
  }
}

/** A value read as a condition: boolean or NULL; an untyped literal goes through boolin. */
export function asBool(v: Value | undefined): Value | undefined {
  if (!v) return undefined;
  if (v.t === 'bool' || (v.t === 'null' && (v.of === undefined || v.of === 'bool'))) return v;
  return v.t === 'unknown' ? cast(v, 'bool') : undefined;
}

const MAX_DEPTH = 100;

/** The value of a constant expression, or undefined when it is not one this module can evaluate exactly. */
export function evaluate(n: PgNode | undefined, depth = 0): Value | undefined {
  if (!n || depth > MAX_DEPTH) return undefined;
  const t = tag(n);
  switch (t.kind) {
    case 'A_Const': {
      const c = t.node;
      if (c.isnull) return NULL;
      if (c.ival) return { t: 'int4', n: BigInt(c.ival.ival ?? 0), scale: 0 };
      if (c.fval) return c.fval.fval === undefined ? undefined : literal(c.fval.fval);
      if (c.boolval) return bool(c.boolval.boolval === true);
      if (c.sval) return { t: 'unknown', s: c.sval.sval ?? '' };
      return undefined;
    }
    case 'TypeCast': {
      const to = castType(t.node.typeName);
      const arg = evaluate(t.node.arg, depth + 1);
      return to && arg ? cast(arg, to) : undefined;
    }
    case 'BoolExpr':
      return boolExpr(t.node.boolop, (t.node.args ?? []).map((a) => asBool(evaluate(a, depth + 1))));
    case 'NullTest': {
      const v = evaluate(t.node.arg, depth + 1);
      if (!v) return undefined;
      return bool((v.t === 'null') === (t.node.nulltesttype === 'IS_NULL'));
    }
    case 'BooleanTest': {
      const v = asBool(evaluate(t.node.arg, depth + 1));
      if (!v) return undefined;
      const b = v.t === 'bool' ? v.v : undefined;
      switch (t.node.booltesttype) {
        case 'IS_TRUE': return bool(b === true);
        case 'IS_NOT_TRUE': return bool(b !== true);
        case 'IS_FALSE': return bool(b === false);
        case 'IS_NOT_FALSE': return bool(b !== false);
        case 'IS_UNKNOWN': return bool(b === undefined);
        case 'IS_NOT_UNKNOWN': return bool(b !== undefined);
        default: return undefined;
      }
    }
    case 'A_Expr':
      return aExpr(t.node, depth);
    default:
      return undefined;
  }
}

function boolExpr(op: string | undefined, args: Array<Value | undefined>): Value | undefined {
  const truth = args.map((a) => (a === undefined ? undefined : a.t === 'bool' ? a.v : null));
  if (op === 'NOT_EXPR') {
    const x = truth[0];
    return x === undefined ? undefined : x === null ? NULL_BOOL : bool(!x);
  }
  const dominant = op === 'OR_EXPR';
  if (op !== 'OR_EXPR' && op !== 'AND_EXPR') return undefined;
  // An unknown operand may be a type error that makes PostgreSQL reject the whole expression.
  if (truth.includes(undefined)) return undefined;
  if (truth.includes(dominant)) return bool(dominant);
  return truth.includes(null) ? NULL_BOOL : bool(!dominant);
}

function aExpr(e: { kind?: string; name?: PgNode[]; lexpr?: PgNode; rexpr?: PgNode }, depth: number): Value | undefined {
  const op = (e.name ?? []).map(stringOf).join('.');
  const right = e.rexpr;
  switch (e.kind) {
    case 'AEXPR_OP': {
      const b = evaluate(right, depth + 1);
      if (!b) return undefined;
      if (!e.lexpr) return op === '-' && isNum(b) ? checked({ ...b, n: -b.n }) : op === '+' && isNum(b) ? b : undefined;
      const x = evaluate(e.lexpr, depth + 1);
      if (!x) return undefined;
      if (['+', '-', '*', '/', '%'].includes(op)) {
        const pair = unify(x, b);
        if (!pair) return undefined;
        const [a, b2] = pair;
        return numericOp(op, a, b2);
      }
      return compareValues(op, x, b);
    }
    case 'AEXPR_DISTINCT':
    case 'AEXPR_NOT_DISTINCT': {
      const x = evaluate(e.lexpr, depth + 1);
      const y = evaluate(right, depth + 1);
      const pair = x && y && unify(x, y);
      if (!pair) return undefined;
      const [a, b] = pair;
      let same: boolean;
      if (a.t === 'null' || b.t === 'null') same = a.t === b.t;
      else {
        const eq = compareValues('=', a, b);
        if (!eq || eq.t !== 'bool') return undefined;
        same = eq.v;
      }
      return bool(same === (e.kind === 'AEXPR_NOT_DISTINCT'));
    }
    case 'AEXPR_IN': {
      const a = evaluate(e.lexpr, depth + 1);
      const items = nodeAs(right, 'List')?.items;
      if (!a || !items) return undefined;
      const negated = op === '<>';
      const results = items.map((item) => {
        const v = evaluate(item, depth + 1);
        return v && compareValues(negated ? '<>' : '=', a, v);
      });
      return boolExpr(negated ? 'AND_EXPR' : 'OR_EXPR', results);
    }
    case 'AEXPR_BETWEEN':
    case 'AEXPR_NOT_BETWEEN': {
      const a = evaluate(e.lexpr, depth + 1);
      const [lo, hi] = (nodeAs(right, 'List')?.items ?? []).map((i) => evaluate(i, depth + 1));
      if (!a || !lo || !hi) return undefined;
      const inside = boolExpr('AND_EXPR', [compareValues('>=', a, lo), compareValues('<=', a, hi)]);
      return e.kind === 'AEXPR_BETWEEN' ? inside : boolExpr('NOT_EXPR', [inside]);
    }
    default:
      return undefined;
  }
}

function numericOp(op: string, a: Value, b: Value): Value | undefined {
  if (a.t === 'null' || b.t === 'null') {
    // NULL takes the other operand's number type; two untyped NULLs match no operator uniquely.
    const types = [typeOf(a), typeOf(b)];
    const of = types.find((x) => x !== undefined);
    return of && types.every((x) => x === undefined || family(x) === 'number') ? { t: 'null', of } : undefined;
  }
  return isNum(a) && isNum(b) ? arithmetic(op, a, b) : undefined;
}
