/**
 * The target of a data-changing statement as the rules see it: the relation UPDATE, DELETE or
 * MERGE changes, the name its rows go by (alias, else the table name), and the other relations
 * in the statement's own FROM, USING or MERGE source. Names are as PostgreSQL folds them.
 */
import { CommonTableExpr, WithClause } from '@pgsql/types';
import { nodeAs, PgNode } from './ast';
import { Executed } from './executed';

export interface Target {
  schema: string | undefined;
  table: string;
  /** The name the target's rows go by in the statement: its alias, else the table name. */
  refName: string;
  /** Byte offset of the target relation in the parsed text. */
  location: number | undefined;
  /** FROM (UPDATE), USING (DELETE) or the MERGE source: the items joined to the target. */
  joined: readonly PgNode[];
  /** The condition that decides which target rows change: WHERE, or MERGE's ON. */
  condition: PgNode | undefined;
  /** The statement's own non-recursive WITH queries by name: a FROM of that name reads them. */
  ctes: ReadonlyMap<string, CommonTableExpr>;
}

export function targetOf(e: Executed): Target | undefined {
  switch (e.kind) {
    case 'UpdateStmt':
      return make(e.body.relation, e.body.fromClause ?? [], e.body.whereClause, e.body.withClause);
    case 'DeleteStmt':
      return make(e.body.relation, e.body.usingClause ?? [], e.body.whereClause, e.body.withClause);
    case 'MergeStmt':
      return make(e.body.relation, e.body.sourceRelation ? [e.body.sourceRelation] : [], e.body.joinCondition, e.body.withClause);
    default:
      return undefined;
  }
}

function make(relation: { schemaname?: string; relname?: string; alias?: { aliasname?: string }; location?: number } | undefined, joined: PgNode[], condition: PgNode | undefined, withClause: WithClause | undefined): Target | undefined {
  if (!relation?.relname) return undefined;
  const ctes = new Map<string, CommonTableExpr>();
  // A recursive WITH may refer to itself: none of its queries is read as a plain SELECT.
  for (const c of withClause?.recursive ? [] : (withClause?.ctes ?? [])) {
    const cte = nodeAs(c, 'CommonTableExpr');
    if (cte?.ctename) ctes.set(cte.ctename, cte);
  }
  return {
    schema: relation.schemaname,
    table: relation.relname,
    refName: relation.alias?.aliasname ?? relation.relname,
    location: relation.location,
    joined,
    condition,
    ctes,
  };
}

/** The name an item of FROM/USING goes by (alias, else relation name), when it has one. */
export function refNameOf(item: PgNode): string | undefined {
  const rv = nodeAs(item, 'RangeVar');
  if (rv) return rv.alias?.aliasname ?? rv.relname;
  return nodeAs(item, 'RangeSubselect')?.alias?.aliasname ?? nodeAs(item, 'RangeFunction')?.alias?.aliasname ?? nodeAs(item, 'JoinExpr')?.alias?.aliasname;
}

/** How a message names a data-changing statement and the clause that picks its rows. */
export function writeWords(kind: 'UpdateStmt' | 'DeleteStmt' | 'MergeStmt'): { verb: 'UPDATE' | 'DELETE' | 'MERGE'; clause: 'WHERE' | 'ON' } {
  if (kind === 'MergeStmt') return { verb: 'MERGE', clause: 'ON' };
  return { verb: kind === 'UpdateStmt' ? 'UPDATE' : 'DELETE', clause: 'WHERE' };
}
