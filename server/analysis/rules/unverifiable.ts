/**
 * unverifiable: SQL the analysis cannot see into. Fail closed: what cannot be proved safe is
 * reported, never passed.
 */
import { statementRule } from './rule';

export const unverifiable = statementRule({
  id: 'unverifiable',
  severity: 'error',
  summary: 'SQL the analysis cannot see into: dynamic EXECUTE, DO in other languages, unclosed quotes or $$, input over the limits',
  examples: {
    flagged: [
      'DO $$ BEGIN EXECUTE format(\'UPDATE %I SET a = 1\', tbl); END $$;',
      'DO LANGUAGE plpython3u $$ plpy.execute("DELETE FROM t WHERE id = 1") $$;',
      'SELECT \'abc;          -- unclosed: the rest of the file is unreadable',
    ],
    passes: [
      'DO $$ BEGIN UPDATE t SET a = 1 WHERE id = 7; END $$;',
      'CREATE FUNCTION f(tbl text) RETURNS void LANGUAGE plpgsql AS $$ BEGIN EXECUTE format(\'DELETE FROM %I\', tbl); END $$;  -- stored, not run',
    ],
  },

  check(statement, report) {
    if (statement.status === 'unverifiable') {
      report({ span: statement.span, message: `Cannot be verified: ${statement.reason}.` });
    } else if (statement.status === 'parsed') {
      for (const o of statement.opaque) report({ span: o.span, message: `Cannot be verified: ${o.reason}.` });
    }
  },
});
