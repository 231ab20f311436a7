/**
 * target-independent-condition: a WHERE (or MERGE ON) that never looks at the target's rows has
 * one value for the whole statement, so it matches every row or none:
 * `DELETE FROM invoices USING customers c WHERE c.id = 7`, `WHERE now() > '2020-01-01'`.
 */
import { asBool, evaluate } from '../conditions/constants';
import { dependence } from '../conditions/depends';
import { selfJoinOnSameKey } from '../conditions/self-reference';
import { alwaysTrue } from '../conditions/tautology';
import { nodeAs } from '../ast';
import { changedRowsRule } from './changed-rows';
import { where } from './rule';

export const targetIndependentCondition = changedRowsRule({
  id: 'target-independent-condition',
  severity: 'error',
  summary: 'a WHERE or MERGE ON condition that does not depend on the rows of the table it changes',
  examples: {
    flagged: [
      'DELETE FROM invoices WHERE EXISTS (SELECT 1 FROM invoices);',
      'DELETE FROM invoices USING customers c WHERE c.id = 7;',
      'MERGE INTO stock t USING arrivals a ON a.qty > 0 WHEN MATCHED THEN DELETE;',
      "UPDATE invoices SET paid = true WHERE now() > '2020-01-01';",
      "DELETE FROM invoices WHERE upper('a') = 'A';",
    ],
    passes: [
      'DELETE FROM invoices USING customers c WHERE c.id = invoices.customer_id AND c.id = 7;',
      'DELETE FROM invoices WHERE 1 = 2;                 -- proved false: matches nothing',
      'DELETE FROM invoices WHERE random() < 0.1;        -- volatile: decided row by row',
      'DO $$ DECLARE v int := 7; BEGIN DELETE FROM invoices WHERE id = v; END $$;',
    ],
  },

  check(e, { target, scope, verb, clause, span }, report) {
    const condition = target.condition;
    if (!condition || nodeAs(condition, 'CurrentOfExpr')) return;
    // always-true-where reports these.
    if (alwaysTrue(condition, scope) || selfJoinOnSameKey(condition, scope)) return;
    if (dependence(condition, scope) !== 'none') return;
    const value = asBool(evaluate(condition));
    if (value && (value.t === 'null' || (value.t === 'bool' && !value.v))) return;
    report({
      span,
      message: `${verb}${where(e)} has a ${clause} condition that does not depend on the rows of ${target.table}: it matches every row or none.`,
    });
  },
});
