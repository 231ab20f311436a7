// @ts-check
// One-time set-up for the real-editor tests, reused when already done:
//  - Debian packages chromium, ripgrep, libkrb5-dev (installed when root with apt, else named);
//  - code-server, pinned, installed with npm into the git-ignored .cache/code-server/ (never a
//    devDependency: its postinstall only works with the environment prepared here).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, copyFileSync, chmodSync } from 'node:fs';
import { arch, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureAptPackages } from '../lib/apt.mjs';

export const CODE_SERVER_VERSION = '4.100.3';
export const CHROMIUM = '/usr/bin/chromium';
const APT_PACKAGES = [
  { pkg: 'chromium', file: CHROMIUM },
  { pkg: 'ripgrep', file: '/usr/bin/rg' },
  // kerberos (a code-server dependency) builds from source against it.
  { pkg: 'libkrb5-dev', file: '/usr/include/krb5.h' },
];
// Packages in code-server's tree whose install scripts must run (npm blocks them by default).
const ALLOWED_SCRIPTS = ['code-server', 'argon2', '@parcel/watcher', '@vscode/deviceid', '@vscode/ripgrep', '@vscode/spdlog',
  '@vscode/windows-ca-certs', '@vscode/windows-process-tree', '@vscode/windows-registry', 'kerberos', 'native-watchdog', 'node-pty'];

export class SetupError extends Error {}

function log(msg) {
  process.stdout.write(`[e2e setup] ${msg}\n`);
}

/**
 * Chromium, and what the code-server install needs.
 * @param {string} root
 */
export function ensureE2EPackages(root) {
  ensureAptPackages(APT_PACKAGES, { logFile: join(root, '.cache', 'apt-get.log'), say: log, fail: (msg) => new SetupError(msg) });
}

/** Returns the code-server launcher script, installing code-server first when needed. */
export function ensureCodeServer(root) {
  const dir = join(root, '.cache', 'code-server');
  const pkgDir = join(dir, 'node_modules', 'code-server');
  const bin = join(pkgDir, 'out', 'node', 'entry.js');
  const stamp = join(dir, `installed-${CODE_SERVER_VERSION}`);
  if (existsSync(stamp) && existsSync(bin)) return bin;
  // Native modules build from source here; one build (argon2's) has been seen to fail once and
  // pass on the next try, so a failed install is tried once more from scratch.
  try {
    return installCodeServer(dir, pkgDir, bin, stamp);
  } catch (err) {
    log(`install failed (${String(/** @type {any} */ (err)?.message ?? err).split('\n')[0]}); trying once more`);
    return installCodeServer(dir, pkgDir, bin, stamp);
  }
}

function installCodeServer(dir, pkgDir, bin, stamp) {
  log(`installing code-server ${CODE_SERVER_VERSION} into ${dir} (about a minute)`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const allowScripts = Object.fromEntries(ALLOWED_SCRIPTS.map((name) => [name, true]));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'safe-sql-e2e-code-server', private: true, allowScripts }, null, 2));
  const tmp = mkdtempSync(join(tmpdir(), 'safe-sql-code-server-install-'));
  try {
    const env = {
      ...process.env,
      TMPDIR: tmp,
      // Trap 1: as root, code-server's postinstall refuses to run without unsafe-perm.
      npm_config_unsafe_perm: 'true',
      // Trap 4: node-pty's postinstall runs `npx node-gyp`; native builds use this machine's headers.
      npm_config_yes: 'true',
      npm_config_nodedir: '/usr',
      npm_config_fund: 'false',
      npm_config_audit: 'false',
      npm_config_update_notifier: 'false',
    };
    // Without scripts first, to read which @vscode/ripgrep code-server's VS Code will install.
    npm(['install', '--ignore-scripts', '--no-save', `code-server@${CODE_SERVER_VERSION}`], dir, env);
    seedRipgrepCache(pkgDir, tmp, env);
    // code-server's postinstall runs `npm install` in these two projects of its own.
    for (const project of ['lib/vscode', 'lib/vscode/extensions']) {
      writeFileSync(join(pkgDir, project, '.npmrc'), `allow-scripts=${ALLOWED_SCRIPTS.join(',')}\n`);
    }
    // Now the install scripts: code-server's postinstall installs VS Code's own dependencies.
    npm(['rebuild', '--foreground-scripts'], dir, env);
    if (!existsSync(join(pkgDir, 'lib', 'vscode', 'node_modules', '@vscode', 'ripgrep', 'bin', 'rg'))) {
      throw new SetupError('code-server installed, but its ripgrep binary is missing');
    }
    writeFileSync(stamp, new Date().toISOString() + '\n');
    return bin;
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/**
 * Trap 3: @vscode/ripgrep's postinstall downloads rg from GitHub, unreachable here. It first looks
 * for `$TMPDIR/vscode-ripgrep-cache-<package version>/ripgrep-<VERSION>-<target>.tar.gz`, so put
 * Debian's rg there under that name. Both names come from the package's own code.
 */
function seedRipgrepCache(pkgDir, tmp, env) {
  const shrinkwrap = JSON.parse(readFileSync(join(pkgDir, 'lib', 'vscode', 'npm-shrinkwrap.json'), 'utf8'));
  const version = shrinkwrap.packages?.['node_modules/@vscode/ripgrep']?.version;
  if (!version) throw new SetupError('cannot find @vscode/ripgrep in code-server\'s shrinkwrap');
  const packDir = join(tmp, 'ripgrep-pack');
  mkdirSync(packDir);
  const out = npm(['pack', `@vscode/ripgrep@${version}`, '--pack-destination', packDir, '--json'], packDir, env);
  const file = JSON.parse(out)[0].filename;
  execFileSync('tar', ['xzf', join(packDir, file), '-C', packDir]);
  const postinstall = readFileSync(join(packDir, 'package', 'lib', 'postinstall.js'), 'utf8');
  const rgVersion = /const VERSION = '([^']+)'/.exec(postinstall)?.[1];
  if (!rgVersion) throw new SetupError(`cannot read VERSION from @vscode/ripgrep ${version}'s postinstall.js`);
  const target = { x64: 'x86_64-unknown-linux-musl', arm64: 'aarch64-unknown-linux-musl' }[arch()];
  if (!target) throw new SetupError(`no ripgrep target known for architecture ${arch()}`);
  const cache = join(tmp, `vscode-ripgrep-cache-${version}`);
  mkdirSync(cache, { recursive: true });
  const staging = join(tmp, 'rg-staging');
  mkdirSync(staging);
  copyFileSync('/usr/bin/rg', join(staging, 'rg'));
  chmodSync(join(staging, 'rg'), 0o755);
  const asset = `ripgrep-${rgVersion}-${target}.tar.gz`;
  execFileSync('tar', ['czf', join(cache, asset), '-C', staging, 'rg']);
  log(`seeded ${asset} for @vscode/ripgrep ${version} with /usr/bin/rg`);
}

function npm(args, cwd, env) {
  const r = spawnSync('npm', args, { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) {
    throw new SetupError(`npm ${args.join(' ')} failed (exit ${r.status})\n${(r.stdout ?? '').slice(-4000)}\n${(r.stderr ?? '').slice(-8000)}`);
  }
  return r.stdout;
}
