/**
 * non-transactional: statements PostgreSQL refuses inside a transaction block. The guarded run can
 * only run them alone, and they cannot be rolled back. The list, each entry with the PostgreSQL
 * source that refuses it, is in ../effects/non-transactional.ts.
 */
import { nonTransactionalForm } from '../effects/non-transactional';
import { nodeRule, where } from './rule';

export const nonTransactional = nodeRule({
  id: 'non-transactional',
  severity: 'error',
  summary: 'statements that cannot run inside a transaction (CONCURRENTLY, VACUUM, CREATE DATABASE, ALTER SYSTEM…)',
  examples: {
    flagged: [
      'CREATE INDEX CONCURRENTLY users_email_idx ON users (email);',
      'VACUUM (FULL, ANALYZE) users;',
      'ALTER SYSTEM SET work_mem = \'64MB\';',
      'REINDEX SCHEMA public;',
      'ALTER TABLE events DETACH PARTITION events_2025 CONCURRENTLY;',
      'ALTER DATABASE shop SET TABLESPACE fast;',
    ],
    passes: [
      'CREATE INDEX users_email_idx ON users (email);',
      'REINDEX TABLE users;',
      'ANALYZE users;',
      'CLUSTER users USING users_pkey;',
      'ALTER TABLE events DETACH PARTITION events_2025;',
    ],
  },

  kinds: [
    'IndexStmt', 'DropStmt', 'ReindexStmt', 'VacuumStmt', 'CreatedbStmt', 'DropdbStmt', 'AlterDatabaseStmt', 'AlterSystemStmt', 'AlterTableStmt',
    'CreateTableSpaceStmt', 'DropTableSpaceStmt', 'CreateSubscriptionStmt', 'AlterSubscriptionStmt', 'DropSubscriptionStmt', 'ClusterStmt', 'DiscardStmt',
  ],
  visit(e, _ctx, report) {
    // Stored in a body, PostgreSQL refuses it when called: nothing would run outside the transaction.
    if (e.stored) return;
    const form = nonTransactionalForm(e);
    if (form) report({ span: e.site.firstWord(), message: `${form.name}${where(e)} cannot run inside a transaction, so it cannot be rolled back.` });
  },
});
