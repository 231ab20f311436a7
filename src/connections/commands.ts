/**
 * The connection commands: Add, Edit, Remove, Forget Password, Test, and Select Connection for
 * This File (with Pin in File). Each can also be called with arguments instead of the guided input
 * (scripts, keybindings, tests); a password given that way goes straight to SecretStorage.
 */
import * as vscode from 'vscode';
import { LanguageClient, DidChangeConfigurationNotification } from 'vscode-languageclient/node';
import { ConnectionProfile } from '../../shared/settings';
import { SERVER_COMMANDS } from '../../shared/commands';
import { TestConnectionRequest, TestConnectionResult } from '../../shared/protocol';
import { ClientHolder, withRunningServer } from '../commands';
import { Passwords } from '../secrets';
import { ConnectionStatusBar } from '../statusBar';
import { pinDirective } from './pin';
import { addProfile, askProfile, profiles, replaceProfile, Target } from './profiles';
import { ConnectionSelection } from './selection';

export const COMMANDS = {
  add: 'safeSql.addConnection',
  edit: 'safeSql.editConnection',
  remove: 'safeSql.removeConnection',
  forgetPassword: 'safeSql.forgetPassword',
  test: 'safeSql.testConnection',
  select: SERVER_COMMANDS.selectConnection,
} as const;

export interface ConnectionsHolder extends ClientHolder {
  readonly passwords: Passwords;
}

export class ConnectionCommands {
  constructor(
    private readonly holder: ConnectionsHolder,
    private readonly selection: ConnectionSelection,
    private readonly statusBar: ConnectionStatusBar,
  ) {}

  register(context: vscode.ExtensionContext): void {
    context.subscriptions.push(
      vscode.commands.registerCommand(COMMANDS.add, (arg?: { profile: ConnectionProfile; password?: string; target?: Target }) => this.add(arg)),
      vscode.commands.registerCommand(COMMANDS.edit, (name?: string) => this.edit(name)),
      vscode.commands.registerCommand(COMMANDS.remove, (name?: string) => this.remove(name)),
      vscode.commands.registerCommand(COMMANDS.forgetPassword, (name?: string) => this.forgetPassword(name)),
      vscode.commands.registerCommand(COMMANDS.test, (name?: string) => this.test(name)),
      vscode.commands.registerCommand(COMMANDS.select, (uri?: string | vscode.Uri, name?: string, options?: { pin?: boolean }) => this.select(uri, name, options)),
    );
  }

  async add(arg?: { profile: ConnectionProfile; password?: string; target?: Target }): Promise<string | undefined> {
    const taken = profiles().map((p) => p.name);
    const profile = arg?.profile ?? (await askProfile({}, taken));
    if (!profile) return undefined;
    if (taken.includes(profile.name)) {
      void vscode.window.showErrorMessage(`Safe SQL: a connection named "${profile.name}" exists already.`);
      return undefined;
    }
    let target = arg?.target ?? 'workspace';
    if (!arg && vscode.workspace.workspaceFolders?.length) {
      const where = await vscode.window.showQuickPick([{ label: 'Workspace settings', target: 'workspace' as const }, { label: 'User settings', target: 'user' as const }], { title: 'Safe SQL: where to save the connection', ignoreFocusOut: true });
      if (!where) return undefined;
      target = where.target;
    }
    const password = arg ? arg.password : await vscode.window.showInputBox({
      title: `Safe SQL: password for ${profile.name}`,
      prompt: 'Kept in VS Code\'s secret storage, never in settings. Leave empty to use PGPASSWORD or ~/.pgpass.',
      password: true,
      ignoreFocusOut: true,
    });
    if (password === undefined && !arg) return undefined;
    await addProfile(profile, target);
    if (password) await this.holder.passwords.store(profile.name, password);
    if (!arg) {
      const choice = await vscode.window.showInformationMessage(`Safe SQL: connection "${profile.name}" (${profile.environment}) added.`, 'Test Connection');
      if (choice) await this.test(profile.name);
    }
    return profile.name;
  }

  async edit(name?: string): Promise<void> {
    const chosen = await this.pick(name, 'Edit which connection?');
    if (!chosen) return;
    const next = await askProfile(chosen, profiles().map((p) => p.name).filter((n) => n !== chosen.name));
    if (!next) return;
    await replaceProfile(chosen.name, next);
    if (next.name !== chosen.name) {
      const password = await this.holder.passwords.get(chosen.name);
      if (password !== undefined) await this.holder.passwords.store(next.name, password);
      await this.holder.passwords.forget(chosen.name);
    }
  }

  async remove(name?: string): Promise<void> {
    const chosen = await this.pick(name, 'Remove which connection?');
    if (!chosen) return;
    const ok = await vscode.window.showWarningMessage(`Remove connection "${chosen.name}" and forget its password?`, { modal: true }, 'Remove');
    if (ok !== 'Remove') return;
    await replaceProfile(chosen.name, undefined);
    await this.holder.passwords.forget(chosen.name);
  }

  async forgetPassword(name?: string): Promise<void> {
    const chosen = await this.pick(name, 'Forget the password of which connection?');
    if (!chosen) return;
    await this.holder.passwords.forget(chosen.name);
    void vscode.window.showInformationMessage(`Safe SQL: the password of "${chosen.name}" is forgotten; it will be asked for when next needed.`);
  }

