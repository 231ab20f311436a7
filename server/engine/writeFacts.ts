/** What the engine needs to know about a statement's writes, read from its parse tree. */
import { Executed } from '../analysis/executed';

export interface WriteFacts {
  modifies?: boolean;
  createsRows?: boolean;
  truncates?: string[];
}

const MODIFYING = new Set(['UpdateStmt', 'DeleteStmt', 'MergeStmt']);

export function writeFacts(executed: Executed[]): WriteFacts {
  const out: WriteFacts = {};
  for (const e of executed) {
    if (e.topLevel && MODIFYING.has(e.kind)) out.modifies = true;
    if (e.kind === 'CreateTableAsStmt' || (e.kind === 'SelectStmt' && e.body.intoClause)) out.createsRows = true;
    if (e.kind === 'TruncateStmt') {
      for (const r of (e.body.relations as unknown[] | undefined) ?? []) {
        const name = rangeVarName(r);
        if (name) (out.truncates ??= []).push(name);
      }
    }
  }
  return out;
}

/** A RangeVar as a quoted SQL name, schema-qualified when written so. */
function rangeVarName(node: unknown): string | undefined {
  const rv = (node as { RangeVar?: { schemaname?: string; relname?: string } } | undefined)?.RangeVar;
  if (!rv?.relname) return undefined;
  const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
  return rv.schemaname ? `${q(rv.schemaname)}.${q(rv.relname)}` : q(rv.relname);
}
