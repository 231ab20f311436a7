/**
 * Statements PostgreSQL 13–18 refuses inside a transaction block: every caller of
 * PreventInTransactionBlock, with the source file and function that calls it. test/db checks each
 * form whose set-up is cheap against the embedded PostgreSQL.
 *
 * Not listed: ALTER TYPE … ADD VALUE (refused only before PostgreSQL 12), COMMIT/ROLLBACK PREPARED
 * (transaction-control covers them), and the replication commands, which are not SQL.
 */
import { nodeAs, PgNode } from '../ast';
import { Executed } from '../executed';

export interface NonTransactionalForm {
  /** How PostgreSQL names it in "… cannot run inside a transaction block". */
  name: string;
  /** The PostgreSQL source that calls PreventInTransactionBlock for it. */
  source: string;
  matches(e: Executed): boolean;
}

export const NON_TRANSACTIONAL: readonly NonTransactionalForm[] = [
  { name: 'CREATE INDEX CONCURRENTLY', source: 'src/backend/tcop/utility.c ProcessUtilitySlow (T_IndexStmt)', matches: (e) => e.kind === 'IndexStmt' && e.body.concurrent === true },
  { name: 'DROP INDEX CONCURRENTLY', source: 'src/backend/tcop/utility.c ExecDropStmt', matches: (e) => e.kind === 'DropStmt' && e.body.concurrent === true },
  {
    name: 'REINDEX SCHEMA/SYSTEM/DATABASE',
    source: 'src/backend/commands/indexcmds.c ExecReindex (utility.c standard_ProcessUtility in 13)',
    matches: (e) => e.kind === 'ReindexStmt' && ['REINDEX_OBJECT_SCHEMA', 'REINDEX_OBJECT_SYSTEM', 'REINDEX_OBJECT_DATABASE'].includes(e.body.kind ?? ''),
  },
  { name: 'REINDEX CONCURRENTLY', source: 'src/backend/commands/indexcmds.c ExecReindex (utility.c standard_ProcessUtility in 13)', matches: (e) => e.kind === 'ReindexStmt' && hasOption(e.body.params, 'concurrently') },
  { name: 'VACUUM', source: 'src/backend/commands/vacuum.c vacuum (ExecVacuum)', matches: (e) => e.kind === 'VacuumStmt' && e.body.is_vacuumcmd === true },
  { name: 'CLUSTER without a table', source: 'src/backend/commands/cluster.c cluster (also a partitioned table, which the analysis cannot see)', matches: (e) => e.kind === 'ClusterStmt' && !e.body.relation },
  { name: 'CREATE DATABASE', source: 'src/backend/tcop/utility.c standard_ProcessUtility (T_CreatedbStmt)', matches: (e) => e.kind === 'CreatedbStmt' },
  { name: 'DROP DATABASE', source: 'src/backend/tcop/utility.c standard_ProcessUtility (T_DropdbStmt)', matches: (e) => e.kind === 'DropdbStmt' },
  { name: 'ALTER DATABASE SET TABLESPACE', source: 'src/backend/commands/dbcommands.c AlterDatabase', matches: (e) => e.kind === 'AlterDatabaseStmt' && hasOption(e.body.options, 'tablespace') },
  { name: 'CREATE TABLESPACE', source: 'src/backend/tcop/utility.c standard_ProcessUtility (T_CreateTableSpaceStmt)', matches: (e) => e.kind === 'CreateTableSpaceStmt' },
  { name: 'DROP TABLESPACE', source: 'src/backend/tcop/utility.c standard_ProcessUtility (T_DropTableSpaceStmt)', matches: (e) => e.kind === 'DropTableSpaceStmt' },
  { name: 'ALTER SYSTEM', source: 'src/backend/tcop/utility.c standard_ProcessUtility (T_AlterSystemStmt)', matches: (e) => e.kind === 'AlterSystemStmt' },
  { name: 'DISCARD ALL', source: 'src/backend/commands/discard.c DiscardCommand', matches: (e) => e.kind === 'DiscardStmt' && e.body.target === 'DISCARD_ALL' },
  {
    name: 'ALTER TABLE … DETACH PARTITION CONCURRENTLY',
    source: 'src/backend/tcop/utility.c ProcessUtilitySlow (T_AlterTableStmt)',
    matches: (e) => e.kind === 'AlterTableStmt' && (e.body.cmds ?? []).some((c) => {
      const cmd = nodeAs(c, 'AlterTableCmd');
      return cmd?.subtype === 'AT_DetachPartition' && nodeAs(cmd.def, 'PartitionCmd')?.concurrent === true;
    }),
  },
  {
    name: 'CREATE SUBSCRIPTION (creating its slot)',
    source: 'src/backend/commands/subscriptioncmds.c CreateSubscription',
    matches: (e) => e.kind === 'CreateSubscriptionStmt' && !optionIsFalse(e.body.options, 'create_slot') && !optionIsFalse(e.body.options, 'connect'),
  },
  {
    name: 'ALTER SUBSCRIPTION … REFRESH PUBLICATION, or a publication change with refresh',
    source: 'src/backend/commands/subscriptioncmds.c AlterSubscription',
    matches: (e) => e.kind === 'AlterSubscriptionStmt' && (e.body.kind === 'ALTER_SUBSCRIPTION_REFRESH' || (['ALTER_SUBSCRIPTION_SET_PUBLICATION', 'ALTER_SUBSCRIPTION_ADD_PUBLICATION', 'ALTER_SUBSCRIPTION_DROP_PUBLICATION'].includes(e.body.kind ?? '') && !optionIsFalse(e.body.options, 'refresh'))),
  },
  // Refused only when the subscription has a slot, which the analysis cannot see: flagged always.
  { name: 'DROP SUBSCRIPTION', source: 'src/backend/commands/subscriptioncmds.c DropSubscription', matches: (e) => e.kind === 'DropSubscriptionStmt' },
];

/** The form PostgreSQL would refuse inside a transaction block, if `e` is one. */
export function nonTransactionalForm(e: Executed): NonTransactionalForm | undefined {
  return NON_TRANSACTIONAL.find((f) => f.matches(e));
}

function hasOption(params: PgNode[] | undefined, name: string): boolean {
  return (params ?? []).some((p) => nodeAs(p, 'DefElem')?.defname === name);
}

/** True when option `name` is given and set to false (`(create_slot = false)`). */
function optionIsFalse(options: PgNode[] | undefined, name: string): boolean {
  for (const o of options ?? []) {
    const def = nodeAs(o, 'DefElem');
    if (def?.defname !== name || !def.arg) continue;
    const s = nodeAs(def.arg, 'String')?.sval?.toLowerCase();
    const b = nodeAs(def.arg, 'Boolean');
    const i = nodeAs(def.arg, 'Integer');
    return s === 'false' || s === 'off' || s === '0' || (b !== undefined && !b.boolval) || (i !== undefined && !i.ival);
  }
  return false;
}
