// @ts-check
// An isolated code-server for one run: its own HOME, XDG folders, TMPDIR, user-data, extensions and port.
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, killGroup, spawnGroup, waitForOutput } from '../lib/processes.mjs';

// Quiet, deterministic workbench: no welcome page, tips, update checks or trust prompts.
const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.enableExperiments': false,
  'security.workspace.trust.enabled': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'telemetry.telemetryLevel': 'off',
  'editor.quickSuggestions': { other: false, comments: false, strings: false },
  'editor.suggestOnTriggerCharacters': false,
  'editor.autoClosingBrackets': 'never',
  'editor.autoClosingQuotes': 'never',
  'editor.hover.enabled': false,
  'files.autoSave': 'off',
  'window.restoreWindows': 'none',
  'chat.disableAIFeatures': true,
};

export function isolatedEnv(runDir) {
  const home = join(runDir, 'home');
  const env = {
    PATH: process.env.PATH,
    LANG: 'C.UTF-8',
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_DATA_HOME: join(home, '.local', 'share'),
    XDG_CACHE_HOME: join(home, '.cache'),
    XDG_RUNTIME_DIR: join(runDir, 'xdg-runtime'),
    TMPDIR: join(runDir, 'tmp'),
  };
  // The run's PostgreSQL (scripts/e2e/postgres.mjs), for tests that connect.
  if (process.env.SAFE_SQL_E2E_PG) env.SAFE_SQL_E2E_PG = process.env.SAFE_SQL_E2E_PG;
  for (const d of [env.XDG_CONFIG_HOME, env.XDG_DATA_HOME, env.XDG_CACHE_HOME, env.XDG_RUNTIME_DIR, env.TMPDIR]) mkdirSync(d, { recursive: true, mode: 0o700 });
  return env;
}

export class CodeServer {
  /** `extensionsDir` may be shared between servers; everything else is this server's own. */
  constructor(bin, runDir, extensionsDir = join(runDir, 'extensions')) {
    this.bin = bin;
    this.runDir = runDir;
    this.env = isolatedEnv(runDir);
    this.userDataDir = join(runDir, 'user-data');
    this.extensionsDir = extensionsDir;
    this.logFile = join(runDir, 'code-server.log');
    mkdirSync(join(this.userDataDir, 'User'), { recursive: true });
    mkdirSync(this.extensionsDir, { recursive: true });
    writeFileSync(join(this.userDataDir, 'User', 'settings.json'), JSON.stringify(USER_SETTINGS, null, 2));
  }

  commonArgs() {
    return ['--user-data-dir', this.userDataDir, '--extensions-dir', this.extensionsDir, '--disable-telemetry', '--disable-update-check'];
  }

  /** Installs the .vsix and returns the folder it was unpacked to. */
  installExtension(vsix, extensionId) {
    const r = spawnSync(process.execPath, [this.bin, ...this.commonArgs(), '--install-extension', vsix], { env: this.env, encoding: 'utf8', timeout: 120_000 });
    if (r.status !== 0) throw new Error(`code-server --install-extension failed (exit ${r.status})\n${r.stdout}${r.stderr}`);
    const dir = readdirSync(this.extensionsDir).find((d) => d.toLowerCase().startsWith(`${extensionId.toLowerCase()}-`));
    if (!dir) throw new Error(`code-server installed ${vsix}, but no ${extensionId} folder is in ${this.extensionsDir}:\n${r.stdout}${r.stderr}`);
    return join(this.extensionsDir, dir);
  }

  async start() {
    this.port = await freePort();
    const log = createWriteStream(this.logFile, { flags: 'a' });
    this.child = spawnGroup(process.execPath, [this.bin, ...this.commonArgs(), '--bind-addr', `127.0.0.1:${this.port}`, '--auth', 'none',
      '--disable-workspace-trust', '--disable-getting-started-override', '--ignore-last-opened', '--log', 'info'], {
      env: this.env, stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout?.pipe(log);
    this.child.stderr?.pipe(log);
    await waitForOutput(this.child, /HTTP server listening on/, 60_000, 'code-server');
    this.url = `http://127.0.0.1:${this.port}`;
    return this.url;
  }

  /** URL of the workbench on `folder`, optionally with a development extension and a test suite. */
  /**
   * @param {string} folder
   * @param {{ extensionDevelopmentPath?: string, extensionTestsPath?: string }} [options]
   */
  workbenchUrl(folder, { extensionDevelopmentPath, extensionTestsPath } = {}) {
    let url = `${this.url}/?folder=${encodeURIComponent(folder)}`;
    if (extensionDevelopmentPath) {
      const remote = (p) => `vscode-remote://127.0.0.1:${this.port}${p}`;
      const payload = [['extensionDevelopmentPath', remote(extensionDevelopmentPath)], ['extensionTestsPath', remote(extensionTestsPath)]];
      url += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    }
    return url;
  }

  async stop() {
    if (this.child) await killGroup(this.child);
    this.child = undefined;
  }
}
