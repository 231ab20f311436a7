/** Scenario 2, as a person sees it: the "Add WHERE clause" quick fix. */
import { chooseCodeAction, openFile, squiggles, waitForLine, waitNoSquiggle, workbenchPerTest, writeSqlFile } from './harness';

describe('quick fix (scenario 2)', () => {
  const workbench = workbenchPerTest();

  it('"Add WHERE clause" inserts the clause and the cursor lands where the condition goes', async () => {
    const page = workbench().page;
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
