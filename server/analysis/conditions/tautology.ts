/**
 * Conditions that hold for every row. "Every row" ignores NULLs: `x = x` is NULL where x is NULL,
 * so it does drop those rows, but it is still no filter anyone meant to write.
 */
import { A_Expr, BoolExpr, SubLink } from '@pgsql/types';
import { nodeAs, PgNode, stringOf, tag } from '../ast';
import { asBool, compareValues, evaluate, Value } from './constants';
import { exprKey, sameExpr } from './normalize';
import { Scope } from './scope';
import { existsOwnRow, selectsTargetColumn } from './self-reference';

const MAX_DEPTH = 100;

const REFLEXIVE = new Set(['=', '>=', '<=']);
const IRREFLEXIVE = new Set(['<>', '!=', '<', '>']);

function constant(n: PgNode | undefined): boolean | undefined {
  const v = asBool(evaluate(n));
  return v?.t === 'bool' ? v.v : undefined;
}

/** True when the condition holds for every (non-NULL) row. */
export function alwaysTrue(n: PgNode | undefined, scope: Scope, depth = 0): boolean {
  if (!n || depth > MAX_DEPTH) return false;
  if (constant(n) === true) return true;
  const t = tag(n);
  switch (t.kind) {
    case 'BoolExpr':
      if (t.node.boolop === 'NOT_EXPR') return alwaysFalse(t.node.args?.[0], scope, depth + 1);
      if (t.node.boolop === 'AND_EXPR') return (t.node.args ?? []).every((a) => alwaysTrue(a, scope, depth + 1));
      return orIsTautology(disjuncts(t.node), scope, depth);
    case 'A_Expr':
      return comparisonAlwaysTrue(t.node, scope, depth);
    case 'BooleanTest':
      if (t.node.booltesttype === 'IS_TRUE' || t.node.booltesttype === 'IS_NOT_FALSE') return alwaysTrue(t.node.arg, scope, depth + 1);
      return (t.node.booltesttype === 'IS_FALSE' || t.node.booltesttype === 'IS_NOT_TRUE') && alwaysFalse(t.node.arg, scope, depth + 1);
    case 'CaseExpr': {
      const whens = (t.node.args ?? []).map((w) => nodeAs(w, 'CaseWhen')?.result);
      return alwaysTrue(t.node.defresult, scope, depth + 1) && whens.every((r) => alwaysTrue(r, scope, depth + 1));
    }
    case 'SubLink':
      return inOwnColumn(t.node, scope) || existsOwnRow(t.node, scope);
    case 'CoalesceExpr':
      // Its first non-NULL argument: true whichever it is, when every one is always true.
      return (t.node.args ?? []).length > 0 && (t.node.args ?? []).every((a) => alwaysTrue(a, scope, depth + 1));
    default:
      return false;
  }
}

/** True when the condition holds for no row. */
export function alwaysFalse(n: PgNode | undefined, scope: Scope, depth = 0): boolean {
  if (!n || depth > MAX_DEPTH) return false;
  if (constant(n) === false) return true;
  const t = tag(n);
  if (t.kind === 'BoolExpr') {
    const args = t.node.args ?? [];
    if (t.node.boolop === 'NOT_EXPR') return alwaysTrue(args[0], scope, depth + 1);
    if (t.node.boolop === 'OR_EXPR') return args.every((a) => alwaysFalse(a, scope, depth + 1));
    return args.some((a) => alwaysFalse(a, scope, depth + 1));
  }
  if (t.kind === 'A_Expr' && t.node.kind === 'AEXPR_OP' && IRREFLEXIVE.has(opOf(t.node))) return sameExpr(t.node.lexpr, t.node.rexpr, scope);
  return false;
}

function opOf(e: A_Expr): string {
  return (e.name ?? []).map(stringOf).join('.');
}

