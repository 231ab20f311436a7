/**
 * Scenarios 3–8, as a person sees them: Ctrl+Enter in a production file, the modal with the real
 * row counts, Commit or Roll back, the typed count, the confirm timeout, and a dead server.
 * The database is checked from outside the editor, with its own connection.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { e2e, openFile, problemsRows, squiggles, Workbench, workbenchOpenedByTest, writeSqlFile } from './harness';
import {
  answerPassword, auditFile, auditLines, bindWorkspace, changedIds, clickDialogButton, dialog, notification, resetOrders, runGuardedKey, serverPids, until, withDb,
} from './runSupport';

describe('guarded runs in the editor (scenarios 3–8)', () => {
  const workbench = workbenchOpenedByTest();
  beforeEach(resetOrders);

  async function open(settings: Record<string, unknown> = {}): Promise<Workbench> {
    bindWorkspace(settings);
    return workbench.open();
  }

  /** Runs `sql` from a new production file with Ctrl+Enter, as a person does, and waits for the dialog. */
  async function askToCommit(sql: string, stem: string): Promise<{ page: Workbench['page']; detail: string }> {
    const name = writeSqlFile('prod', sql, stem);
    const { page } = await open();
    await openFile(page, name);
    await runGuardedKey(page);
    await answerPassword(page);
    await dialog(page).waitFor();
    return { page, detail: (await dialog(page).textContent()) ?? '' };
  }

  it('3. refusal: a WHERE-less UPDATE is refused; the reason names the rule and the line; the database is unchanged', async () => {
    const name = writeSqlFile('prod', "-- close every order?\nUPDATE run_orders SET status = 'closed';\n", 'refused');
    const { page } = await open();
    await openFile(page, name);
    await page.keyboard.press('Control+End');
    await runGuardedKey(page);
    const text = await notification(page, 'refused');
    assert.match(text, /missing-where/);
    assert.match(text, /\b2:1\b/);
    assert.equal(await dialog(page).count(), 0);
    assert.deepEqual(await changedIds(), []);
  });

  it('4 and 5. roll back leaves the database unchanged; the same run with Commit changes exactly those rows and is audited', async () => {
    const { page, detail } = await askToCommit("UPDATE run_orders SET status = 'shipped' WHERE id <= 3;\n", 'ship');
    assert.match(detail, /Commit 3 rows on prod-main \(PRODUCTION\)\?/);
    assert.match(detail, /Line 1: UPDATE run_orders SET status = 'shipped' WHERE id <= 3; → UPDATE 3 rows/);
    assert.match(detail, /Total: 3 rows in 1 statement/);
    const shots = e2e().screenshotsDir;
    if (shots) await page.screenshot({ path: join(shots, 'confirm-dialog.png') });
    await clickDialogButton(page, 'Roll back');
    assert.match(await notification(page, 'rolled back'), /declined/);
    assert.deepEqual(await changedIds(), []);
    const audited = auditLines();
    assert.ok(audited >= 1, 'the roll back was audited');

    // Asked once: the second run needs no password.
    await page.locator('.editor-group-container.active .monaco-editor .view-lines').click();
    await runGuardedKey(page);
    await dialog(page).waitFor();
    await clickDialogButton(page, 'Commit');
    assert.match(await notification(page, 'committed 3 rows'), /UPDATE 3/);
    assert.deepEqual(await changedIds(), [1, 2, 3]);
    assert.equal(auditLines(), audited + 1);
    const last = JSON.parse(readFileSync(auditFile()!, 'utf8').trim().split('\n').at(-1)!) as { outcome: string; client: string; connection: string; totalRows: number };
    assert.deepEqual([last.outcome, last.client, last.connection, last.totalRows], ['committed', 'vscode', 'prod-main', 3]);
  });

  it('the dialog of a cascading DELETE shows the cascaded table and its count, marked as not explained by any statement', async () => {
    await withDb(async (c) => {
      await c.query(`DROP TABLE IF EXISTS run_lines, run_carts;
        CREATE TABLE run_carts (id int PRIMARY KEY);
        CREATE TABLE run_lines (id int PRIMARY KEY, cart int NOT NULL REFERENCES run_carts ON DELETE CASCADE);
        INSERT INTO run_carts VALUES (1), (2);
        INSERT INTO run_lines SELECT g, 1 FROM generate_series(1, 40) g;`);
    });
    const { page, detail } = await askToCommit('DELETE FROM run_carts WHERE id = 1;\n', 'cascade');
    assert.match(detail, /public\.run_lines: 40 deleted — by cascade, trigger or function/);
    assert.match(detail, /public\.run_carts: 1 deleted/);
    await clickDialogButton(page, 'Roll back');
    await notification(page, 'rolled back');
    const left = await withDb(async (c) => (await c.query<{ n: number }>('SELECT count(*)::int AS n FROM run_lines')).rows[0].n);
    assert.equal(left, 40);
  });

  it('6. typed confirmation: above maxAffectedRows the count must be typed; a wrong number rolls back', async () => {
    const name = writeSqlFile('prod', "UPDATE run_orders SET status = 'late' WHERE id <= 8;\n", 'typed');
    const { page } = await open();
    await openFile(page, name);
    await runGuardedKey(page);
    await answerPassword(page);
    await dialog(page).waitFor();
    assert.match((await dialog(page).textContent()) ?? '', /Typing required: 8 rows is above this connection's limit of 5/);
    await clickDialogButton(page, 'Commit');
    const box = page.locator('.quick-input-widget', { hasText: 'type the exact row count' });
    await box.waitFor({ state: 'visible' });
    await page.keyboard.type('7');
    await page.keyboard.press('Enter');
    assert.match(await notification(page, 'rolled back'), /did not match 8/);
    assert.deepEqual(await changedIds(), []);
  });

  it('7. timeout: the status bar shows the open transaction while the dialog waits; the confirm timeout rolls back and says so', async () => {
    const name = writeSqlFile('prod', "UPDATE run_orders SET status = 'held' WHERE id = 7;\n", 'waits');
    const { page } = await open({ 'safeSql.confirmTimeout': 4 });
    await openFile(page, name);
    await runGuardedKey(page);
    await answerPassword(page);
    await dialog(page).waitFor();
    await page.locator('.statusbar-item', { hasText: /PROD prod-main · uncommitted · 1 row/ }).waitFor();
    assert.match(await notification(page, 'no confirmation within 4 s'), /rolled back/);
    assert.deepEqual(await changedIds(), []);
    // The dialog still on screen no longer counts: Commit now changes nothing.
    if (await dialog(page).count()) await clickDialogButton(page, 'Commit');
    await page.locator('.statusbar-item', { hasText: 'uncommitted' }).waitFor({ state: 'detached' });
    assert.deepEqual(await changedIds(), []);
  });

  it('8. server down: a killed server is restarted and diagnostics come back; once it stays down, Run Guarded says it is not running', async () => {
    const name = writeSqlFile('prod', 'DELETE FROM run_orders;\n', 'server-down');
    const { page } = await open();
    await openFile(page, name);
    await squiggles(page, 'error').first().waitFor();
    let pid = await until(() => serverPids()[0]);

    process.kill(pid, 'SIGKILL');
    // Typing on while the server is dead: each keystroke's messages fail to write, and those
    // errors must not stop the client from bringing the server back.
    await page.locator('.editor-group-container.active .monaco-editor .view-lines').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('\n-- typed while the server was down', { delay: 20 });
    const restarted = await until(() => serverPids().find((p) => p !== pid));
    await page.keyboard.type('\nTRUNCATE run_orders;');
    assert.equal((await problemsRows(page, 'truncate')).length, 1, 'diagnostics come from the restarted server');

    // The client gives up after five crashes in three minutes.
    pid = restarted;
    for (let i = 0; i < 4; i++) {
      process.kill(pid, 'SIGKILL');
      if (i < 3) pid = await until(() => serverPids().find((p) => p !== pid));
    }
    await until(() => serverPids().length === 0);
    // The client notices the last crash a moment after the process is gone: ask until it says so.
    const notRunning = page.locator('.notifications-toasts .notification-toast', { hasText: 'Safe SQL: the language server is not running.' });
    for (let attempt = 0; attempt < 10 && !(await notRunning.isVisible()); attempt++) {
      await page.locator('.editor-group-container.active .monaco-editor .view-lines').click();
      await runGuardedKey(page);
      await notRunning.waitFor({ timeout: 3000 }).catch(() => undefined);
    }
    await notification(page, 'Safe SQL: the language server is not running.');
    await page.locator('.notifications-toasts .notification-toast', { hasText: 'not running' }).locator('a.monaco-button', { hasText: 'Restart Server' }).click();
    await until(() => serverPids()[0]);
    // New text, so only a live server can produce its diagnostic: a second missing-where.
    await page.locator('.editor-group-container.active .monaco-editor .view-lines').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('\nDELETE FROM items;');
    await page.locator('.markers-panel .monaco-list-row', { hasText: 'missing-where' }).nth(1).waitFor();
    assert.deepEqual(await changedIds(), []);
  });
});
