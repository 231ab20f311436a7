/** truncate: TRUNCATE empties whole tables, and fires no DELETE triggers. */
import { nodeAs } from '../ast';
import { nodeRule, where } from './rule';

export const truncate = nodeRule({
  id: 'truncate',
  severity: 'error',
  summary: 'TRUNCATE',
  examples: {
    flagged: [
      'TRUNCATE orders, order_lines CASCADE;',
      'DO $$ BEGIN TRUNCATE t; END $$;',
      'CREATE PROCEDURE reset() LANGUAGE sql AS \'TRUNCATE t\';  -- runs on every CALL',
    ],
    passes: [
      'SELECT \'TRUNCATE t\';                             -- a string',
    ],
  },

  kinds: ['TruncateStmt'],
  visit(e, _ctx, report) {
    const relations = (e.body.relations ?? []).map((r) => nodeAs(r, 'RangeVar'));
    const names = relations.map((r) => r?.relname).filter(Boolean).join(', ');
    const cascade = e.body.behavior === 'DROP_CASCADE' ? ', and CASCADE empties every table that references them' : '';
    report({
      span: e.site.keywordBefore(relations[0]?.location, ['truncate']),
      message: `TRUNCATE${where(e)} removes every row of ${names || 'the table'}${cascade}.`,
    });
  },
});
