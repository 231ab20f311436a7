/**
 * non-rollback-effect: what a ROLLBACK cannot undo. The guarded run shows the result and rolls back
 * unless confirmed; these effects have already happened by then. The list, with the reason for each
 * entry, is in ../effects/non-rollback.ts.
 */
import { functionCalls } from '../calls';
import { NON_ROLLBACK_STATEMENTS, nonRollbackFunction } from '../effects/non-rollback';
import { Executed } from '../executed';
import { everyExecuted, Report, statementRule, where } from './rule';

export const nonRollbackEffect = statementRule({
  id: 'non-rollback-effect',
  severity: 'error',
  summary: 'effects a ROLLBACK cannot undo: dblink, COPY … PROGRAM or to a server file, setval, ending sessions, replication slots, ALTER SYSTEM, server files',
  examples: {
    flagged: [
      'SELECT dblink_exec(\'dbname=shop\', \'DELETE FROM orders\');',
      'COPY orders TO PROGRAM \'curl -d @- https://example.com\';',
      'COPY orders TO \'/tmp/orders.csv\';',
      'SELECT setval(\'orders_id_seq\', 1);',
      'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = \'app\';',
      'SELECT pg_drop_replication_slot(\'standby_1\');',
      'ALTER SYSTEM SET work_mem = \'64MB\';',
      'SELECT PUBLIC."dblink_exec"(\'dbname=shop\', \'TRUNCATE orders\');',
    ],
    passes: [
      'COPY orders FROM STDIN;',
      'COPY (SELECT * FROM orders) TO STDOUT;',
      'INSERT INTO orders (id) VALUES (nextval(\'orders_id_seq\'));',
      'SELECT pg_notify(\'orders\', \'changed\');           -- sent at COMMIT only',
    ],
  },

  check: everyExecuted(visit),
});

function visit(e: Executed, report: Report): void {
  if (e.kind === 'CopyStmt') {
    const reason = e.body.is_program ? NON_ROLLBACK_STATEMENTS.copyProgram : e.body.filename ? (e.body.is_from ? NON_ROLLBACK_STATEMENTS.copyFromFile : NON_ROLLBACK_STATEMENTS.copyToFile) : undefined;
    if (reason) report({ span: e.site.firstWord(), message: `${reason}${context(e)}.` });
  } else if (e.kind === 'AlterSystemStmt') {
    report({ span: e.site.firstWord(), message: `${NON_ROLLBACK_STATEMENTS.alterSystem}${context(e)}.` });
  }
  for (const f of functionCalls(e)) {
    const entry = nonRollbackFunction(f.name);
    if (!entry) continue;
    const span = f.call.location === undefined ? e.site.firstWord() : e.site.spanAtByte(f.call.location);
    report({ span, message: `${f.name}()${where(e)} ${entry.reason}.` });
  }
}

function context(e: Executed): string {
  return e.context ? ` (${e.context})` : '';
}
