/**
 * Safe SQL: Test Connection. The client names a connection; the server reads the settings fresh
 * (the command may run right after Add Connection wrote them), asks for the password (prompting
 * once when none is stored) and lets the engine connect.
 */
import { Connection } from 'vscode-languageserver/node';
import { readSettings, SafeSqlSettings } from '../config/settings';
import { probeConnection } from '../engine/probe';
import { TestConnectionResult } from '../../shared/protocol';
import { Credentials } from './credentials';
import { SETTINGS_SECTION, SettingsStore } from './settings';

export async function testConnection(
  params: { connection: string; uri?: string },
  connection: Connection,
  settings: SettingsStore,
  credentials: Credentials,
): Promise<TestConnectionResult> {
  if (typeof params?.connection !== 'string' || !params.connection) return { ok: false, reason: 'no connection name was given' };
  const current = await freshSettings(params.uri, connection, settings);
  const profile = current.connections.find((c) => c.name === params.connection);
  if (!profile) return { ok: false, reason: `there is no connection named "${params.connection}" in safeSql.connections` };
  let password: string | undefined;
  try {
    password = await credentials.password(profile, true);
  } catch {
    return { ok: false, reason: 'the password could not be read from the editor\'s secret storage' };
  }
  return probeConnection(profile, password);
}

async function freshSettings(uri: string | undefined, connection: Connection, store: SettingsStore): Promise<SafeSqlSettings> {
  try {
    const raw: unknown = await connection.workspace.getConfiguration(uri ? { scopeUri: uri, section: SETTINGS_SECTION } : { section: SETTINGS_SECTION });
    return readSettings(raw ?? {}).settings;
  } catch {
    // A client that cannot be asked: the settings it pushed.
    return store.get(uri ?? '');
  }
}
