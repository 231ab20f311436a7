// @ts-check
// The workspace every e2e run opens: a production connection bound to prod/**, a development one
// bound to dev/**, and development for everything else.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const WORKSPACE_SETTINGS = {
  'safeSql.connections': [
    { name: 'prod-main', environment: 'production' },
    { name: 'dev-local', environment: 'development' },
  ],
  'safeSql.documentConnections': {
    '**/prod/**/*.sql': 'prod-main',
    '**/dev/**/*.sql': 'dev-local',
  },
  'safeSql.defaultEnvironment': 'development',
};

export function createWorkspace(dir) {
  for (const sub of ['.vscode', 'prod', 'dev']) mkdirSync(join(dir, sub), { recursive: true });
  writeFileSync(join(dir, '.vscode', 'settings.json'), JSON.stringify(WORKSPACE_SETTINGS, null, 2) + '\n');
  return dir;
}
