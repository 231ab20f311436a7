/**
 * Safe SQL: Add Connection as a person goes through it: the guided quick input, the password last,
 * then Test Connection from the notification, against the run's PostgreSQL.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Page } from 'playwright-core';
import { e2e, openFile, workbenchPerTest, writeSqlFile } from './harness';

const input = (page: Page) => page.locator('.quick-input-widget input.input');

/** Waits for the guided input's step `n`, replaces the box's text with `text`, and presses Enter. */
async function answer(page: Page, title: string, text: string): Promise<void> {
  await page.locator('.quick-input-widget .quick-input-title', { hasText: title }).waitFor();
  await input(page).fill(text);
  await page.keyboard.press('Enter');
}

describe('Add Connection (guided input)', () => {
  const workbench = workbenchPerTest();

  it('asks step by step, keeps the password out of settings.json, and Test Connection then connects without asking', async () => {
    const raw = process.env.SAFE_SQL_E2E_PG;
    if (!raw) throw new Error('SAFE_SQL_E2E_PG is not set: run through npm run test:e2e');
    const pg = JSON.parse(raw) as { host: string; port: number; user: string; password: string; database: string };
    const page = workbench().page;
    await openFile(page, writeSqlFile('dev', 'SELECT 1;\n', 'activate'));

    await page.keyboard.press('F1');
    await input(page).fill('>Safe SQL: Add Connection');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Safe SQL: Add Connection' }).first().waitFor();
    await page.keyboard.press('Enter');
    await answer(page, '(1/7)', 'shop-live');
    await answer(page, '(2/7)', pg.host);
    await answer(page, '(3/7)', String(pg.port));
    await answer(page, '(4/7)', pg.database);
    await answer(page, '(5/7)', pg.user);
    await answer(page, '(6/7)', 'default');
    await answer(page, '(7/7)', 'production');
    await answer(page, 'where to save the connection', 'Workspace settings');
    await answer(page, 'password for shop-live', pg.password);

    const added = page.locator('.notification-toast', { hasText: 'connection "shop-live" (production) added' });
    await added.waitFor();
    const settings = readFileSync(join(e2e().workspace, '.vscode', 'settings.json'), 'utf8');
    assert.match(settings, /"name": "shop-live"/);
    assert.match(settings, new RegExp(`"port": ${pg.port}`));
    assert.ok(!settings.includes(pg.password), 'the password is in settings.json');

    await added.getByRole('button', { name: 'Test Connection' }).click();
    await page.locator('.notification-toast', { hasText: /shop-live: connected to PostgreSQL \d+/ }).waitFor();
    // It was never asked for again: no password box opened.
    assert.equal(await page.locator('.quick-input-widget .quick-input-title', { hasText: 'password for shop-live' }).isVisible(), false);
  });
});