function comparisonAlwaysTrue(e: A_Expr, scope: Scope, depth: number): boolean {
  const op = opOf(e);
  switch (e.kind) {
    case 'AEXPR_OP':
      if (REFLEXIVE.has(op) && sameExpr(e.lexpr, e.rexpr, scope)) return true;
      // `(tautology) = true`, `true = (tautology)`, `(contradiction) = false`.
      if (op === '=' || op === '<>' || op === '!=') {
        const want = op === '=';
        for (const [p, c] of [[e.lexpr, e.rexpr], [e.rexpr, e.lexpr]]) {
          const b = constant(c);
          if (b === undefined) continue;
          if (b === want ? alwaysTrue(p, scope, depth + 1) : alwaysFalse(p, scope, depth + 1)) return true;
        }
      }
      return false;
    case 'AEXPR_NOT_DISTINCT':
      return sameExpr(e.lexpr, e.rexpr, scope);
    case 'AEXPR_OP_ANY': {
      if (!REFLEXIVE.has(op)) return false;
      // `x = ANY (ARRAY(SELECT x FROM <target>))` is `x IN (SELECT x FROM <target>)`.
      const sub = nodeAs(e.rexpr, 'SubLink');
      if (sub?.subLinkType === 'ARRAY_SUBLINK') return inOwnColumn({ ...sub, subLinkType: 'ANY_SUBLINK', testexpr: e.lexpr }, scope);
      const elements = nodeAs(e.rexpr, 'A_ArrayExpr')?.elements ?? [];
      return elements.some((x) => sameExpr(e.lexpr, x, scope));
    }
    case 'AEXPR_IN':
      return op === '=' && (nodeAs(e.rexpr, 'List')?.items ?? []).some((x) => sameExpr(e.lexpr, x, scope));
    default:
      return false;
  }
}

/** The arguments of an OR, nested ORs flattened. */
function disjuncts(b: BoolExpr): PgNode[] {
  const out: PgNode[] = [];
  for (const a of b.args ?? []) {
    const inner = nodeAs(a, 'BoolExpr');
    if (inner?.boolop === 'OR_EXPR') out.push(...disjuncts(inner));
    else out.push(a);
  }
  return out;
}

/** An OR with a tautological branch, or two branches that together cover every value. */
function orIsTautology(args: PgNode[], scope: Scope, depth: number): boolean {
  if (args.some((a) => alwaysTrue(a, scope, depth + 1))) return true;
  // `p OR NOT p`
  const keys = new Set(args.map((a) => exprKey(a, scope)));
  for (const a of args) {
    const not = nodeAs(a, 'BoolExpr');
    if (not?.boolop === 'NOT_EXPR' && keys.has(exprKey(not.args?.[0], scope) ?? '\0')) return true;
  }
  const byKey = new Map<string, Fact[]>();
  for (const f of args.map((a) => fact(a, scope))) {
    if (!f) continue;
    const list = byKey.get(f.key);
    if (list) list.push(f);
    else byKey.set(f.key, [f]);
  }
  for (const facts of byKey.values()) if (anyPairCovers(extremes(facts))) return true;
  return false;
}

/**
 * The facts that matter for covering, so long ORs stay linear: if any pair covers, a pair of
 * these does (the widest lower and upper bounds, two distinct `<>`, the equalities, null tests).
 */
function extremes(facts: Fact[]): Fact[] {
  const pick = (ops: string[], wider: (a: Fact, b: Fact) => boolean): Fact[] => {
    const of = facts.filter((f) => ops.includes(f.op));
    if (of.length > 16 && of.every((f) => f.value && of[0].value && compareValues('<', f.value, of[0].value))) {
      return [of.reduce((best, f) => (wider(f, best) ? f : best))];
    }
    return of;
  };
  const widerLower = (a: Fact, b: Fact) => holds('<', a.value!, b.value!) || (holds('=', a.value!, b.value!) && a.op === '>=');
  const widerUpper = (a: Fact, b: Fact) => holds('>', a.value!, b.value!) || (holds('=', a.value!, b.value!) && a.op === '<=');
  const notEqual = facts.filter((f) => f.op === '<>');
  const distinctNotEqual = notEqual.filter((f, i) => i === 0 || (f.value && notEqual[0].value && !holds('=', f.value, notEqual[0].value))).slice(0, 2);
  const nullTests = ['null', 'notnull'].map((op) => facts.find((f) => f.op === op)).filter((f): f is Fact => f !== undefined);
  const equal = distinctNotEqual.length > 0 ? facts.filter((f) => f.op === '=') : [];
  return [...nullTests, ...distinctNotEqual, ...equal, ...pick(['>', '>='], widerLower), ...pick(['<', '<='], widerUpper)];
}

