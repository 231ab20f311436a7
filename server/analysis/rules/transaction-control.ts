/**
 * transaction-control: BEGIN, COMMIT, ROLLBACK and the like. The guarded run owns the transaction;
 * a COMMIT in the text would make everything before it permanent before anyone confirmed it.
 */
import { nodeRule, where } from './rule';

/** Savepoints nest inside the run's transaction and end nothing. */
const ALLOWED = new Set(['TRANS_STMT_SAVEPOINT', 'TRANS_STMT_RELEASE']);

const NAMES: Record<string, string> = {
  TRANS_STMT_BEGIN: 'BEGIN',
  TRANS_STMT_START: 'START TRANSACTION',
  TRANS_STMT_COMMIT: 'COMMIT',
  TRANS_STMT_ROLLBACK: 'ROLLBACK',
  TRANS_STMT_ROLLBACK_TO: 'ROLLBACK TO SAVEPOINT',
  TRANS_STMT_PREPARE: 'PREPARE TRANSACTION',
  TRANS_STMT_COMMIT_PREPARED: 'COMMIT PREPARED',
  TRANS_STMT_ROLLBACK_PREPARED: 'ROLLBACK PREPARED',
};

export const transactionControl = nodeRule({
  id: 'transaction-control',
  severity: 'warning',
  summary: 'BEGIN, COMMIT, ROLLBACK, PREPARE TRANSACTION and the like: the guarded run owns the transaction',
  examples: {
    flagged: [
      'BEGIN;',
      'COMMIT;',
      'PREPARE TRANSACTION \'fix-1\';',
    ],
    passes: [
      'SAVEPOINT before_fix;',
      'RELEASE SAVEPOINT before_fix;',
      'SET TRANSACTION ISOLATION LEVEL REPEATABLE READ;',
    ],
  },

  kinds: ['TransactionStmt'],
  visit(e, _ctx, report) {
    // In a stored body it would run later, where PostgreSQL refuses it inside the run's transaction.
    if (e.stored) return;
    const kind = String(e.body.kind ?? '');
    if (ALLOWED.has(kind)) return;
    const name = NAMES[kind] ?? 'Transaction control';
    report({ span: e.site.firstWord(), message: `${name}${where(e)} controls the transaction, which the guarded run owns; it would end or change the transaction before you confirm.` });
  },
});
