/**
 * The names a condition of UPDATE, DELETE or MERGE can see: the target (by alias, else table
 * name), the relations joined to it, and PL/pgSQL variables of the DO block around it.
 */
import { PgNode, stringOf } from '../ast';
import { refNameOf, Target } from '../target';

export interface Scope {
  target: Target;
  /** Names of the FROM / USING / MERGE source items. */
  others: ReadonlySet<string>;
  /** Variables of an enclosing PL/pgSQL block: a bare name among them is not a column. */
  variables: ReadonlySet<string>;
}

export function scopeOf(target: Target, variables: ReadonlySet<string> = new Set()): Scope {
  const others = new Set<string>();
  for (const item of target.joined) collectNames(item, others);
  return { target, others, variables };
}

/** The names a FROM item brings into scope; joins bring their sides' names. */
export function collectNames(item: PgNode, into: Set<string>): void {
  const join = 'JoinExpr' in item ? item.JoinExpr : undefined;
  if (join) {
    if (join.alias?.aliasname) into.add(join.alias.aliasname);
    if (join.larg) collectNames(join.larg, into);
    if (join.rarg) collectNames(join.rarg, into);
    return;
  }
  const name = refNameOf(item);
  if (name) into.add(name);
}

/**
 * What a column reference names, as a key: `T.col` for the target's column, `name.col` for
 * another relation's, `var:x` for a PL/pgSQL variable, `?.col` for a bare name that may belong
 * to any relation in scope. Undefined for forms not understood.
 */
export function columnKey(fields: readonly PgNode[], scope: Scope): string | undefined {
  const parts = fields.map((f) => ('A_Star' in f ? '*' : stringOf(f)));
  if (parts.some((p) => p === undefined)) return undefined;
  const names = parts.map(String);
  const column = names[names.length - 1];
  const qualifier = names[names.length - 2];
  if (qualifier === undefined) {
    if (scope.variables.has(column)) return `var:${column}`;
    return scope.others.size === 0 ? `T.${column}` : `?.${column}`;
  }
  if (names.length > 3) return undefined;
  if (names.length === 3 && names[0] !== scope.target.schema) return `${names.join('.')}`;
  if (qualifier === scope.target.refName && !scope.others.has(qualifier)) return `T.${column}`;
  return `${qualifier}.${column}`;
}
