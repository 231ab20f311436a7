// Layer 2: Playwright tests in test/e2e/ui (mocha, TypeScript through test/register.cjs) against the
// run's code-server with the .vsix installed, as a person sees the screen.
import { mkdirSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { CHROMIUM_ARGS } from './browser.mjs';
import { CHROMIUM } from './setup.mjs';

const require = createRequire(import.meta.url);

export async function runLayer2({ root, runDir, server, workspace, resultsDir, screenshots }) {
  const screenshotsDir = screenshots ? join(root, 'docs', 'images') : undefined;
  if (screenshotsDir) mkdirSync(screenshotsDir, { recursive: true });
  process.env.SAFE_SQL_E2E = JSON.stringify({
    workbenchUrl: server.workbenchUrl(workspace), workspace, runDir, resultsDir, screenshotsDir,
    browser: { executablePath: CHROMIUM, args: CHROMIUM_ARGS }, env: server.env,
  });
  require(join(root, 'test', 'register.cjs'));
  const { default: Mocha } = await import('mocha');
  const mocha = new Mocha({ timeout: 120_000, reporter: 'spec', forbidOnly: true });
  const dir = join(root, 'test', 'e2e', 'ui');
  for (const f of readdirSync(dir).filter((f) => f.endsWith('.ui.test.ts')).sort()) mocha.addFile(join(dir, f));
  await mocha.loadFilesAsync();
  return new Promise((resolve) => {
    const runner = mocha.run(() => resolve({ passed: runner.stats.passes, failed: runner.stats.failures }));
  });
}
