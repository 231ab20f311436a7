// @ts-check
// Guarded run of 1,000 single-row UPDATEs vs `psql -1 -f` of the same file, against the same
// embedded PostgreSQL. Prints both medians and the ratio (target: guarded <= 1.5x psql).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
require('../test/register.cjs');
const { startPostgres } = require('../test/support/postgres.ts');
const { runGuarded } = require('../server/engine/index.ts');
const { Analyzer } = require('../server/analysis/analyze.ts');
const { SNAPSHOT_SQL } = require('../server/engine/impact.ts');
const { LOCKS_SQL } = require('../server/engine/locks.ts');

const STATEMENTS = 1_000;
const ROUNDS = 7;
const root = new URL('..', import.meta.url).pathname;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (ms) => `${ms.toFixed(1)} ms`;

const pg = await startPostgres();
const dir = mkdtempSync(join(tmpdir(), 'safe-sql-bench-'));
try {
  const db = await pg.createDatabase('bench');
  const admin = await pg.connect(db);
  await admin.query(`CREATE TABLE t (id int PRIMARY KEY, v int NOT NULL DEFAULT 0); INSERT INTO t (id) SELECT g FROM generate_series(1, ${STATEMENTS}) g`);
  await admin.end();
  const sql = Array.from({ length: STATEMENTS }, (_, i) => `UPDATE t SET v = v + 1 WHERE id = ${i + 1};`).join('\n') + '\n';
  const file = join(dir, 'updates.sql');
  writeFileSync(file, sql);
  const audit = join(dir, 'audit.jsonl');

  const timeProcess = (cmd, args, env) => {
    const t = performance.now();
    const r = spawnSync(cmd, args, { env: { ...process.env, ...env }, encoding: 'utf8' });
    const ms = performance.now() - t;
    if (r.status !== 0) throw new Error(`${cmd} exited ${r.status}: ${r.stderr}`);
    return ms;
  };

  // The CLI and psql alternate, so that both see the same machine load and the same table (each
  // round updates every row once more).
  const psqlFound = spawnSync('psql', ['--version']).status === 0;
  const cli = [];
  const psql = [];
  for (let i = 0; i < ROUNDS; i++) {
    cli.push(timeProcess(process.execPath, [join(root, 'dist/cli.js'), 'run', file, '--url', pg.url(db), '--env', 'staging', '--expect-rows', String(STATEMENTS), '--audit-log', audit]));
    if (psqlFound) psql.push(timeProcess('psql', ['-X', '-q', '-1', '-v', 'ON_ERROR_STOP=1', '-f', file, pg.url(db)], {}));
  }
  const engine = [];
  for (let i = 0; i < ROUNDS; i++) {
    const t = performance.now();
    const r = await runGuarded(
      { text: sql, environment: 'staging', connection: { kind: 'url', url: pg.url(db) }, client: 'cli', auditLogPath: audit, analyzer: new Analyzer(), expectRows: { min: STATEMENTS, max: STATEMENTS } },
      { confirm: async () => ({ commit: true }) },
    );
    if (r.outcome !== 'committed') throw new Error(`guarded run ended ${r.ending}: ${r.reason}`);
    engine.push(performance.now() - t);
  }
  // The impact's own cost: the snapshots the run takes (with BEGIN, after each of its 4 batches) and
  // the locks-and-settings query before the decision, timed alone inside a transaction holding the
  // same 1,000 updates, against the whole engine run.
  const probe = await pg.connect(db);
  const overhead = [];
  for (let i = 0; i < ROUNDS; i++) {
    await probe.query('BEGIN');
    await probe.query(sql);
    const t = performance.now();
    for (let k = 0; k < 1 + Math.ceil(STATEMENTS / 250); k++) await probe.query(SNAPSHOT_SQL);
    await probe.query(`SELECT ${LOCKS_SQL}`);
    overhead.push(performance.now() - t);
    await probe.query('ROLLBACK');
  }
  await probe.end();
  const impactMs = median(overhead);
  console.log(`impact queries: ${fmt(impactMs)} per run (median of ${ROUNDS}) = ${((impactMs / median(engine)) * 100).toFixed(1)}% of the engine run (target <= 10%; sent inside existing messages, so this is an upper bound)`);
  console.log(`guarded run, ${STATEMENTS} UPDATEs: CLI process ${fmt(median(cli))} (median of ${ROUNDS}), engine in-process ${fmt(median(engine))} (analysis included, fresh cache)`);

  // The same run with undo capture (RETURNING old/new on each statement, the undo file written before COMMIT).
  const captured = [];
  for (let i = 0; i < ROUNDS; i++) {
    const t = performance.now();
    const r = await runGuarded(
      { text: sql, environment: 'staging', connection: { kind: 'url', url: pg.url(db) }, client: 'cli', auditLogPath: audit, analyzer: new Analyzer(), expectRows: { min: STATEMENTS, max: STATEMENTS }, undo: { enabled: true } },
      { confirm: async () => ({ commit: true }) },
    );
    if (r.outcome !== 'committed' || !r.undo?.available) throw new Error(`guarded run with undo ended ${r.ending}: ${r.reason} (${r.undo?.reason})`);
    captured.push(performance.now() - t);
  }
  console.log(`with undo capture: engine in-process ${fmt(median(captured))} (median of ${ROUNDS}), +${((median(captured) / median(engine) - 1) * 100).toFixed(0)}% (target <= 25%)`);

  if (!psqlFound) {
    console.log('psql not found: the comparison is skipped');
  } else {
    const ratio = median(cli) / median(psql);
    console.log(`psql -1 -f: ${fmt(median(psql))} (median of ${ROUNDS}, alternating with the CLI)`);
    // The CLI's figure includes Node's start-up, loading the parser and analysing 1,000 statements cold.
    console.log(`ratio guarded CLI / psql: ${ratio.toFixed(2)}x; engine in-process / psql: ${(median(engine) / median(psql)).toFixed(2)}x`);
    console.log(`  ${ratio <= 1.5 ? 'met    ' : 'MISSED '} safe-sql run of 1,000 UPDATEs ≤ 1.5× psql -1 -f, side by side: ${ratio.toFixed(2)}×`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
  await pg.stop();
}