function anyPairCovers(facts: Fact[]): boolean {
  for (let i = 0; i < facts.length; i++) {
    for (let j = i + 1; j < facts.length; j++) {
      if (facts[i].op === '=' && facts[j].op === '=') continue;
      if (covers(facts[i], facts[j])) return true;
    }
  }
  return false;
}

/** A branch read as "the expression with this key satisfies op against a constant", or is (not) null. */
interface Fact {
  key: string;
  op: string;
  value?: Value;
}

const FLIP: Record<string, string> = { '<': '>', '>': '<', '<=': '>=', '>=': '<=', '=': '=', '<>': '<>', '!=': '<>' };

function fact(n: PgNode, scope: Scope): Fact | undefined {
  const t = tag(n);
  if (t.kind === 'NullTest') {
    const key = exprKey(t.node.arg, scope);
    return key === undefined ? undefined : { key, op: t.node.nulltesttype === 'IS_NULL' ? 'null' : 'notnull' };
  }
  if (t.kind === 'A_Expr' && t.node.kind === 'AEXPR_OP' && FLIP[opOf(t.node)] && t.node.lexpr && t.node.rexpr) {
    const op = opOf(t.node) === '!=' ? '<>' : opOf(t.node);
    const right = evaluate(t.node.rexpr);
    const left = evaluate(t.node.lexpr);
    if (right && right.t !== 'null' && !left) {
      const key = exprKey(t.node.lexpr, scope);
      return key === undefined ? undefined : { key, op, value: right };
    }
    if (left && left.t !== 'null' && !right) {
      const key = exprKey(t.node.rexpr, scope);
      return key === undefined ? undefined : { key, op: FLIP[op], value: left };
    }
  }
  return undefined;
}

function holds(op: string, a: Value, b: Value): boolean {
  const r = compareValues(op, a, b);
  return r?.t === 'bool' && r.v;
}

/** Whether every non-NULL value satisfies x or y (both about the same expression). */
function covers(x: Fact, y: Fact): boolean {
  const ops = new Set([x.op, y.op]);
  if (ops.has('null') && ops.has('notnull')) return true;
  if (!x.value || !y.value) return false;
  for (const [a, b] of [[x, y], [y, x]]) {
    // x <> c covers everything but c; the other branch must hold at c.
    if (a.op === '<>' && b.value && holds(b.op, a.value!, b.value)) return true;
  }
  const lower = [x, y].find((f) => f.op === '>' || f.op === '>=');
  const upper = [x, y].find((f) => f.op === '<' || f.op === '<=');
  if (!lower || !upper) return false;
  if (holds('>', upper.value!, lower.value!)) return true;
  return holds('=', upper.value!, lower.value!) && (lower.op === '>=' || upper.op === '<=');
}

/** `x IN (SELECT x FROM <target>)` with nothing filtering the subquery. */
function inOwnColumn(s: SubLink, scope: Scope): boolean {
  if (s.subLinkType !== 'ANY_SUBLINK') return false;
  const op = (s.operName ?? []).map(stringOf).join('.');
  if (op !== '' && op !== '=') return false;
  const outer = exprKey(s.testexpr, scope);
  const column = selectsTargetColumn(s.subselect, scope.target);
  return column !== undefined && outer === `col(T.${column})`;
}
