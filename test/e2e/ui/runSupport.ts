/**
 * What the guarded-run scenarios share: the run's PostgreSQL (SAFE_SQL_E2E_PG), a table of their
 * own, the workspace's connection pointing at it, and the moves a person makes (Ctrl+Enter, the
 * password prompt, the modal's buttons, the notification that says how it ended).
 */
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Page } from 'playwright-core';
import { Client } from 'pg';
import { e2e } from './harness';

export interface Pg {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
}

export function pg(): Pg {
  const raw = process.env.SAFE_SQL_E2E_PG;
  if (!raw) throw new Error('SAFE_SQL_E2E_PG is not set: run these tests through `npm run test:e2e`');
  return JSON.parse(raw) as Pg;
}

export async function withDb<T>(fn: (c: Client) => Promise<T>): Promise<T> {
  const { host, port, user, password, database } = pg();
  const c = new Client({ host, port, user, password, database });
  c.on('error', () => undefined);
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** A fresh `run_orders` table: ids 1..20, status 'new'. */
export function resetOrders(): Promise<void> {
  return withDb(async (c) => {
    await c.query("DROP TABLE IF EXISTS run_orders; CREATE TABLE run_orders (id int PRIMARY KEY, status text NOT NULL DEFAULT 'new'); INSERT INTO run_orders (id) SELECT g FROM generate_series(1, 20) g");
  });
}

/** Ids whose status is not 'new'. */
export function changedIds(): Promise<number[]> {
  return withDb(async (c) => (await c.query<{ id: number }>("SELECT id FROM run_orders WHERE status <> 'new' ORDER BY id")).rows.map((r) => r.id));
}

/** Points the workspace's production connection at the run's database (before the workbench opens). */
export function bindWorkspace(extra: Record<string, unknown> = {}): void {
  const { host, port, user, database } = pg();
  const file = join(e2e().workspace, '.vscode', 'settings.json');
  const settings = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  settings['safeSql.connections'] = [
    { name: 'prod-main', environment: 'production', host, port, user, database, maxAffectedRows: 5 },
    { name: 'dev-local', environment: 'development', host, port, user, database },
  ];
  Object.assign(settings, extra);
  writeFileSync(file, JSON.stringify(settings, null, 2));
}

/** The audit log in the extension's global storage (code-server's user data), or undefined before the first run. */
export function auditFile(): string | undefined {
  const file = join(e2e().runDir, 'user-data', 'User', 'globalStorage', 'safe-sql.safe-sql', 'audit.jsonl');
  return existsSync(file) ? file : undefined;
}

export function auditLines(): number {
  const file = auditFile();
  return file ? readFileSync(file, 'utf8').split('\n').filter(Boolean).length : 0;
}

export async function runGuardedKey(page: Page): Promise<void> {
  await page.keyboard.press('Control+Enter');
}

/** The first run of a fresh editor asks for the connection's password once: type it. */
export async function answerPassword(page: Page): Promise<void> {
  const box = page.locator('.quick-input-widget', { hasText: 'password for prod-main' });
  await box.waitFor({ state: 'visible' });
  await page.keyboard.type(pg().password);
  await page.keyboard.press('Enter');
  await box.waitFor({ state: 'hidden' });
}

export const dialog = (page: Page) => page.locator('.monaco-dialog-box');

export async function clickDialogButton(page: Page, title: string): Promise<void> {
  await dialog(page).locator('.dialog-buttons a.monaco-button', { hasText: new RegExp(`^${title}$`) }).click();
  await dialog(page).waitFor({ state: 'detached' });
}

/** Resolves with the text of the first notification toast that contains `text`. */
export async function notification(page: Page, text: string | RegExp): Promise<string> {
  const toast = page.locator('.notifications-toasts .notification-toast', { hasText: text }).first();
  await toast.waitFor({ state: 'visible' });
  return (await toast.textContent()) ?? '';
}

/** The language server of this test's code-server: `node …/dist/server.js` whose HOME is this run's. */
export function serverPids(): number[] {
  const home = `HOME=${e2e().env.HOME}`;
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (!cmdline.includes("safe-sql") || !cmdline.includes("dist/server.js")) continue;
      if (readFileSync(`/proc/${entry}/environ`, 'utf8').split('\0').includes(home)) pids.push(Number(entry));
    } catch {
      // Gone meanwhile, or not ours to read.
    }
  }
  return pids;
}

/** Re-checks `test` until it holds (mocha's timeout bounds it). */
export async function until<T>(test: () => T | undefined | false): Promise<T> {
  for (;;) {
    const v = test();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
}
