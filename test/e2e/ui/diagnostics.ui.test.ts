/** Scenario 1, as a person sees it: diagnostics while typing, by environment. */
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { e2e, openFile, problemsRows, squiggles, waitForLine, waitNoSquiggle, workbenchPerTest, writeSqlFile } from './harness';

describe('diagnostics while typing (scenario 1)', () => {
  const workbench = workbenchPerTest();

  it('typing DELETE FROM orders; in a production file shows an error squiggle and a Problems entry; WHERE id = 1 clears it', async () => {
    const page = workbench().page;
    const name = writeSqlFile('prod', '', 'orders-cleanup');
    await openFile(page, name);
    await page.keyboard.type('DELETE FROM orders;');
    await squiggles(page, 'error').first().waitFor();
    const label = await page.locator('#status\\.problems').getAttribute('aria-label');
    assert.match(label ?? '', /Errors: [1-9]/, `status bar problems: ${label}`);
    const rows = await problemsRows(page, 'missing-where');
    assert.equal(rows.length, 1, `problems: ${JSON.stringify(rows)}`);

    const shots = e2e().screenshotsDir;
    if (shots) await page.screenshot({ path: join(shots, 'blocked-delete.png') });

    // Back before the semicolon, then the condition.
    await page.locator('.editor-group-container.active .monaco-editor .view-lines').click();
    await page.keyboard.press('End');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.type(' WHERE id = 1');
    await waitForLine(page, 'DELETE FROM orders WHERE id = 1;');
    await waitNoSquiggle(page, 'error');
    await page.locator('.markers-panel .monaco-list-row', { hasText: 'missing-where' }).waitFor({ state: 'detached' });
  });

  it('the same statement in a development file shows a warning squiggle, not an error', async () => {
    const page = workbench().page;
    const name = writeSqlFile('dev', '', 'dev-orders-cleanup');
    await openFile(page, name);
    await page.keyboard.type('DELETE FROM orders;');
    await squiggles(page, 'warning').first().waitFor();
    assert.equal(await squiggles(page, 'error').count(), 0);
    const label = await page.locator('#status\\.problems').getAttribute('aria-label');
    // The label lists only non-zero counts, e.g. "Warnings: 1".
    assert.match(label ?? '', /Warnings: [1-9]/, `status bar problems: ${label}`);
    assert.doesNotMatch(label ?? '', /Errors: [1-9]/, `status bar problems: ${label}`);
    assert.equal((await problemsRows(page, 'missing-where')).length, 1);
  });
});
