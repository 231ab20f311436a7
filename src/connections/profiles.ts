/**
 * Reading and writing `safeSql.connections` in VS Code's settings: where each profile lives (user,
 * workspace or folder settings) and the guided input that builds one. Never a password.
 */
import * as vscode from 'vscode';
import { SETTINGS_SECTION, ConnectionProfile, PROFILE_FIELDS } from '../../shared/settings';

export type Target = 'workspace' | 'user';
const SECTION = SETTINGS_SECTION;
const KEY = 'connections';

function config(scope?: vscode.Uri): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration(SECTION, scope ?? vscode.window.activeTextEditor?.document.uri);
}

/** The profiles in effect for `scope` (the active document by default). */
export function profiles(scope?: vscode.Uri): ConnectionProfile[] {
  const list = config(scope).get<unknown[]>(KEY) ?? [];
  return list.filter((p): p is ConnectionProfile => !!p && typeof p === 'object' && typeof (p as ConnectionProfile).name === 'string');
}

const TARGETS: Array<{ target: vscode.ConfigurationTarget; read: (i: ReturnType<vscode.WorkspaceConfiguration['inspect']>) => unknown }> = [
  { target: vscode.ConfigurationTarget.WorkspaceFolder, read: (i) => i?.workspaceFolderValue },
  { target: vscode.ConfigurationTarget.Workspace, read: (i) => i?.workspaceValue },
  { target: vscode.ConfigurationTarget.Global, read: (i) => i?.globalValue },
];

/** Replaces (or, with `next` undefined, removes) the profile named `name` wherever it is defined. */
export async function replaceProfile(name: string, next: ConnectionProfile | undefined, scope?: vscode.Uri): Promise<boolean> {
  const c = config(scope);
  const inspected = c.inspect<unknown[]>(KEY);
  let found = false;
  for (const { target, read } of TARGETS) {
    const list = read(inspected);
    if (!Array.isArray(list) || !list.some((p) => (p as ConnectionProfile)?.name === name)) continue;
    found = true;
    const updated = list.flatMap((p) => ((p as ConnectionProfile)?.name === name ? (next ? [next] : []) : [p]));
    await c.update(KEY, updated, target);
  }
  return found;
}

export async function addProfile(profile: ConnectionProfile, target: Target): Promise<void> {
  const c = config();
  const inspected = c.inspect<unknown[]>(KEY);
  const where = target === 'workspace' && vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  const current = (where === vscode.ConfigurationTarget.Workspace ? inspected?.workspaceValue : inspected?.globalValue) ?? [];
  await c.update(KEY, [...(Array.isArray(current) ? current : []), clean(profile)], where);
}

/** Only the schema's fields, without empty values: the settings file stays readable. */
export function clean(profile: ConnectionProfile): ConnectionProfile {
  const out: Record<string, unknown> = { name: profile.name, environment: profile.environment };
  for (const key of Object.keys(PROFILE_FIELDS) as Array<keyof typeof PROFILE_FIELDS>) {
    const v = profile[key];
    if (v !== undefined && v !== '') out[key] = v;
  }
  return out as unknown as ConnectionProfile;
}

/**
 * The guided input: name, host, port, database, user, TLS, environment. Starts from `base` when
 * editing. Resolves undefined when the user cancels any step.
 */
export async function askProfile(base: Partial<ConnectionProfile>, takenNames: string[]): Promise<ConnectionProfile | undefined> {
  const steps = 7;
  const title = (n: number) => `Safe SQL: ${base.name ? `edit connection ${base.name}` : 'add a connection'} (${n}/${steps})`;
  const text = (n: number, prompt: string, value: string | undefined, validate?: (v: string) => string | undefined) =>
    vscode.window.showInputBox({ title: title(n), prompt, value: value ?? '', ignoreFocusOut: true, validateInput: validate });
  const name = await text(1, 'A unique name, used by safeSql.documentConnections and the -- safe-sql: connection=<name> directive', base.name, (v) =>
    !v.trim() ? 'A name is needed' : takenNames.includes(v.trim()) ? `A connection named "${v.trim()}" exists already` : undefined);
  if (name === undefined) return undefined;
  const host = await text(2, 'Host name or address of the PostgreSQL server', base.host ?? 'localhost');
  if (host === undefined) return undefined;
  const port = await text(3, 'Port', String(base.port ?? 5432), (v) => (/^\d+$/.test(v.trim()) && Number(v) > 0 && Number(v) < 65536 ? undefined : 'A port number between 1 and 65535'));
  if (port === undefined) return undefined;
  const database = await text(4, 'Database name', base.database);
  if (database === undefined) return undefined;
  const user = await text(5, 'User name (the password comes last and is kept in the secret storage)', base.user);
  if (user === undefined) return undefined;
  const ssl = await vscode.window.showQuickPick(
    [
      { label: 'default', value: undefined, description: 'verify-full for production elsewhere than this machine; disable on localhost' },
      { label: 'verify-full', value: 'verify-full' as const, description: 'TLS, checking the certificate and the host name' },
      { label: 'require', value: 'require' as const, description: 'TLS without checking the certificate' },
      { label: 'disable', value: 'disable' as const, description: 'no TLS' },
    ].map((i) => ({ ...i, picked: i.value === base.ssl })),
    { title: title(6), placeHolder: 'TLS', ignoreFocusOut: true },
  );
  if (!ssl) return undefined;
  const environment = await vscode.window.showQuickPick(
    [
      { label: 'production', description: 'errors block; guarded runs need confirmation' },
      { label: 'staging', description: 'findings are at most warnings' },
      { label: 'development', description: 'findings are at most warnings' },
    ].map((i) => ({ ...i, picked: i.label === base.environment })),
    { title: title(7), placeHolder: 'Which environment is this database?', ignoreFocusOut: true },
  );
  if (!environment) return undefined;
  return clean({ ...base, name: name.trim(), host: host.trim(), port: Number(port), database: database.trim(), user: user.trim(), ssl: ssl.value, environment: environment.label as ConnectionProfile['environment'] });
}
