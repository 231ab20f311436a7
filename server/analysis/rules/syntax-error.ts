/** syntax-error: PostgreSQL's parser rejects the statement, so nothing about it can be verified. */
import { Rule } from './rule';

export const syntaxError: Rule = {
  id: 'syntax-error',
  severity: 'error',
  summary: "a statement PostgreSQL's parser rejects, at the parser's position",
  check(statement, report) {
    if (statement.status !== 'syntax-error') return;
    report({ span: statement.span, message: `Syntax error: ${statement.message}.` });
  },
};
