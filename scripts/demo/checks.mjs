// @ts-check
// `npm run demo -- --check`: proves the start-up worked. The workbench answers, the database is
// seeded, every example file shows the rules it is about (through the built CLI and the workspace's
// own settings), and a guarded run of prod/05 sees exactly the rows its directives expect and
// leaves the data unchanged.
import { spawnSync } from 'node:child_process';
import { copyFileSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { DATABASE } from './seed.mjs';

// Rule ids each example file must show, and whether error-severity findings are expected in it.
export const EXPECTED_FINDINGS = {
  'prod/01-missing-where.sql': { rules: ['missing-where'], errors: true },
  'prod/02-always-true.sql': { rules: ['always-true-where'], errors: true },
  'prod/03-truncate-and-ddl.sql': { rules: ['truncate', 'destructive-ddl'], errors: true },
  'prod/04-do-block.sql': { rules: ['missing-where', 'unverifiable'], errors: true },
  'prod/05-guarded-update.sql': { rules: [], errors: false },
  'prod/06-the-8000-emails.sql': { rules: [], errors: false },
  'prod/07-more-rules.sql': { rules: ['transaction-control', 'non-transactional', 'bad-directive', 'syntax-error'], errors: true },
  'dev/scratch.sql': { rules: ['missing-where'], errors: false },
};

class CheckError extends Error {}

export async function checkWorkbench(url) {
  let res;
  try {
    res = await fetch(url, { redirect: 'follow', signal: AbortSignal.timeout(30_000) });
  } catch (err) {
    throw new CheckError(`the workbench at ${url} does not answer: ${/** @type {any} */ (err).cause?.message ?? /** @type {Error} */ (err).message}`);
  }
  const body = await res.text();
  if (res.status !== 200) throw new CheckError(`the workbench at ${url} answered HTTP ${res.status}`);
  if (!/workbench/i.test(body) || !/<html/i.test(body)) throw new CheckError(`the page at ${url} is not the VS Code workbench (${body.length} bytes)`);
  return `workbench answers HTTP 200 (${body.length} bytes of HTML)`;
}

export async function checkSeeded(shop) {
  const client = new pg.Client({ ...shop, database: DATABASE });
  client.on('error', () => {});
  await client.connect();
  try {
    const { rows } = await client.query('SELECT (SELECT count(*) FROM orders)::int AS orders, (SELECT count(*) FROM customers)::int AS customers, (SELECT count(*) FROM order_items)::int AS items');
    const { orders, customers, items } = rows[0];
    if (Math.abs(orders - 100_000) > 1_000) throw new CheckError(`the shop database has ${orders} orders, expected about 100,000 (npm run demo -- --reset re-creates it)`);
    return `shop database: ${customers} customers, ${orders} orders, ${items} order items`;
  } finally {
    await client.end().catch(() => {});
  }
}

export function checkExamples({ root, workspace }) {
  const files = Object.keys(EXPECTED_FINDINGS);
  // The CLI matches globs relative to the config file's folder; the editor, relative to the
  // workspace folder. So the check reads a copy of .vscode/settings.json put in the workspace
  // folder, and passes paths relative to it.
  const config = join(workspace, '.safe-sql-check.json');
  copyFileSync(join(workspace, '.vscode', 'settings.json'), config);
  let r;
  try {
    r = spawnSync(process.execPath, [join(root, 'dist', 'cli.js'), 'check', '--env', 'development', '--config', config, '--format', 'json', ...files],
      { cwd: workspace, encoding: 'utf8' });
  } finally {
    rmSync(config, { force: true });
  }
  if (r.status !== 0 && r.status !== 1) throw new CheckError(`safe-sql check failed (exit ${r.status}): ${r.stderr.trim()}`);
  const report = JSON.parse(r.stdout);
  const problems = [];
  for (const { path, diagnostics } of report.files) {
    const rel = path.replace(/\\/g, '/').replace(/^\.\//, '');
    const want = EXPECTED_FINDINGS[rel];
    if (!want) continue;
    const rules = new Set(diagnostics.map((d) => d.rule));
    for (const rule of want.rules) if (!rules.has(rule)) problems.push(`${rel} shows no ${rule} finding`);
    const errors = diagnostics.some((d) => d.severity === 'error');
    if (errors !== want.errors) problems.push(`${rel} ${want.errors ? 'shows no error (is prod/ bound to production?)' : 'shows an error where none is expected'}`);
  }
  if (report.files.length !== files.length) problems.push(`safe-sql check reported ${report.files.length} of ${files.length} files`);
  if (problems.length) throw new CheckError(`example files (edited? delete them to get the originals back):\n  ${problems.join('\n  ')}`);
  return `example files show their rules (${files.length} files)`;
}

/** A guarded run of prod/05 without a terminal: it must see the expected rows, then roll back. */
export function checkGuardedRun({ root, workspace, demoDir, pgEnv }) {
  const file = join('prod', '05-guarded-update.sql');
  const r = spawnSync(process.execPath, [join(root, 'dist', 'cli.js'), 'run', file, '--env', 'production', '--format', 'json', '--audit-log', join(demoDir, 'audit.jsonl')],
    { cwd: workspace, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...pgEnv } });
  let summary;
  try {
    summary = JSON.parse(r.stdout);
  } catch {
    throw new CheckError(`safe-sql run ${file} printed no JSON summary (exit ${r.status}): ${r.stderr.trim()}`);
  }
  if (r.status !== 3 || summary.outcome !== 'rolled-back') {
    throw new CheckError(`safe-sql run ${file}: expected a roll-back (confirmation impossible without a terminal), got exit ${r.status}, ${summary.outcome}: ${summary.reason ?? ''}`);
  }
  const text = readFileSync(join(workspace, file), 'utf8');
  const expected = [...text.matchAll(/^--\s*safe-sql:\s*expect-rows\s+([\d,_]+)\s*$/gm)].map((m) => Number(m[1].replace(/[,_]/g, '')));
  const seen = summary.statements.map((s) => s.rows);
  if (expected.join() !== seen.join()) {
    throw new CheckError(`safe-sql run ${file}: its statements touched ${seen.join(' + ')} rows where the directives expect ${expected.join(' + ')}; npm run demo -- --reset restores the data`);
  }
  const rows = summary.statements.map((s) => s.rows).join(' + ');
  return `guarded run of ${file} saw ${rows} rows and rolled back (${summary.reason})`;
}

export { CheckError };
