/**
 * non-transactional: statements PostgreSQL refuses inside a transaction block. The guarded run can
 * only run them alone, and they cannot be rolled back.
 */
import { Executed } from '../executed';
import { Node } from '../parser';
import { Rule, where } from './rule';

export const nonTransactional: Rule = {
  id: 'non-transactional',
  severity: 'warning',
  summary: 'statements that cannot run inside a transaction (CONCURRENTLY, VACUUM, CREATE DATABASE, ALTER SYSTEM…)',
  check(statement, report) {
    if (statement.status !== 'parsed') return;
    for (const e of statement.executed) {
      const what = nonTransactionalKind(e);
      if (what) report({ span: e.site.firstWord(), message: `${what}${where(e)} cannot run inside a transaction, so it cannot be rolled back.` });
    }
  },
};

export function nonTransactionalKind(e: Executed): string | undefined {
  const b = e.body;
  switch (e.kind) {
    case 'IndexStmt':
      return b.concurrent ? 'CREATE INDEX CONCURRENTLY' : undefined;
    case 'DropStmt':
      return b.concurrent ? 'DROP INDEX CONCURRENTLY' : undefined;
    case 'ReindexStmt': {
      const kind = String(b.kind ?? '');
      if (kind === 'REINDEX_OBJECT_DATABASE' || kind === 'REINDEX_OBJECT_SYSTEM') return 'REINDEX DATABASE/SYSTEM';
      return hasOption(b.params, 'concurrently') ? 'REINDEX CONCURRENTLY' : undefined;
    }
    case 'VacuumStmt':
      return b.is_vacuumcmd ? 'VACUUM' : undefined;
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
      return b.relation ? undefined : 'CLUSTER without a table';
    case 'DiscardStmt':
      return b.target === 'DISCARD_ALL' ? 'DISCARD ALL' : undefined;
    default:
      return undefined;
  }
}

function hasOption(params: unknown, name: string): boolean {
  return ((params as Node[] | undefined) ?? []).some((p) => (p.DefElem as { defname?: string } | undefined)?.defname === name);
}
