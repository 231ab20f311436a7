/**
 * The function calls a statement makes itself: every FuncCall in its fields (select list, WHERE,
 * FROM, VALUES, defaults, CALL…), but not those of statements nested in it, which are executed
 * statements of their own and are searched on their own.
 */
import { nodeAs, NodeOf, PgNode, stringOf } from './ast';
import { Executed } from './executed';

export interface FunctionCall {
  /** The schema it was qualified with, if any (lower case). */
  schema: string | undefined;
  /** The function's name, lower case: quoting and schemas do not hide a function. */
  name: string;
  call: NodeOf<'FuncCall'>;
}

export function functionCalls(e: Executed): FunctionCall[] {
  const calls: FunctionCall[] = [];
  const stack: unknown[] = [e.body];
  while (stack.length > 0) {
    const value = stack.pop();
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push(value[i]);
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    const record = value as Record<string, unknown>;
    for (const key in record) {
      const child = record[key];
      if (child === null || typeof child !== 'object' || key.endsWith('Stmt')) continue;
      if (key === 'FuncCall') {
        const call = nodeAs(record as PgNode, 'FuncCall');
        if (call) calls.push(named(call));
      }
      stack.push(child);
    }
  }
  return calls;
}

function named(call: NodeOf<'FuncCall'>): FunctionCall {
  const parts = (call.funcname ?? []).map((n) => (stringOf(n) ?? '').toLowerCase());
  const name = parts[parts.length - 1] ?? '';
  return { schema: parts.length > 1 ? parts[parts.length - 2] : undefined, name, call };
}
