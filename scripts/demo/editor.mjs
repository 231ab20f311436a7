// @ts-check
// Opens the demo workspace in an editor: VS Code when a `code` command is on PATH (the extension
// loaded from the source folder), otherwise code-server with the freshly packaged .vsix installed.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { CodeServer } from '../e2e/codeserver.mjs';
import { ensureAptPackages } from '../lib/apt.mjs';
import { processesIn } from '../lib/processes.mjs';
import { buildAndPackageIfChanged } from '../e2e/package-vsix.mjs';
import { ensureCodeServer } from '../e2e/setup.mjs';

const EXTENSION_ID = 'safe-sql.safe-sql';

// A workbench for people, not for tests: hovers, light bulbs and suggestions stay on.
const DEMO_USER_SETTINGS = {
  'workbench.startupEditor': 'readme',
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'workbench.enableExperiments': false,
  'chat.disableAIFeatures': true,
};

// What the code-server install (scripts/e2e/setup.mjs) needs from the system; Chromium is not needed here.
const INSTALL_NEEDS = [
  { pkg: 'ripgrep', file: '/usr/bin/rg' },
  { pkg: 'libkrb5-dev', file: '/usr/include/krb5.h' },
];

export function codeOnPath() {
  return (process.env.PATH ?? '').split(delimiter).some((d) => d && existsSync(join(d, 'code')));
}

/**
 * The e2e set-up installs code-server into the same folder, and two installs at once break each
 * other (each removes the folder when it fails). Wait while another process works in it.
 */
async function waitForOtherInstall(dir, say) {
  const until = Date.now() + 10 * 60_000;
  let told = false;
  for (let pids = processesIn(dir); pids.length > 0; pids = processesIn(dir)) {
    if (!told) say(`another process is installing code-server in ${dir} (pid ${pids.join(', ')}); waiting for it`);
    told = true;
    if (Date.now() > until) throw new Error(`code-server is still being installed in ${dir} by pid ${pids.join(', ')} after 10 minutes`);
    await new Promise((r) => setTimeout(r, 1000));
  }
}

/** Everything that may take long and needs no database: code-server set-up, build, packaging. */
export async function prepareCodeServer({ root, demoDir, say }) {
  const cacheDir = join(root, '.cache', 'code-server');
  await waitForOtherInstall(cacheDir, say);
  const stamp = join(cacheDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
  if (!existsSync(stamp)) {
    ensureAptPackages(INSTALL_NEEDS, { logFile: join(root, '.cache', 'apt-get.log'), say });
    say('installing code-server into .cache/code-server (once; about a minute)');
  }
  const bin = ensureCodeServer(root);
  say('building the extension');
  const vsix = join(demoDir, 'safe-sql.vsix');
  say(buildAndPackageIfChanged(root, vsix) ? 'packaged the extension' : 'the packaged extension is up to date');
  return { bin, vsix };
}

/** Starts code-server with the .vsix installed. Returns { server, url }. */
export async function startCodeServer({ bin, vsix, demoDir, workspace, env, say }) {
  const runDir = join(demoDir, 'code-server');
  // A fresh extensions folder: installing the same version again would otherwise be skipped.
  rmSync(join(runDir, 'extensions'), { recursive: true, force: true });
  const server = new CodeServer(bin, runDir);
  writeFileSync(join(server.userDataDir, 'User', 'settings.json'), JSON.stringify(DEMO_USER_SETTINGS, null, 2) + '\n');
  Object.assign(server.env, env);
  server.installExtension(vsix, EXTENSION_ID);
  say('starting code-server');
  await server.start();
  return { server, url: server.workbenchUrl(workspace) };
}

/** Opens VS Code on the workspace with the extension from the source folder (built first). */
export async function openVsCode({ root, workspace, env, say }) {
  say('building the extension');
  const build = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) throw new Error(`node scripts/build.mjs failed (exit ${build.status})`);
  say('opening VS Code');
  const child = spawn('code', ['--new-window', `--extensionDevelopmentPath=${root}`, workspace], { env: { ...process.env, ...env }, stdio: 'inherit' });
  const code = await new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', resolve);
  });
  if (code !== 0) throw new Error(`code exited with code ${code}`);
}
