/**
 * unverifiable: SQL the analysis cannot see into. Fail closed: what cannot be proved safe is
 * reported, never passed.
 */
import { Rule } from './rule';

export const unverifiable: Rule = {
  id: 'unverifiable',
  severity: 'error',
  summary: 'SQL the analysis cannot see into: dynamic EXECUTE, DO in other languages, unclosed quotes or $$, input over the limits',
  check(statement, report) {
    if (statement.status === 'unverifiable') {
      report({ span: statement.span, message: `Cannot be verified: ${statement.reason}.` });
    } else if (statement.status === 'parsed') {
      for (const o of statement.opaque) report({ span: o.span, message: `Cannot be verified: ${o.reason}.` });
    }
  },
};
