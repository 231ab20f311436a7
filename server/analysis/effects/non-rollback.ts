/**
 * Functions whose effect a ROLLBACK cannot undo: the one list, each entry with its reason. Matched
 * by name in any schema (dblink and adminpack are installed wherever the DBA chose), so a
 * schema-qualified or quoted spelling is the same function.
 *
 * Deliberately absent:
 * - nextval: a sequence does not go back on ROLLBACK, but the only effect is a gap in the numbers,
 *   and `INSERT … DEFAULT` calls it on every insert.
 * - pg_notify and NOTIFY: a notification is sent at COMMIT only; a rolled-back run sends nothing.
 * - pg_advisory_lock: a session-level lock outlives ROLLBACK, but the run's session ends with it.
 */

export interface NonRollbackFunction {
  /** Lower-case function name, or a prefix ending in `*`. */
  name: string;
  reason: string;
}

const SEPARATE_CONNECTION = 'runs SQL over a separate connection, which commits on its own: ROLLBACK does not undo it';
const SLOT = 'changes a replication slot, which is not transactional: ROLLBACK does not restore it';
const ORIGIN = 'changes replication origin progress, which ROLLBACK does not restore';
const SERVER_FILE = 'writes or removes a file on the database server: ROLLBACK does not restore it';

const sharing = (reason: string, names: string[]): NonRollbackFunction[] => names.map((name) => ({ name, reason }));

export const NON_ROLLBACK_FUNCTIONS: readonly NonRollbackFunction[] = [
  { name: 'dblink*', reason: SEPARATE_CONNECTION },
  { name: 'setval', reason: 'sets a sequence, which is not transactional: ROLLBACK leaves the new value' },
  { name: 'pg_terminate_backend', reason: 'ends another session at once: ROLLBACK cannot bring it back' },
  { name: 'pg_cancel_backend', reason: "cancels another session's query at once: ROLLBACK cannot undo it" },
  ...sharing(SLOT, ['pg_create_physical_replication_slot', 'pg_create_logical_replication_slot', 'pg_copy_physical_replication_slot', 'pg_copy_logical_replication_slot', 'pg_drop_replication_slot', 'pg_replication_slot_advance']),
  ...sharing('consumes changes from a logical replication slot: ROLLBACK does not give them back', ['pg_logical_slot_get_changes', 'pg_logical_slot_get_binary_changes']),
  ...sharing(ORIGIN, ['pg_replication_origin_create', 'pg_replication_origin_drop', 'pg_replication_origin_advance']),
  { name: 'pg_reload_conf', reason: 'makes every server process reload its configuration at once' },
  { name: 'pg_rotate_logfile', reason: 'switches the server log file at once' },
  { name: 'pg_switch_wal', reason: 'switches the write-ahead log file at once' },
  { name: 'pg_promote', reason: 'promotes a standby server to primary at once' },
  { name: 'pg_stat_reset*', reason: 'resets statistics counters, which ROLLBACK does not restore' },
  { name: 'lo_export', reason: SERVER_FILE },
  { name: 'lo_import', reason: 'reads a file from the database server\'s disk, outside what a transaction protects' },
  ...sharing(SERVER_FILE, ['pg_file_write', 'pg_file_rename', 'pg_file_unlink']),
  { name: 'pg_file_sync', reason: 'flushes a file on the database server to disk' },
  { name: 'pg_logdir_ls', reason: "lists the server's log directory (adminpack's file access, outside what a transaction protects)" },
];

/** The entry for a function name (lower case), if calling it has an effect ROLLBACK cannot undo. */
export function nonRollbackFunction(name: string): NonRollbackFunction | undefined {
  return NON_ROLLBACK_FUNCTIONS.find((f) => (f.name.endsWith('*') ? name.startsWith(f.name.slice(0, -1)) : name === f.name));
}

/** Statements (not calls) whose effect ROLLBACK cannot undo, with their reasons. */
export const NON_ROLLBACK_STATEMENTS = {
  copyProgram: 'COPY … PROGRAM runs a shell command on the database server: ROLLBACK cannot undo what it did',
  copyToFile: 'COPY … TO a file writes that file on the database server: ROLLBACK does not remove it',
  copyFromFile: "COPY … FROM a file reads the database server's disk, outside what a transaction protects",
  alterSystem: 'ALTER SYSTEM writes postgresql.auto.conf at once: ROLLBACK does not restore it',
} as const;
