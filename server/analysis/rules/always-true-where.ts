/**
 * always-true-where: a WHERE (or MERGE ON) that holds for every row is no filter at all:
 * `WHERE 1=1`, `WHERE 'yes'::boolean`, `WHERE id = id`, `… OR true`, `x < 5 OR x >= 5`, the
 * target joined to itself on the same key, and MERGE's `WHEN NOT MATCHED BY SOURCE` without a
 * condition of its own. `x = x` is NULL where x is NULL: it drops those rows, but it is reported.
 */
import { MergeWhenClause } from '@pgsql/types';
import { nodeAs, PgNode } from '../ast';
import { selfJoinOnSameKey } from '../conditions/self-reference';
import { alwaysTrue } from '../conditions/tautology';
import { where } from './rule';
import { changedRowsRule } from './changed-rows';

export const alwaysTrueWhere = changedRowsRule({
  id: 'always-true-where',
  severity: 'error',
  summary: 'a WHERE or MERGE ON condition that is always true',
  examples: {
    flagged: [
      'DELETE FROM t WHERE 1=1;',
      'UPDATE users SET emailed = false WHERE id = 5 OR true;',
      'UPDATE t SET a = 1 WHERE id = id;',
      'MERGE INTO t USING s ON true WHEN MATCHED THEN DELETE;',
      "DELETE FROM invoices WHERE 'yes'::boolean;",
      'UPDATE invoices SET paid = true WHERE 3 IN (3, 4);',
      'DELETE FROM invoices WHERE paid_at IS NULL OR paid_at IS NOT NULL;',
      'DELETE FROM invoices WHERE invoices.id = id;',
      'DELETE FROM t USING t t2 WHERE t.id = t2.id;',
      'MERGE INTO t USING s ON t.id = s.id WHEN NOT MATCHED BY SOURCE THEN DELETE;',
    ],
    passes: [
      'DELETE FROM t WHERE id = 1;',
      'UPDATE t SET x = 1 WHERE a = b;',
      'DELETE FROM t WHERE 1=1 AND id = 5;   -- a common query-builder prefix; id = 5 filters',
      'DELETE FROM t WHERE false;',
      'DELETE FROM t WHERE 9007199254740993 = 9007199254740992;   -- exact numbers: false',
      'MERGE INTO t USING s ON t.id = s.id WHEN NOT MATCHED BY SOURCE AND t.stale THEN DELETE;',
      'MERGE INTO t USING s ON false WHEN NOT MATCHED THEN INSERT VALUES (s.id);',
    ],
  },

  check(e, { target, scope, verb, clause, span }, report) {
    if (target.condition && alwaysTrue(target.condition, scope)) {
      report({ span, message: `${verb}${where(e)} has a ${clause} condition that is always true, so it affects every row.` });
    } else if (target.condition && selfJoinOnSameKey(target.condition, scope)) {
      report({ span, message: `${verb}${where(e)} joins ${target.table} to itself on the same key: every row matches itself, so it affects every row.` });
    } else if (e.kind === 'MergeStmt' && (e.body.mergeWhenClauses ?? []).some(unconditionalBySource)) {
      report({ span, message: `MERGE${where(e)} has WHEN NOT MATCHED BY SOURCE without a condition of its own: it changes every row of ${target.table} the source does not match.` });
    }
  },
});

function unconditionalBySource(n: PgNode): boolean {
  const c: MergeWhenClause | undefined = nodeAs(n, 'MergeWhenClause');
  return c?.matchKind === 'MERGE_WHEN_NOT_MATCHED_BY_SOURCE' && !c.condition && (c.commandType === 'CMD_UPDATE' || c.commandType === 'CMD_DELETE');
}
