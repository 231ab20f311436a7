/**
 * missing-where: an UPDATE or DELETE with no WHERE changes every row of its table.
 * `UPDATE … FROM` and `DELETE … USING` without WHERE count too; `WHERE CURRENT OF` is fine.
 */
import { nodeAs } from '../ast';
import { ExecutedOf } from '../executed';
import { nodeRule, where } from './rule';

export const missingWhere = nodeRule({
  id: 'missing-where',
  severity: 'error',
  summary: 'UPDATE or DELETE without WHERE, wherever it executes',
  examples: {
    flagged: [
      'UPDATE users SET active = false;                 -- every row',
      'DELETE FROM t USING s;                           -- the join filters nothing in t',
      'WITH gone AS (DELETE FROM t RETURNING *) SELECT count(*) FROM gone;',
      'EXPLAIN ANALYZE DELETE FROM t;                   -- ANALYZE really runs it',
      'DO $$ BEGIN DELETE FROM audit; END $$;',
      'CREATE FUNCTION purge() RETURNS void LANGUAGE sql AS $$ DELETE FROM audit $$;  -- runs on every call',
      'DELETE FROM users WH                             -- half typed: WH is an alias',
      'UPDATE t SET a = \'a\\\', b = \' WHERE id = 1 -- \';  -- the WHERE is inside a string',
    ],
    passes: [
      'UPDATE users SET active = false WHERE id = 42;',
      'DELETE FROM t WHERE CURRENT OF c;',
      'EXPLAIN DELETE FROM t;                           -- plain EXPLAIN runs nothing',
      'INSERT INTO t VALUES (1) ON CONFLICT (id) DO UPDATE SET a = EXCLUDED.a;',
    ],
  },

  kinds: ['UpdateStmt', 'DeleteStmt'],
  visit(e, _ctx, report) {
    if (e.body.whereClause) return;
    const verb = e.kind === 'UpdateStmt' ? 'UPDATE' : 'DELETE';
    const relation = e.body.relation;
    const span = e.site.keywordBefore(relation?.location, [verb.toLowerCase()]);
    const table = relation?.relname ? ` ${relation.relname}` : '';
    const insertAt = e.topLevel && e.site.base !== undefined ? whereInsertPoint(e) : undefined;
    report({
      span,
      message: `${verb}${where(e)} has no WHERE clause: it ${verb === 'UPDATE' ? 'changes' : 'deletes'} every row of${table || ' the table'}.`,
      ...(insertAt === undefined ? {} : { whereInsertAt: insertAt }),
    });
  },
});

/** Before RETURNING, else after the statement's last token (before any `;`). */
function whereInsertPoint(e: ExecutedOf<'UpdateStmt' | 'DeleteStmt'>): number {
  const returningList = e.body.returningClause?.exprs;
  const site = e.site;
  if (returningList && returningList.length > 0) {
    const span = site.keywordBefore(nodeAs(returningList[0], 'ResTarget')?.location, ['returning']);
    return span.start;
  }
  const code = site.tokens.filter((t) => t.kind !== 'line-comment' && t.kind !== 'block-comment');
  let last = code[code.length - 1];
  if (last && site.text.charCodeAt(last.start) === 59 /* ; */) last = code[code.length - 2];
  return site.toStatement({ start: last ? last.end : 0, end: 0 }).start;
}
