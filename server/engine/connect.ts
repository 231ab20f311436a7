/**
 * Where the run connects: a URL, the standard PG* variables, or a connection profile plus a
 * password from a secret store. Every reason given for a failure is one line without a secret.
 */
import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { Client, ClientConfig } from 'pg';
import { ConnectionProfile, effectiveSsl } from '../config/settings';

export type ConnectionTarget =
  | { kind: 'url'; url: string; name?: string }
  | { kind: 'env'; env?: Record<string, string | undefined>; name?: string }
  | { kind: 'profile'; profile: ConnectionProfile; password?: string };

export interface ResolvedConnection {
  config: ClientConfig;
  /** The name, else host:port/database: what records and messages show. Never a password. */
  label: string;
  /** Strings that must never be shown (the password), scrubbed from every message. */
  secrets: string[];
}

export type SslMode = 'disable' | 'allow' | 'prefer' | 'require' | 'verify-ca' | 'verify-full';
const SSL_MODES: readonly string[] = ['disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full'];

export function resolveConnection(target: ConnectionTarget): { ok: true; value: ResolvedConnection } | { ok: false; reason: string } {
  try {
    if (target.kind === 'url') return fromUrl(target.url, target.name);
    if (target.kind === 'env') return fromEnv(target.env ?? process.env, target.name);
    const p = target.profile;
    return build({ host: p.host, port: p.port, database: p.database, user: p.user, password: target.password, sslmode: effectiveSsl(p), name: p.name });
  } catch (error) {
    return { ok: false, reason: `the connection settings are not valid (${error instanceof Error ? error.constructor.name : 'error'})` };
  }
}

interface Parts {
  host?: string;
  port?: number;
  database?: string;
  user?: string;
  password?: string;
  sslmode?: string;
  sslrootcert?: string;
  name?: string;
}

function fromUrl(url: string, name?: string): ReturnType<typeof resolveConnection> {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    // The URL itself may hold a password: it is never echoed.
    return { ok: false, reason: 'the connection URL is not a valid URL (expected postgresql://user@host:port/database)' };
  }
  if (u.protocol !== 'postgres:' && u.protocol !== 'postgresql:') return { ok: false, reason: `the connection URL must start with postgresql://, not ${u.protocol}//` };
  const port = u.port ? Number(u.port) : undefined;
  const dec = (s: string) => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  };
  return build({
    host: u.hostname ? dec(u.hostname).replace(/^\[(.*)\]$/, '$1') : u.searchParams.get('host') ?? undefined,
    port,
    database: u.pathname.length > 1 ? dec(u.pathname.slice(1)) : undefined,
    user: u.username ? dec(u.username) : undefined,
    password: u.password ? dec(u.password) : undefined,
    sslmode: u.searchParams.get('sslmode') ?? undefined,
    sslrootcert: u.searchParams.get('sslrootcert') ?? undefined,
    name,
  });
}

function fromEnv(env: Record<string, string | undefined>, name?: string): ReturnType<typeof resolveConnection> {
  const port = env.PGPORT ? Number(env.PGPORT) : undefined;
  return build({ host: env.PGHOST, port, database: env.PGDATABASE, user: env.PGUSER, password: env.PGPASSWORD, sslmode: env.PGSSLMODE, sslrootcert: env.PGSSLROOTCERT, name });
}

function build(p: Parts): ReturnType<typeof resolveConnection> {
  if (p.port !== undefined && (!Number.isInteger(p.port) || p.port <= 0 || p.port > 65535)) return { ok: false, reason: 'the port is not a number between 1 and 65535' };
  const sslmode = p.sslmode ?? 'prefer';
  if (!SSL_MODES.includes(sslmode)) return { ok: false, reason: `sslmode "${sslmode}" is not one of ${SSL_MODES.join(', ')}` };
  const host = p.host || 'localhost';
  const port = p.port ?? 5432;
  const user = p.user || osUser();
  const database = p.database || user;
  const config: ClientConfig = { host, port, user, database, connectionTimeoutMillis: 10_000, application_name: 'safe-sql', ssl: ssl(sslmode as SslMode, p.sslrootcert) };
  if (p.password !== undefined) config.password = p.password;
  return { ok: true, value: { config, label: p.name ?? `${host}:${port}/${database}`, secrets: p.password ? [p.password] : [] } };
}

/**
 * node-postgres cannot fall back from TLS to plain text, so `allow` and `prefer` connect in plain
 * text; `require` encrypts without checking the certificate, as libpq does.
 */
function ssl(mode: SslMode, rootCert?: string): ClientConfig['ssl'] {
  const ca = rootCert ? readFileSync(rootCert, 'utf8') : undefined;
  switch (mode) {
    case 'disable':
    case 'allow':
    case 'prefer':
      return false;
    case 'require':
      return { rejectUnauthorized: false };
    case 'verify-ca':
      return { rejectUnauthorized: true, ca, checkServerIdentity: () => undefined };
    case 'verify-full':
      return { rejectUnauthorized: true, ca };
  }
}

function osUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'postgres';
  }
}

/** Opens a client; the returned client has an 'error' listener so a dropped link never crashes the process. */
export async function openClient(conn: ResolvedConnection, onError?: (e: Error) => void): Promise<Client> {
  const client = new Client(conn.config);
  client.on('error', (e) => onError?.(e));
  try {
    await client.connect();
  } catch (error) {
    client.end().catch(() => undefined);
    throw error;
  }
  return client;
}

/** One line, no secrets: why connecting failed. */
export function describeConnectError(error: unknown, conn: ResolvedConnection): string {
  const e = error as { code?: string; message?: string };
  const where = `${conn.config.host}:${conn.config.port}`;
  let reason: string;
  switch (e?.code) {
    case 'ECONNREFUSED':
      reason = `cannot connect to ${where}: connection refused (is the server running?)`;
      break;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      reason = `cannot connect: host ${conn.config.host} not found`;
      break;
    case 'ETIMEDOUT':
      reason = `cannot connect to ${where}: timed out`;
      break;
    case '28P01':
      reason = `password authentication failed for user "${conn.config.user}"`;
      break;
    case '28000':
      reason = `the server refused user "${conn.config.user}" (no pg_hba.conf entry or not allowed)`;
      break;
    case '3D000':
      reason = `database "${conn.config.database}" does not exist on ${where}`;
      break;
    default:
      reason = /ssl|tls|certificate/i.test(e?.message ?? '') ? `TLS problem connecting to ${where}: ${e.message}` : `cannot connect to ${where}: ${e?.message ?? String(error)}`;
  }
  return scrub(reason, conn.secrets);
}

/** Removes every secret, and anything shaped like a URL password, from a message. */
export function scrub(message: string, secrets: string[]): string {
  // Line breaks stay (a refusal lists one finding per line); a bare CR could overwrite a line.
  let out = message.replace(/\r\n?/g, '\n').replace(/(postgres(?:ql)?:\/\/[^:/@\s]*:)[^@\s]*@/gi, '$1***@');
  for (const s of secrets) if (s) out = out.split(s).join('***');
  return out;
}
