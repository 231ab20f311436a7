// @ts-check
// Layer 2: Playwright tests in test/e2e/ui (mocha, TypeScript through test/register.cjs) against the
// run's code-server with the .vsix installed, as a person sees the screen.
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { CHROMIUM_ARGS } from './browser.mjs';
import { CodeServer } from './codeserver.mjs';
import { createWorkspace } from './workspace.mjs';
import { CHROMIUM } from './setup.mjs';

const require = createRequire(import.meta.url);

export async function runLayer2({ root, runDir, bin, extensionsDir, resultsDir, screenshots }) {
  const screenshotsDir = screenshots ? join(root, 'docs', 'images') : undefined;
  if (screenshotsDir) mkdirSync(screenshotsDir, { recursive: true });
  require(join(root, 'test', 'register.cjs'));
  const { default: Mocha } = await import('mocha');
  const mocha = new Mocha({ timeout: 120_000, reporter: 'spec', forbidOnly: true, ...(process.env.E2E_GREP ? { grep: process.env.E2E_GREP } : {}) });
  // Every test gets a fresh code-server (own user-data, so no editors restored from the test
  // before) and a fresh workspace; the installed extension is shared.
  let server;
  let n = 0;
  mocha.rootHooks({
    beforeEach: async function () {
      const testDir = join(runDir, `ui-${n++}`);
      server = new CodeServer(bin, testDir, extensionsDir);
      await server.start();
      const workspace = createWorkspace(join(testDir, 'workspace'));
      process.env.SAFE_SQL_E2E = JSON.stringify({
        workbenchUrl: server.workbenchUrl(workspace), workspace, runDir: testDir, resultsDir, screenshotsDir,
        browser: { executablePath: CHROMIUM, args: CHROMIUM_ARGS }, env: server.env,
      });
    },
    /** @this {import('mocha').Context} */
    afterEach: async function () {
      await server?.stop();
      if (this.currentTest?.state === 'failed' && server) {
        copyFileSync(server.logFile, join(resultsDir, `${this.currentTest.fullTitle().replace(/[^a-z0-9]+/gi, '-').slice(0, 80)}.code-server.log`));
      }
      server = undefined;
    },
  });
  const dir = join(root, 'test', 'e2e', 'ui');
  for (const f of readdirSync(dir).filter((f) => f.endsWith('.ui.test.ts')).sort()) mocha.addFile(join(dir, f));
  await mocha.loadFilesAsync();
  return new Promise((resolve) => {
    const runner = mocha.run(() => resolve({ passed: runner.stats?.passes ?? 0, failed: runner.stats?.failures ?? 1 }));
  });
}
