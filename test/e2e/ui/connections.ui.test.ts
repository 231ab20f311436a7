/** Seeing where you are, as a person sees it: the status bar item and the production banner. */
import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { e2e, openFile, openWorkbench, Workbench, workbenchOpenedByTest, writeSqlFile } from './harness';

/** Runs in the page: the item's classes and its computed background. */
const look = (el: unknown) => {
  const style = (globalThis as unknown as { getComputedStyle(e: unknown): { backgroundColor: string } }).getComputedStyle(el);
  return { classes: String((el as { className: unknown }).className), background: style.backgroundColor };
};

describe('the connection in the status bar and the banner', () => {
  const workbench = workbenchOpenedByTest();
  let wb: Workbench | undefined;

  beforeEach(async () => {
    // The production connection points at a named server, as a real one would (it is never reached here).
    const file = join(e2e().workspace, '.vscode', 'settings.json');
    const settings = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    settings['safeSql.connections'] = [
      { name: 'prod-main', environment: 'production', host: 'db.example.com', database: 'shop', user: 'app' },
      { name: 'dev-local', environment: 'development', host: 'localhost', database: 'shop_dev' },
    ];
    writeFileSync(file, JSON.stringify(settings, null, 2));
    wb = await workbench.open();
  });

  it('a production file: red status bar item and banner; a development file: plain item, no banner', async () => {
    const page = wb!.page;
    const prod = writeSqlFile('prod', "UPDATE orders SET status = 'shipped' WHERE id = 42;\n\nDELETE FROM orders;\n", 'ship-order');
    const dev = writeSqlFile('dev', 'SELECT * FROM orders;\n', 'look-around');
    await openFile(page, prod);

    const item = page.locator('.statusbar-item', { hasText: 'PRODUCTION · prod-main' });
    await item.waitFor();
    const banner = page.locator('.editor-group-container.active .codelens-decoration', { hasText: 'PRODUCTION · prod-main · app@db.example.com/shop' });
    await banner.waitFor();
    await page.locator('.editor-group-container.active .codelens-decoration', { hasText: '▶ Run guarded' }).first().waitFor();
    const prodLook = await item.evaluate(look);
    assert.match(prodLook.classes, /error-kind/, JSON.stringify(prodLook));
    assert.notEqual(prodLook.background, 'rgba(0, 0, 0, 0)', JSON.stringify(prodLook));

    // The DELETE's squiggle, so the screenshot shows what production blocks.
    await page.locator('.editor-group-container.active .monaco-editor .squiggly-error').first().waitFor();
    const shots = e2e().screenshotsDir;
    if (shots) await page.screenshot({ path: join(shots, 'production-status-bar.png') });

    await openFile(page, dev);
    const devItem = page.locator('.statusbar-item', { hasText: 'development · dev-local' });
    await devItem.waitFor();
    const devLook = await devItem.evaluate(look);
    assert.doesNotMatch(devLook.classes, /error-kind|warning-kind/, JSON.stringify(devLook));
    assert.notEqual(devLook.background, prodLook.background, JSON.stringify({ devLook, prodLook }));
    assert.equal(await page.locator('.statusbar-item', { hasText: 'PRODUCTION' }).count(), 0);
    assert.equal(await page.locator('.editor-group-container.active .codelens-decoration', { hasText: 'PRODUCTION' }).count(), 0);
  });

  it('the banner shows on open, without an edit, in ten fresh windows in a row', async function () {
    // Ten windows, each started and closed: far longer than one scenario.
    this.timeout(420_000);
    await wb?.close();
    wb = undefined;
    const prod = writeSqlFile('prod', 'SELECT 1;\n', 'banner-on-open');
    for (let i = 1; i <= 10; i++) {
      wb = await openWorkbench();
      await openFile(wb.page, prod);
      const banner = wb.page.locator('.editor-group-container.active .codelens-decoration', { hasText: 'PRODUCTION · prod-main' });
      await banner.waitFor({ timeout: 15_000 }).catch(() => assert.fail(`window ${i}: no production banner 15 s after opening the file`));
      await wb.close();
      wb = undefined;
    }
  });
});

