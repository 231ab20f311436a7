/**
 * The function calls a statement makes itself: every FuncCall in its fields (select list, WHERE,
 * FROM, VALUES, defaults, CALL…), but not those of statements nested in it, which are executed
 * statements of their own and are searched on their own.
 */
import { nodeAs, NodeOf, PgNode, stringOf } from './ast';
import { Executed } from './executed';
import { walkTree } from './walk';

export interface FunctionCall {
  /** The schema it was qualified with, if any (lower case). */
  schema: string | undefined;
  /** The function's name, lower case: quoting and schemas do not hide a function. */
  name: string;
  call: NodeOf<'FuncCall'>;
}

export function functionCalls(e: Executed): FunctionCall[] {
  const calls: FunctionCall[] = [];
  walkTree(e.body, (key, _child, parent) => {
    // Nested statements are executed statements of their own, visited by the rules separately.
    if (key.endsWith('Stmt')) return false;
    if (key === 'FuncCall') {
      const call = nodeAs(parent as PgNode, 'FuncCall');
      if (call) calls.push(named(call));
    }
    return true;
  });
  return calls;
}

function named(call: NodeOf<'FuncCall'>): FunctionCall {
  const parts = (call.funcname ?? []).map((n) => (stringOf(n) ?? '').toLowerCase());
  const name = parts[parts.length - 1] ?? '';
  return { schema: parts.length > 1 ? parts[parts.length - 2] : undefined, name, call };
}
