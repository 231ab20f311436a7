/** syntax-error: PostgreSQL's parser rejects the statement, so nothing about it can be verified. */
import { statementRule } from './rule';

export const syntaxError = statementRule({
  id: 'syntax-error',
  severity: 'error',
  summary: "a statement PostgreSQL's parser rejects, at the parser's position",
  examples: {
    flagged: [
      'SELEC * FROM t;                  -- at SELEC',
      'UPDATE t SET                     -- half typed: at SET, the last token',
      'SELECT 1 FROM t WHERE;           -- at the `;`',
    ],
    passes: [],
  },

  check(statement, report) {
    if (statement.status !== 'syntax-error') return;
    report({ span: statement.span, message: `Syntax error: ${statement.message}.` });
  },
});
