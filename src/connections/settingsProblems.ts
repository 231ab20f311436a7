/**
 * Mistakes in the Safe SQL settings (an unknown environment, two connections with one name, a glob
 * naming a missing connection, a password field…) said once as a warning, not only in the output.
 * The server reads the settings the same way (server/config/settings.ts) and logs each problem.
 */
import * as vscode from 'vscode';
import { SETTINGS_SECTION, readSettings } from '../../shared/settings';

const KEYS = ['connections', 'documentConnections', 'defaultEnvironment'] as const;

/** Problems of the settings in effect for each workspace folder (or the window without one). */
export function currentProblems(): string[] {
  const scopes: Array<vscode.Uri | undefined> = vscode.workspace.workspaceFolders?.map((f) => f.uri) ?? [undefined];
  const problems = new Set<string>();
  for (const scope of scopes) {
    const c = vscode.workspace.getConfiguration(SETTINGS_SECTION, scope);
    const raw = Object.fromEntries(KEYS.map((k) => [k, c.get(k)]));
    for (const p of readSettings(raw).problems) problems.add(p.message);
  }
  return [...problems];
}

export function watchSettingsProblems(context: vscode.ExtensionContext): void {
  const shown = new Set<string>();
  const check = () => {
    const fresh = currentProblems().filter((p) => !shown.has(p));
    if (fresh.length === 0) return;
    for (const p of fresh) shown.add(p);
    const more = fresh.length > 1 ? ` (and ${fresh.length - 1} more)` : '';
    void vscode.window.showWarningMessage(`Safe SQL settings: ${fresh[0]}${more}.`, 'Open Settings').then((choice) => {
      if (choice) void vscode.commands.executeCommand('workbench.action.openWorkspaceSettingsFile');
    });
  };
  context.subscriptions.push(vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration(SETTINGS_SECTION)) check();
  }));
  check();
}
