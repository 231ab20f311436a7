// @ts-check
// Writes the demo workspace from examples/demo/workspace/. Example files are written only when
// missing, so a user's edits survive the next run; .vscode/settings.json is updated every run
// (the port changes), keeping whatever else the user put in it.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

export const PROD = 'prod-shop';
export const DEV = 'dev-shop';
export const PROD_GLOB = 'prod/**/*.sql';
export const DEV_GLOB = '**/*.sql';

function connections({ port, database, user }) {
  const common = { host: '127.0.0.1', port, database, user, ssl: 'disable' };
  return [
    { name: PROD, environment: 'production', ...common, maxAffectedRows: 1000 },
    { name: DEV, environment: 'development', ...common },
  ];
}

/** Merges the demo's connections and bindings into existing settings, replacing only its own entries. */
export function mergeSettings(existing, db) {
  const ours = connections(db);
  const names = new Set(ours.map((c) => c.name));
  const others = Array.isArray(existing['safeSql.connections']) ? existing['safeSql.connections'].filter((c) => !names.has(c?.name)) : [];
  const bindings = existing['safeSql.documentConnections'] && typeof existing['safeSql.documentConnections'] === 'object' ? existing['safeSql.documentConnections'] : {};
  return {
    ...existing,
    'safeSql.connections': [...ours, ...others],
    // Both globs match files in prod/; the stricter environment (production) wins there.
    'safeSql.documentConnections': { ...bindings, [PROD_GLOB]: PROD, [DEV_GLOB]: DEV },
    'safeSql.defaultEnvironment': existing['safeSql.defaultEnvironment'] ?? 'development',
  };
}

function walk(dir) {
  return readdirSync(dir, { withFileTypes: true, recursive: true }).filter((d) => d.isFile()).map((d) => join(d.parentPath, d.name));
}

function fill(text, facts, file) {
  return text.replace(/\{\{([A-Z_]+)\}\}/g, (_, key) => {
    if (facts[key] === undefined) throw new Error(`${file}: no value for {{${key}}}`);
    return String(facts[key]);
  });
}

/**
 * Writes the workspace into `dir`. `db` = { port, database, user }; `facts` fills the {{KEY}}
 * placeholders of the templates. Returns the relative paths written now.
 */
export function writeWorkspace({ templates, dir, db, facts, say }) {
  const written = [];
  for (const src of walk(templates)) {
    const rel = relative(templates, src);
    const dest = join(dir, rel);
    if (existsSync(dest)) continue;
    mkdirSync(dirname(dest), { recursive: true });
    writeFileSync(dest, fill(readFileSync(src, 'utf8'), facts, rel));
    written.push(rel);
  }

  const settingsFile = join(dir, '.vscode', 'settings.json');
  mkdirSync(dirname(settingsFile), { recursive: true });
  let existing = {};
  if (existsSync(settingsFile)) {
    try {
      existing = JSON.parse(readFileSync(settingsFile, 'utf8'));
    } catch {
      // Comments or a typo: keep the user's file aside rather than guess at it.
      renameSync(settingsFile, `${settingsFile}.bak`);
      say(`${relative(dir, settingsFile)} was not plain JSON; kept it as settings.json.bak and wrote a fresh one`);
    }
  }
  writeFileSync(settingsFile, JSON.stringify(mergeSettings(existing, db), null, 2) + '\n');
  return written;
}
