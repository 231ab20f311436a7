/**
 * Undo in the editor, as a person does it: commit a production UPDATE (the dialog says what undo
 * covers), then Safe SQL: Undo a Run… from the command palette, pick the run, confirm its own
 * dialog; the table is back as it was. The database is checked from outside the editor.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { e2e, openFile, workbenchOpenedByTest, writeSqlFile } from './harness';
import { answerPassword, auditFile, bindWorkspace, changedIds, clickDialogButton, dialog, notification, resetOrders, runGuardedKey, withDb } from './runSupport';

const contents = () => withDb(async (c) => (await c.query<{ h: string }>("SELECT md5(string_agg(id || ':' || status, ',' ORDER BY id)) AS h FROM run_orders")).rows[0].h);

describe('Undo a Run in the editor', () => {
  const workbench = workbenchOpenedByTest();
  beforeEach(resetOrders);

  it('commit a production UPDATE, then Undo a Run…, pick it and confirm: the rows are back, and the undo is audited as the run\'s', async () => {
    const before = await contents();
    const name = writeSqlFile('prod', "UPDATE run_orders SET status = 'shipped' WHERE id <= 3;\n", 'undo-ship');
    bindWorkspace();
    const { page } = await workbench.open();
    await openFile(page, name);
    await runGuardedKey(page);
    await answerPassword(page);
    await dialog(page).waitFor();
    assert.match((await dialog(page).textContent()) ?? '', /Undo available for 3 rows\./);
    await clickDialogButton(page, 'Commit');
    assert.match(await notification(page, 'committed 3 rows'), /Undo a Run/);
    assert.deepEqual(await changedIds(), [1, 2, 3]);
    const original = JSON.parse(readFileSync(auditFile()!, 'utf8').trim().split('\n').at(-1)!) as { undo: { id: string } };

    await page.keyboard.press('F1');
    await page.waitForSelector('.quick-input-widget input', { state: 'visible' });
    await page.keyboard.type('Safe SQL: Undo a Run');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Undo a Run' }).first().waitFor();
    await page.keyboard.press('Enter');
    const row = page.locator('.quick-input-list .monaco-list-row', { hasText: "UPDATE run_orders SET status = 'shipped' WHERE id <= 3;" });
    await row.first().waitFor();
    assert.match((await row.first().textContent()) ?? '', /1 statement · 3 rows/);
    const shots = e2e().screenshotsDir;
    if (shots) await page.screenshot({ path: join(shots, 'undo-a-run.png') });
    await page.keyboard.press('Enter');

    await dialog(page).waitFor();
    const detail = (await dialog(page).textContent()) ?? '';
    assert.match(detail, /Commit 3 rows on prod-main \(PRODUCTION\)\?/);
    assert.match(detail, /UPDATE 3 rows/);
    assert.ok(detail.includes(`Undo of run ${original.undo.id}`), detail);
    await clickDialogButton(page, 'Commit');
    for (let i = 0; i < 100 && (await contents()) !== before; i++) await new Promise((r) => setTimeout(r, 100));
    assert.equal(await contents(), before);
    assert.deepEqual(await changedIds(), []);
    const last = JSON.parse(readFileSync(auditFile()!, 'utf8').trim().split('\n').at(-1)!) as { undoOf?: string; outcome: string };
    assert.deepEqual([last.undoOf, last.outcome], [original.undo.id, 'committed']);
  });
});
