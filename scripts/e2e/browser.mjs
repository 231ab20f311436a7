// @ts-check
// Headless Debian Chromium through playwright-core, with a fresh profile per launch.
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM } from './setup.mjs';

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

/** A persistent context in its own profile folder under runDir (so nothing lands in HOME). */
export async function launchBrowser(runDir, env) {
  const profile = mkdtempSync(join(runDir, 'chromium-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    env,
    // run.mjs owns signals: it closes browsers and process groups itself.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    viewport: { width: 1400, height: 900 },
  });
  open.add(context);
  context.once('close', () => open.delete(context));
  return context;
}

const open = new Set();

/** Closes every browser still open (used on failure and Ctrl+C). */
export async function closeAllBrowsers() {
  await Promise.all([...open].map((c) => c.close().catch(() => {})));
}
