/**
 * Whether a condition looks at the target's rows: a reference to the target (by its name, or a
 * bare name that may be its column), a correlated subquery, or a volatile call evaluated per
 * row. A condition that does none of these has one value for the whole statement.
 */
import { SelectStmt } from '@pgsql/types';
import { PgNode, stringOf, tag } from '../ast';
import { collectNames, Scope } from './scope';
import { isVolatileCall } from './volatility';

export type Dependence = 'target' | 'volatile' | 'none';

interface Level {
  /** Names bound by FROM items of the subqueries around the expression. */
  shadowed: ReadonlySet<string>;
  /** Inside a subquery that has FROM items: a bare name may be bound there (we do not know their columns). */
  boundInside: boolean;
  /** 0 at the condition itself; an uncorrelated subquery runs once, whatever it calls. */
  subqueryDepth: number;
}

const MAX_NODES = 100_000;

export function dependence(condition: PgNode, scope: Scope): Dependence {
  const state = { volatile: false, nodes: 0 };
  const target = visit(condition, scope, { shadowed: new Set(), boundInside: false, subqueryDepth: 0 }, state);
  return target ? 'target' : state.volatile ? 'volatile' : 'none';
}

type State = { volatile: boolean; nodes: number };

function visit(n: PgNode, scope: Scope, level: Level, state: State): boolean {
  if (++state.nodes > MAX_NODES) throw new Error('the condition is too large to check');
  const t = tag(n);
  switch (t.kind) {
    case 'ColumnRef':
      return refersToTarget((t.node.fields ?? []).map((f) => ('A_Star' in f ? '*' : stringOf(f))), scope, level);
    case 'CurrentOfExpr':
      return true;
    case 'FuncCall':
      if (level.subqueryDepth === 0 && isVolatileCall(t.node)) state.volatile = true;
      break;
    case 'SelectStmt':
      return visitSelect(t.node, scope, level, state);
    default:
      break;
  }
  return visitFields(t.node, scope, level, state);
}

function visitSelect(s: SelectStmt, scope: Scope, level: Level, state: State): boolean {
  const shadowed = new Set(level.shadowed);
  for (const item of s.fromClause ?? []) collectNames(item, shadowed);
  const inner: Level = { shadowed, boundInside: level.boundInside || (s.fromClause?.length ?? 0) > 0, subqueryDepth: level.subqueryDepth + 1 };
  for (const side of [s.larg, s.rarg]) if (side && visitSelect(side, scope, level, state)) return true;
  return Object.entries(s).some(([field, child]) => field !== 'larg' && field !== 'rarg' && visitFields(child, scope, inner, state));
}

function visitFields(value: unknown, scope: Scope, level: Level, state: State): boolean {
  if (Array.isArray(value)) return value.some((v) => visitFields(v, scope, level, state));
  if (value === null || typeof value !== 'object') return false;
  for (const [field, child] of Object.entries(value)) {
    if (child === null || typeof child !== 'object') continue;
    if (/^[A-Z]/.test(field) && !Array.isArray(child)) {
      if (visit({ [field]: child } as PgNode, scope, level, state)) return true;
    } else if (visitFields(child, scope, level, state)) return true;
  }
  return false;
}

function refersToTarget(parts: Array<string | undefined>, scope: Scope, level: Level): boolean {
  const { target } = scope;
  // Unknown forms count as a reference: then this rule stays silent rather than guess.
  if (parts.some((p) => p === undefined) || parts.length === 0 || parts.length > 4) return true;
  if (parts.length === 1) {
    if (level.boundInside) return false;
    return !scope.variables.has(parts[0]!);
  }
  const qualifier = parts[parts.length - 2]!;
  if (level.shadowed.has(qualifier)) return false;
  if (qualifier !== target.refName) return false;
  return parts.length === 2 || parts[parts.length - 3] === target.schema || target.schema === undefined;
}
