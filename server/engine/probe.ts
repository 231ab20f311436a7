/**
 * "Test Connection": connect to a profile, ask for the server version, time one round trip, and
 * say in one line, without a secret, why it failed.
 */
import { ConnectionProfile } from '../config/settings';
import { describeConnectError, openClient, resolveConnection, scrub } from './connect';

export type ProbeResult = { ok: true; serverVersion: string; roundTripMs: number } | { ok: false; reason: string };

/** TLS codes from Node that mean the certificate or its host name did not check out. */
const CERTIFICATE_CODES = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

export async function probeConnection(profile: ConnectionProfile, password: string | undefined): Promise<ProbeResult> {
  const resolved = resolveConnection({ kind: 'profile', profile, password });
  if (!resolved.ok) return { ok: false, reason: resolved.reason };
  const conn = resolved.value;
  const where = `${conn.config.host}:${conn.config.port}`;
  let client;
  try {
    client = await openClient({ ...conn, config: { ...conn.config, connectionTimeoutMillis: 5_000 } });
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && CERTIFICATE_CODES.has(code)) return { ok: false, reason: `certificate verify failed for ${where} (${code})` };
    if (/does not support SSL/i.test((error as Error)?.message ?? '')) return { ok: false, reason: `${where} does not accept TLS; set "ssl": "disable" only if the network is trusted` };
    return { ok: false, reason: describeConnectError(error, conn) };
  }
  try {
    const version = await client.query<{ server_version: string }>('SHOW server_version');
    const started = performance.now();
    await client.query('SELECT 1');
    const roundTripMs = Math.round((performance.now() - started) * 10) / 10;
    return { ok: true, serverVersion: version.rows[0]?.server_version ?? 'unknown', roundTripMs };
  } catch (error) {
    return { ok: false, reason: scrub(`connected to ${where}, but the server did not answer: ${(error as Error)?.message ?? String(error)}`, conn.secrets) };
  } finally {
    await client.end().catch(() => undefined);
  }
}
