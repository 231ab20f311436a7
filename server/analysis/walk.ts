/**
 * A walk over the parse tree as libpg-query's JSON gives it: every object-valued field is offered
 * to `visit` with its key (the node's kind for a node, the field's name otherwise), in document
 * order; the walk goes into it only when `visit` returns true. Iterative: deep trees cannot
 * overflow the stack.
 */
export function walkTree(root: unknown, visit: (key: string, child: Record<string, unknown>, parent: Record<string, unknown>) => boolean): void {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const value = stack.pop();
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push(value[i]);
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    const record = value as Record<string, unknown>;
    const into: unknown[] = [];
    // for…in rather than Object.entries: this loop runs for every node of every statement.
    for (const key in record) {
      const child = record[key];
      if (child === null || typeof child !== 'object') continue;
      if (visit(key, child as Record<string, unknown>, record)) into.push(child);
    }
    for (let i = into.length - 1; i >= 0; i--) stack.push(into[i]);
  }
}
