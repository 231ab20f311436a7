/** truncate: TRUNCATE empties whole tables, and fires no DELETE triggers. */
import { Rule, where } from './rule';

export const truncate: Rule = {
  id: 'truncate',
  severity: 'error',
  summary: 'TRUNCATE',
  check(statement, report) {
    if (statement.status !== 'parsed') return;
    for (const e of statement.executed) {
      if (e.kind !== 'TruncateStmt') continue;
      const relations = (e.body.relations as Array<{ RangeVar?: { relname?: string; location?: number } }> | undefined) ?? [];
      const names = relations.map((r) => r.RangeVar?.relname).filter(Boolean).join(', ');
      const cascade = e.body.behavior === 'DROP_CASCADE' ? ', and CASCADE empties every table that references them' : '';
      report({
        span: e.site.keywordBefore(relations[0]?.RangeVar?.location, ['truncate']),
        message: `TRUNCATE${where(e)} removes every row of ${names || 'the table'}${cascade}.`,
      });
    }
  },
};
