/**
 * missing-where: an UPDATE or DELETE with no WHERE changes every row of its table.
 * `UPDATE … FROM` and `DELETE … USING` without WHERE count too; `WHERE CURRENT OF` is fine.
 */
import { Executed } from '../executed';
import { Node } from '../parser';
import { Rule, where } from './rule';

export const missingWhere: Rule = {
  id: 'missing-where',
  severity: 'error',
  summary: 'UPDATE or DELETE without WHERE, wherever it executes',
  check(statement, report) {
    if (statement.status !== 'parsed') return;
    for (const e of statement.executed) {
      if (e.kind !== 'UpdateStmt' && e.kind !== 'DeleteStmt') continue;
      if (e.body.whereClause) continue;
      const verb = e.kind === 'UpdateStmt' ? 'UPDATE' : 'DELETE';
      const relation = e.body.relation as { relname?: string; location?: number } | undefined;
      const span = e.site.keywordBefore(relation?.location, [verb.toLowerCase()]);
      const table = relation?.relname ? ` ${relation.relname}` : '';
      const insertAt = e.topLevel && e.site.base !== undefined ? whereInsertPoint(e) : undefined;
      report({
        span,
        message: `${verb}${where(e)} has no WHERE clause: it ${verb === 'UPDATE' ? 'changes' : 'deletes'} every row of${table || ' the table'}.`,
        ...(insertAt === undefined ? {} : { whereInsertAt: insertAt }),
      });
    }
  },
};

/** Before RETURNING, else after the statement's last token (before any `;`). */
function whereInsertPoint(e: Executed): number {
  const returning = e.body.returningClause as { exprs?: Node[] } | undefined;
  const returningList = returning?.exprs ?? (e.body.returningList as Node[] | undefined);
  const site = e.site;
  if (returningList && returningList.length > 0) {
    const first = Object.values(returningList[0])[0] as { location?: number } | undefined;
    const span = site.keywordBefore(first?.location, ['returning']);
    return span.start;
  }
  const code = site.tokens.filter((t) => t.kind !== 'line-comment' && t.kind !== 'block-comment');
  let last = code[code.length - 1];
  if (last && site.text.charCodeAt(last.start) === 59 /* ; */) last = code[code.length - 2];
  return site.toStatement({ start: last ? last.end : 0, end: 0 }).start;
}
