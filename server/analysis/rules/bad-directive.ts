/**
 * bad-directive: a `-- safe-sql…` comment that does nothing (no reason, unknown rule, misplaced,
 * malformed). The analysis reads directives while it splits the document and reports each problem
 * through `problem`, so the finding's id, severity and wording are decided here alone.
 */
import { DirectiveRule } from './rule';

export const badDirective: DirectiveRule = {
  id: 'bad-directive',
  severity: 'warning',
  summary: 'a safe-sql directive comment that is malformed or misplaced, and therefore ignored',
  examples: {
    flagged: [
      '-- safe-sql-ignore missing-where\nDELETE FROM sessions;          -- still an error: the directive has no reason',
      '-- safe-sql-ignore no-such-rule: a rule id that does not exist\nSELECT 1;',
    ],
    passes: [
      '-- safe-sql-ignore missing-where: one-off cleanup approved in CHG-1234\nDELETE FROM sessions;          -- lowered to a warning, never hidden',
    ],
  },
  problem(span, problem, statement) {
    return {
      rule: 'bad-directive',
      severity: 'warning',
      message: `Directive ignored: ${problem}.`,
      span,
      statement: statement ?? span,
    };
  },
};
