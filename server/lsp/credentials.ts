/**
 * Passwords for connection profiles, decided here and fetched with one request. Order: SecretStorage
 * (the client answers from it first), then PGPASSWORD or ~/.pgpass (node-postgres reads them: the
 * request then forbids a prompt), then, only when the caller may prompt, the client asks the user
 * once and stores the answer.
 */
import { Connection } from 'vscode-languageserver/node';
import { ConnectionProfile } from '../config/settings';
import { passwordFromEnvironment } from '../engine/pgpass';
import { CredentialsRequest } from '../../shared/protocol';
import { CHANNEL_KEY_ENV, unseal } from '../../shared/secretChannel';

export class Credentials {
  private readonly key: string | undefined;

  constructor(private readonly connection: Connection) {
    this.key = process.env[CHANNEL_KEY_ENV];
    // Nothing the server starts needs it.
    delete process.env[CHANNEL_KEY_ENV];
  }

  /** The password to use, or undefined to let node-postgres find one (PGPASSWORD, ~/.pgpass) or go without. */
  async password(profile: ConnectionProfile, mayPrompt: boolean): Promise<string | undefined> {
    // Other editors start `safe-sql lsp` without a key: there is no secret store to ask.
    if (!this.key) return undefined;
    return this.ask(profile, mayPrompt && !passwordFromEnvironment(profile));
  }

  private async ask(profile: ConnectionProfile, mayPrompt: boolean): Promise<string | undefined> {
    const params = { connection: profile.name, mayPrompt, ...(profile.host ? { host: profile.host } : {}), ...(profile.user ? { user: profile.user } : {}), ...(profile.database ? { database: profile.database } : {}) };
    const result = await this.connection.sendRequest(CredentialsRequest.type, params);
    if (!result?.sealedPassword || !this.key) return undefined;
    return unseal(result.sealedPassword, this.key);
  }
}
