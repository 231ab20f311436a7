/**
 * Safe SQL: Test Connection. The client names a connection; the server reads the settings fresh
 * (the command may run right after Add Connection wrote them), asks for the password (prompting
 * once when none is stored) and lets the engine connect.
 */
import { probeConnection } from '../engine/probe';
import { TestConnectionResult } from '../../shared/protocol';
import { Credentials } from './credentials';
import { SettingsStore } from './settings';

export async function testConnection(
  params: { connection: string; uri?: string },
  settings: SettingsStore,
  credentials: Credentials,
): Promise<TestConnectionResult> {
  if (typeof params?.connection !== 'string' || !params.connection) return { ok: false, reason: 'no connection name was given' };
  const current = await settings.fresh(params.uri ?? '');
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