  async test(name?: string): Promise<TestConnectionResult | undefined> {
    const chosen = await this.pick(name, 'Test which connection?');
    if (!chosen) return undefined;
    const scope = vscode.window.activeTextEditor?.document.uri ?? vscode.workspace.workspaceFolders?.[0]?.uri;
    return withRunningServer(this.holder, async (client) => {
      const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Safe SQL: connecting to ${chosen.name}…` }, () =>
        client.sendRequest(TestConnectionRequest.type, { connection: chosen.name, ...(scope ? { uri: scope.toString() } : {}) }));
      if (result.ok) void vscode.window.showInformationMessage(`Safe SQL: ${chosen.name}: connected to PostgreSQL ${result.serverVersion}, round trip ${result.roundTripMs} ms.`);
      else void vscode.window.showErrorMessage(`Safe SQL: ${chosen.name}: ${result.reason}`);
      return result;
    });
  }

  /**
   * Select Connection for This File. Without arguments: a quick pick of the connections (the pin
   * button writes the directive into the file instead). With `name` '' the selection is cleared.
   */
  async select(uriArg?: string | vscode.Uri, name?: string, options?: { pin?: boolean }): Promise<string | undefined> {
    const uri = uriArg ? (typeof uriArg === 'string' ? vscode.Uri.parse(uriArg, true) : uriArg) : vscode.window.activeTextEditor?.document.uri;
    if (!uri) {
      void vscode.window.showInformationMessage('Safe SQL: open a SQL file to select its connection.');
      return undefined;
    }
    const key = uri.toString();
    let choice: { name: string; pin: boolean } | undefined;
    if (name !== undefined) choice = { name, pin: options?.pin === true };
    else choice = await this.pickForFile(uri);
    if (!choice) return undefined;
    const profile = profiles(uri).find((p) => p.name === choice.name);
    if (choice.name && !profile) {
      void vscode.window.showErrorMessage(`Safe SQL: there is no connection named "${choice.name}".`);
      return undefined;
    }
    if (choice.pin) {
      await pinDirective(uri, choice.name);
      await this.selection.set(key, undefined);
    } else {
      await this.selection.set(key, choice.name || undefined);
    }
    if (profile) this.statusBar.expect(key, profile.environment, profile.name);
    this.configurationChanged();
    return choice.name;
  }

  /** The server re-reads every document's settings, now with the selection. */
  private configurationChanged(): void {
    const client: LanguageClient | undefined = this.holder.client;
    void client?.sendNotification(DidChangeConfigurationNotification.type, { settings: null }).catch(() => undefined);
  }

  private pickForFile(uri: vscode.Uri): Promise<{ name: string; pin: boolean } | undefined> {
    const current = this.selection.get(uri.toString());
    const pinButton = { iconPath: new vscode.ThemeIcon('pinned'), tooltip: 'Pin in File (writes -- safe-sql: connection=<name> at the top)' };
    type Item = vscode.QuickPickItem & { name: string };
    const items: Item[] = profiles(uri).map((p) => ({
      label: `${p.environment === 'production' ? '$(error) ' : p.environment === 'staging' ? '$(warning) ' : '$(database) '}${p.name}`,
      description: `${p.environment}${p.name === current ? ' · selected' : ''}`,
      detail: [p.user && `${p.user}@`, p.host ?? 'localhost', p.port && `:${p.port}`, p.database && `/${p.database}`].filter(Boolean).join(''),
      name: p.name,
      buttons: [pinButton],
    }));
    if (current) items.push({ label: '$(close) Clear the selection', name: '' });
    if (items.length === 0) {
      void vscode.window.showInformationMessage('Safe SQL: no connections yet.', 'Add Connection').then((c) => (c ? vscode.commands.executeCommand(COMMANDS.add) : undefined));
      return Promise.resolve(undefined);
    }
    return new Promise((resolve) => {
      const qp = vscode.window.createQuickPick<Item>();
      qp.title = 'Safe SQL: select the connection for this file';
      qp.placeholder = 'The stricter environment wins over globs and directives. The pin button writes the choice into the file.';
      qp.items = items;
      let done = false;
      const finish = (value: { name: string; pin: boolean } | undefined) => {
        if (done) return;
        done = true;
        resolve(value);
        qp.hide();
      };
      qp.onDidAccept(() => finish(qp.selectedItems[0] ? { name: qp.selectedItems[0].name, pin: false } : undefined));
      qp.onDidTriggerItemButton((e) => finish({ name: e.item.name, pin: true }));
      qp.onDidHide(() => {
        finish(undefined);
        qp.dispose();
      });
      qp.show();
    });
  }

  private async pick(name: string | undefined, placeHolder: string): Promise<ConnectionProfile | undefined> {
    const all = profiles();
    if (name !== undefined) {
      const found = all.find((p) => p.name === name);
      if (!found) void vscode.window.showErrorMessage(`Safe SQL: there is no connection named "${name}".`);
      return found;
    }
    if (all.length === 0) {
      void vscode.window.showInformationMessage('Safe SQL: no connections yet.', 'Add Connection').then((c) => (c ? vscode.commands.executeCommand(COMMANDS.add) : undefined));
      return undefined;
    }
    const picked = await vscode.window.showQuickPick(all.map((p) => ({ label: p.name, description: p.environment, profile: p })), { placeHolder });
    return picked?.profile;
  }
}
