/**
 * Connection passwords in VS Code's SecretStorage, and the answer to the server's credentials
 * request. A password is never written to settings or logs, and crosses to the server sealed.
 */
import * as vscode from 'vscode';
import { CredentialsParams, CredentialsResult } from '../shared/protocol';
import { seal } from '../shared/secretChannel';

export class Passwords {
  private readonly asking = new Map<string, Promise<string | undefined>>();

  constructor(private readonly secrets: vscode.SecretStorage) {}

  static key(connection: string): string {
    return `safeSql.password.${connection}`;
  }

  async get(connection: string): Promise<string | undefined> {
    return this.secrets.get(Passwords.key(connection));
  }

  async store(connection: string, password: string): Promise<void> {
    await this.secrets.store(Passwords.key(connection), password);
  }

  async forget(connection: string): Promise<void> {
    await this.secrets.delete(Passwords.key(connection));
  }

  /** The stored password; when missing and allowed, asks once (concurrent asks share one prompt). */
  async obtain(params: CredentialsParams): Promise<string | undefined> {
    const stored = await this.get(params.connection);
    if (stored !== undefined || !params.mayPrompt) return stored;
    let pending = this.asking.get(params.connection);
    if (!pending) {
      pending = this.prompt(params).finally(() => this.asking.delete(params.connection));
      this.asking.set(params.connection, pending);
    }
    return pending;
  }

  /** Answers the server's credentials request with the password sealed for the channel key. */
  async answer(params: CredentialsParams, channelKey: string): Promise<CredentialsResult | null> {
    const password = await this.obtain(params);
    return password === undefined ? null : { sealedPassword: seal(password, channelKey) };
  }

  private async prompt(params: CredentialsParams): Promise<string | undefined> {
    const where = [params.user, params.host && `@${params.host}`, params.database && `/${params.database}`].filter(Boolean).join('');
    const password = await vscode.window.showInputBox({
      title: `Safe SQL: password for ${params.connection}`,
      prompt: `Password for ${where || params.connection}. It is kept in VS Code's secret storage, never in settings.`,
      password: true,
      ignoreFocusOut: true,
    });
    if (password === undefined) return undefined;
    await this.store(params.connection, password);
    return password;
  }
}
