/**
 * non-transactional: statements PostgreSQL refuses inside a transaction block. The guarded run can
 * only run them alone, and they cannot be rolled back.
 */
import { nodeAs, PgNode } from '../ast';
import { Executed } from '../executed';
import { nodeRule, where } from './rule';

const KINDS = [
  'IndexStmt', 'DropStmt', 'ReindexStmt', 'VacuumStmt', 'CreatedbStmt', 'DropdbStmt', 'AlterSystemStmt',
  'CreateTableSpaceStmt', 'DropTableSpaceStmt', 'CreateSubscriptionStmt', 'DropSubscriptionStmt', 'ClusterStmt', 'DiscardStmt',
] as const;

export const nonTransactional = nodeRule({
  id: 'non-transactional',
  severity: 'warning',
  summary: 'statements that cannot run inside a transaction (CONCURRENTLY, VACUUM, CREATE DATABASE, ALTER SYSTEM…)',
  examples: {
    flagged: [
      'CREATE INDEX CONCURRENTLY users_email_idx ON users (email);',
      'VACUUM (FULL, ANALYZE) users;',
      'ALTER SYSTEM SET work_mem = \'64MB\';',
    ],
    passes: [
      'CREATE INDEX users_email_idx ON users (email);',
      'REINDEX TABLE users;',
      'ANALYZE users;',
    ],
  },

  kinds: KINDS,
  visit(e, _ctx, report) {
    // Stored in a body, PostgreSQL refuses it when called: nothing would run outside the transaction.
    if (e.stored) return;
    const what = nonTransactionalKind(e);
    if (what) report({ span: e.site.firstWord(), message: `${what}${where(e)} cannot run inside a transaction, so it cannot be rolled back.` });
  },
});

/** What PostgreSQL would refuse inside a transaction block, named; undefined when it would not. */
export function nonTransactionalKind(e: Executed): string | undefined {
  switch (e.kind) {
    case 'IndexStmt':
      return e.body.concurrent ? 'CREATE INDEX CONCURRENTLY' : undefined;
    case 'DropStmt':
      return e.body.concurrent ? 'DROP INDEX CONCURRENTLY' : undefined;
    case 'ReindexStmt': {
      const kind = e.body.kind;
      if (kind === 'REINDEX_OBJECT_DATABASE' || kind === 'REINDEX_OBJECT_SYSTEM') return 'REINDEX DATABASE/SYSTEM';
      return hasOption(e.body.params, 'concurrently') ? 'REINDEX CONCURRENTLY' : undefined;
    }
    case 'VacuumStmt':
      return e.body.is_vacuumcmd ? 'VACUUM' : undefined;
    case 'CreatedbStmt':
      return 'CREATE DATABASE';
    case 'DropdbStmt':
      return 'DROP DATABASE';
    case 'AlterSystemStmt':
      return 'ALTER SYSTEM';
    case 'CreateTableSpaceStmt':
      return 'CREATE TABLESPACE';
    case 'DropTableSpaceStmt':
      return 'DROP TABLESPACE';
    case 'CreateSubscriptionStmt':
      return 'CREATE SUBSCRIPTION';
    case 'DropSubscriptionStmt':
      return 'DROP SUBSCRIPTION';
    case 'ClusterStmt':
      return e.body.relation ? undefined : 'CLUSTER without a table';
    case 'DiscardStmt':
      return e.body.target === 'DISCARD_ALL' ? 'DISCARD ALL' : undefined;
    default:
      return undefined;
  }
}

function hasOption(params: PgNode[] | undefined, name: string): boolean {
  return (params ?? []).some((p) => nodeAs(p, 'DefElem')?.defname === name);
}
