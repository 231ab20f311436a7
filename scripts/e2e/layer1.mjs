// @ts-check
// Layer 1: the mocha suite in test/e2e/suite, bundled and run inside code-server's extension host
// against the installed extension. Its output comes through the page console.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { launchBrowser } from './browser.mjs';

const SUMMARY = 'SAFE_SQL_E2E_SUMMARY ';
const LINE = 'SAFE_SQL_E2E| ';

export async function runLayer1({ root, runDir, server, extensionPath, workspace, resultsDir }) {
  const suiteDir = join(runDir, 'suite');
  mkdirSync(suiteDir, { recursive: true });
  const suite = join(suiteDir, 'index.js');
  await build({
    entryPoints: [join(root, 'test', 'e2e', 'suite', 'index.ts')], outfile: suite, bundle: true, platform: 'node',
    target: 'node20', format: 'cjs', external: ['vscode'], sourcemap: 'inline', logLevel: 'warning', absWorkingDir: root,
    // Mocha's parallel mode (unused here) resolves worker files at run time.
    logOverride: { 'require-resolve-not-external': 'silent' },
  });

  const context = await launchBrowser(runDir, server.env);
  /** @type {{ passed: number, failed: number } | undefined} */
  let summary;
  const consoleLines = [];
  try {
    const page = context.pages()[0] ?? await context.newPage();
    const exitCode = new Promise((resolve) => {
      void page.exposeFunction('codeAutomationExit', (code) => resolve(code));
    });
    page.on('console', (msg) => {
      const text = msg.text();
      consoleLines.push(`[${msg.type()}] ${text}`);
      const summaryAt = text.indexOf(SUMMARY);
      const lineAt = text.indexOf(LINE);
      if (summaryAt >= 0) summary = JSON.parse(text.slice(summaryAt + SUMMARY.length));
      else if (lineAt >= 0) process.stdout.write(`  ${text.slice(lineAt + LINE.length)}\n`);
    });
    await page.goto(server.workbenchUrl(workspace, { extensionDevelopmentPath: extensionPath, extensionTestsPath: suite }));
    const code = await withTimeout(exitCode, 300_000, 'the extension-host suite did not finish in 5 minutes');
    if (code !== 0 || !summary || summary.failed > 0) writeFileSync(join(resultsDir, 'layer1-console.log'), consoleLines.join('\n') + '\n');
    if (!summary) {
      await page.screenshot({ path: join(resultsDir, 'layer1-no-summary.png') }).catch(() => {});
      return { passed: 0, failed: 1, note: `the suite exited with code ${code} and printed no summary (it did not load?)` };
    }
    if (code !== 0 && summary.failed === 0) return { ...summary, failed: 1, note: `the suite exited with code ${code}` };
    return summary;
  } finally {
    await context.close();
  }
}

function withTimeout(promise, ms, message) {
  let timer;
  return Promise.race([promise, new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(message)), ms); })]).finally(() => clearTimeout(timer));
}
