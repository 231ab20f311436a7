/** Scenario 2, as a person sees it: the "Add WHERE clause" quick fix. */
import { chooseCodeAction, openFile, openWorkbench, saveFailure, squiggles, waitForLine, waitNoSquiggle, Workbench, writeSqlFile } from './harness';

describe('quick fix (scenario 2)', () => {
  let wb: Workbench | undefined;

  beforeEach(async () => {
    wb = await openWorkbench();
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await saveFailure(wb?.page, this.currentTest.fullTitle());
    await wb?.close();
    wb = undefined;
  });

  it('"Add WHERE clause" inserts the clause and the cursor lands where the condition goes', async () => {
    const page = wb!.page;
    const name = writeSqlFile('prod', 'DELETE FROM orders;\n', 'quick-fix');
    await openFile(page, name);
    await squiggles(page, 'error').first().waitFor();
    await page.keyboard.press('Control+Home');
    await chooseCodeAction(page, 'Add WHERE clause');
    await waitForLine(page, 'DELETE FROM orders WHERE ;');
    // The cursor lands after `WHERE ` (the status bar shows it), and typing goes where the condition goes.
    await page.locator('#status\\.editor\\.selection', { hasText: `Ln 1, Col ${'DELETE FROM orders WHERE '.length + 1}` }).waitFor();
    await page.keyboard.type('id = 1');
    await waitForLine(page, 'DELETE FROM orders WHERE id = 1;');
    await waitNoSquiggle(page, 'error');
  });
});
