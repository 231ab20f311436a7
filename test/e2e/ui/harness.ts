/**
 * Layer 2 harness: a fresh headless Chromium on the run's code-server, and the moves a person makes
 * (open a file, type, open the Problems panel). scripts/e2e/layer2.mjs passes the run's details in
 * SAFE_SQL_E2E.
 */
import { existsSync, mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, BrowserContext, Page } from 'playwright-core';

export interface E2EContext {
  workbenchUrl: string;
  workspace: string;
  runDir: string;
  resultsDir: string;
  /** Where README screenshots go, when the run was asked for them. */
  screenshotsDir?: string;
  browser: { executablePath: string; args: string[] };
  env: Record<string, string>;
}

export function e2e(): E2EContext {
  const raw = process.env.SAFE_SQL_E2E;
  if (!raw) throw new Error('SAFE_SQL_E2E is not set: run these tests through `npm run test:e2e`');
  return JSON.parse(raw) as E2EContext;
}

export interface Workbench {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

export async function openWorkbench(): Promise<Workbench> {
  const ctx = e2e();
  const context = await chromium.launchPersistentContext(mkdtempSync(join(ctx.runDir, 'chromium-profile-')), {
    executablePath: ctx.browser.executablePath,
    args: ctx.browser.args,
    env: ctx.env,
    headless: true,
    viewport: { width: 1280, height: 800 },
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  const page = context.pages()[0] ?? await context.newPage();
  await page.goto(ctx.workbenchUrl);
  await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
  return { context, page, close: () => context.close() };
}

/**
 * Writes `<stem>.sql` into the workspace folder `folder` (prod or dev) and returns its name. Each
 * run has a fresh workspace; each test uses its own stem.
 */
export function writeSqlFile(folder: 'prod' | 'dev', text: string, stem: string): string {
  const name = `${stem}.sql`;
  const file = join(e2e().workspace, folder, name);
  if (existsSync(file)) throw new Error(`${folder}/${name} already exists: give each test its own file`);
  writeFileSync(file, text);
  return name;
}

/** Quick Open (Ctrl+P), the file's name, Enter; resolves when its editor has focus. */
export async function openFile(page: Page, name: string): Promise<void> {
  await page.keyboard.press('Control+P');
  await page.waitForSelector('.quick-input-widget input', { state: 'visible' });
  await page.keyboard.type(name);
  await page.waitForSelector(`.quick-input-list .monaco-list-row[aria-label*="${name}"]`);
  await page.keyboard.press('Enter');
  await page.waitForSelector(`.tabs-container .tab.active[aria-label*="${name}"]`);
  await page.locator('.editor-group-container.active .monaco-editor .view-lines').click();
}

/**
 * Resolves when a line of the active editor shows exactly `text`. Monaco renders a frame after the
 * keystroke, so a test waits for the screen rather than reading it once.
 */
export async function waitForLine(page: Page, text: string): Promise<void> {
  // Monaco draws spaces as no-break spaces.
  const exact = new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '[ \u00a0]')}$`);
  await page.locator('.editor-group-container.active .monaco-editor .view-line').filter({ hasText: exact }).first().waitFor();
}

export const squiggles = (page: Page, kind: 'error' | 'warning') => page.locator(`.editor-group-container.active .monaco-editor .squiggly-${kind}`);

/** Resolves when the active editor shows no squiggle of `kind`. */
export async function waitNoSquiggle(page: Page, kind: 'error' | 'warning'): Promise<void> {
  await squiggles(page, kind).first().waitFor({ state: 'detached' });
}

/** Opens the Problems panel (Ctrl+Shift+M) and returns the rows' text. */
export async function problemsRows(page: Page, containing: string): Promise<string[]> {
  if (!(await page.locator('.markers-panel').isVisible())) await page.keyboard.press('Control+Shift+M');
  const rows = page.locator('.markers-panel .monaco-list-row', { hasText: containing });
  await rows.first().waitFor();
  return rows.allTextContents();
}

/** After a failed test: a screenshot under test-results/, named after the test. */
export async function saveFailure(page: Page | undefined, title: string): Promise<void> {
  if (!page) return;
  const dir = e2e().resultsDir;
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${title.replace(/[^a-z0-9]+/gi, '-').slice(0, 80)}.png`);
  await page.screenshot({ path: file, fullPage: true }).catch(() => undefined);
}

/**
 * Waits for the light bulb at the cursor (how a person sees a fix is on offer), then Ctrl+., arrow
 * keys to the action titled `title`, and Enter.
 */
export async function chooseCodeAction(page: Page, title: string): Promise<void> {
  await page.locator('.editor-group-container.active .monaco-editor .lightBulbWidget').waitFor({ state: 'visible' });
  await page.keyboard.press('Control+.');
  const rows = page.locator('.action-widget .monaco-list-row.action');
  await rows.first().waitFor();
  const titles = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
  if (!titles.includes(title)) throw new Error(`no "${title}" among the code actions ${JSON.stringify(titles)}`);
  for (let i = 0; i <= titles.length; i++) {
    if ((await page.locator('.action-widget .monaco-list-row.action.focused').getAttribute('aria-label')) === title) {
      await page.keyboard.press('Enter');
      await page.locator('.action-widget').waitFor({ state: 'hidden' });
      return;
    }
    await page.keyboard.press('ArrowDown');
  }
  throw new Error(`could not move the focus to "${title}"`);
}

/**
 * A workbench the test opens when its own set-up is done, closed after each test of the calling
 * `describe` block. A failed test saves a screenshot first.
 */
export function workbenchOpenedByTest(): { open(): Promise<Workbench>; current(): Workbench | undefined } {
  let wb: Workbench | undefined;
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await saveFailure(wb?.page, this.currentTest.fullTitle());
    await wb?.close();
    wb = undefined;
  });
  return {
    open: async () => (wb = await openWorkbench()),
    current: () => wb,
  };
}

/** A fresh workbench for each test of the calling `describe` block. Returns a getter for it. */
export function workbenchPerTest(): () => Workbench {
  const holder = workbenchOpenedByTest();
  beforeEach(async () => {
    await holder.open();
  });
  return () => {
    const wb = holder.current();
    if (!wb) throw new Error('no workbench: workbenchPerTest() gives one only inside a test');
    return wb;
  };
}
