/**
 * What the condition rules need of an UPDATE, DELETE or MERGE that changes existing rows: its
 * target, the names in scope, how messages name it, and where to report. A MERGE whose actions
 * only insert or do nothing changes no existing row, whatever its ON: it gives nothing here.
 */
import { Span } from '../types';
import { nodeAs, PgNode } from '../ast';
import { Scope, scopeOf } from '../conditions/scope';
import { ExecutedOf } from '../executed';
import { Target, writeWords } from '../target';
import { NodeRule, Report, RuleBase, VisitContext } from './rule';

export interface ChangedRows {
  target: Target;
  scope: Scope;
  verb: 'UPDATE' | 'DELETE' | 'MERGE';
  clause: 'WHERE' | 'ON';
  span: Span;
}

function changedRows(e: ExecutedOf<Written>, ctx: VisitContext): ChangedRows | undefined {
  const target = ctx.target;
  if (!target) return undefined;
  if (e.kind === 'MergeStmt' && !(e.body.mergeWhenClauses ?? []).some(changesRows)) return undefined;
  const { verb, clause } = writeWords(e.kind);
  return { target, scope: scopeOf(target, e.plpgsqlVariables), verb, clause, span: e.site.keywordBefore(target.location, [verb.toLowerCase()]) };
}

type Written = 'UpdateStmt' | 'DeleteStmt' | 'MergeStmt';

/** A rule about the rows an UPDATE, DELETE or MERGE changes: it sees only statements that change some. */
export function changedRowsRule(rule: RuleBase & { check(e: ExecutedOf<Written>, w: ChangedRows, report: Report): void }): NodeRule<Written> {
  const { check, ...base } = rule;
  return {
    ...base,
    kinds: ['UpdateStmt', 'DeleteStmt', 'MergeStmt'],
    visit(e, ctx, report) {
      const w = changedRows(e, ctx);
      if (w) check(e, w, report);
    },
  };
}

function changesRows(n: PgNode): boolean {
  const c = nodeAs(n, 'MergeWhenClause');
  return c?.commandType === 'CMD_UPDATE' || c?.commandType === 'CMD_DELETE';
}
