/**
 * The settings Safe SQL reads, per document: typed, validated, and resolved to an environment.
 * The same shape comes from VS Code's `workspace/configuration` (section `safeSql`) and from the
 * CLI's `--config FILE`. No password field exists, on purpose: secrets live in SecretStorage or
 * the environment.
 */
import { Environment, ENVIRONMENTS } from '../analysis/types';
import { matchesGlob } from './glob';

export interface ConnectionProfile {
  name: string;
  environment: Environment;
  host?: string;
  port?: number;
  database?: string;
  user?: string;
  ssl?: 'disable' | 'require' | 'verify-full';
  maxAffectedRows?: number;
  statementTimeout?: string;
  lockTimeout?: string;
  readOnly?: boolean;
  /** Keep before-images so a committed run can be undone. Default: on production. */
  undo?: boolean;
}

export interface SafeSqlSettings {
  connections: ConnectionProfile[];
  /** Glob → connection name. */
  documentConnections: Record<string, string>;
  /** Environment of documents bound to no connection. */
  defaultEnvironment: Environment;
  /**
   * The connection chosen for this document with "Select Connection for This File" (the client adds
   * it to the document's configuration). One more binding source: it never lowers the environment.
   */
  selectedConnection?: string;
}

export const DEFAULT_SETTINGS: SafeSqlSettings = {
  connections: [],
  documentConnections: {},
  defaultEnvironment: 'development',
};

export interface SettingsProblem {
  message: string;
}

/** Reads untrusted settings JSON into typed settings, collecting problems instead of throwing. */
export function readSettings(raw: unknown, fallbackEnvironment: Environment = DEFAULT_SETTINGS.defaultEnvironment): { settings: SafeSqlSettings; problems: SettingsProblem[] } {
  const problems: SettingsProblem[] = [];
  if (raw !== undefined && raw !== null && (typeof raw !== 'object' || Array.isArray(raw))) problems.push({ message: 'the Safe SQL settings must be an object' });
  const obj = (raw && typeof raw === 'object' && !Array.isArray(raw) ? raw : {}) as Record<string, unknown>;
  const connections: ConnectionProfile[] = [];
  const seen = new Set<string>();
  if (obj.connections !== undefined && !Array.isArray(obj.connections)) problems.push({ message: 'safeSql.connections must be an array' });
  const list: unknown[] = Array.isArray(obj.connections) ? obj.connections : [];
  for (const [i, item] of list.entries()) {
    const profile = readConnection(item, i, problems);
    if (!profile) continue;
    if (seen.has(profile.name)) {
      problems.push({ message: `safeSql.connections has two connections named "${profile.name}"; the first one is used` });
      continue;
    }
    seen.add(profile.name);
    connections.push(profile);
  }
  const documentConnections: Record<string, string> = {};
  const globs = obj.documentConnections;
  if (globs !== undefined && (!globs || typeof globs !== 'object' || Array.isArray(globs))) {
    problems.push({ message: 'safeSql.documentConnections must be an object mapping a glob to a connection name' });
  } else if (globs) {
    for (const [glob, name] of Object.entries(globs as Record<string, unknown>)) {
      if (typeof name !== 'string') {
        problems.push({ message: `safeSql.documentConnections["${glob}"] must be a connection name` });
        continue;
      }
      // Kept anyway: resolveBinding treats an unknown connection as production.
      if (!seen.has(name)) problems.push({ message: `safeSql.documentConnections["${glob}"] names connection "${name}", which is not in safeSql.connections; documents it matches are treated as production` });
      documentConnections[glob] = name;
    }
  }
  let defaultEnvironment = fallbackEnvironment;
  if (obj.defaultEnvironment !== undefined) {
    if (isEnvironment(obj.defaultEnvironment)) {
      defaultEnvironment = obj.defaultEnvironment;
    } else {
      problems.push({ message: `safeSql.defaultEnvironment ${JSON.stringify(obj.defaultEnvironment)} is not production, staging or development; treated as production` });
      defaultEnvironment = 'production';
    }
  }
  const settings: SafeSqlSettings = { connections, documentConnections, defaultEnvironment };
  if (obj.selectedConnection !== undefined) {
    if (typeof obj.selectedConnection === 'string' && obj.selectedConnection.trim()) {
      settings.selectedConnection = obj.selectedConnection.trim();
      if (!seen.has(settings.selectedConnection)) problems.push({ message: `the connection selected for a document, "${settings.selectedConnection}", is not in safeSql.connections; the document is treated as production` });
    } else {
      problems.push({ message: 'the connection selected for a document must be a connection name; it is ignored' });
    }
  }
  return { settings, problems };
}

/** Checks each optional connection field; a wrong value is dropped with a problem, never guessed. */
const FIELDS: Record<string, { ok: (v: unknown) => boolean; expected: string }> = {
  host: { ok: (v) => typeof v === 'string', expected: 'a string' },
  port: { ok: (v) => Number.isInteger(v) && (v as number) > 0 && (v as number) < 65536, expected: 'a port number' },
  database: { ok: (v) => typeof v === 'string', expected: 'a string' },
  user: { ok: (v) => typeof v === 'string', expected: 'a string' },
  ssl: { ok: (v) => v === 'disable' || v === 'require' || v === 'verify-full', expected: 'disable, require or verify-full' },
  maxAffectedRows: { ok: (v) => Number.isSafeInteger(v) && (v as number) >= 0, expected: 'a whole number of rows' },
  statementTimeout: { ok: (v) => typeof v === 'string', expected: 'a duration such as "30s"' },
  lockTimeout: { ok: (v) => typeof v === 'string', expected: 'a duration such as "5s"' },
  readOnly: { ok: (v) => typeof v === 'boolean', expected: 'true or false' },
  undo: { ok: (v) => typeof v === 'boolean', expected: 'true or false' },
};

function readConnection(item: unknown, i: number, problems: SettingsProblem[]): ConnectionProfile | undefined {
  if (!item || typeof item !== 'object' || Array.isArray(item)) {
    problems.push({ message: `safeSql.connections[${i}] must be an object` });
    return undefined;
  }
  const c = item as Record<string, unknown>;
  const name = typeof c.name === 'string' ? c.name.trim() : '';
  if (!name) {
    problems.push({ message: `safeSql.connections[${i}] has no name` });
    return undefined;
  }
  let environment: Environment;
  if (isEnvironment(c.environment)) {
    environment = c.environment;
  } else {
    // Fail closed: a connection whose environment cannot be read is treated as production.
    problems.push({ message: `connection "${name}" has environment ${JSON.stringify(c.environment) ?? 'undefined'}; expected production, staging or development; treated as production` });
    environment = 'production';
  }
  const profile: ConnectionProfile = { name, environment };
  for (const [key, value] of Object.entries(c)) {
    if (key === 'name' || key === 'environment') continue;
    // The value is never echoed: it may be a secret.
    if (key === 'password') {
      problems.push({ message: `connection "${name}" has a password field; it is ignored: passwords belong in SecretStorage or PGPASSWORD` });
      continue;
    }
    const field = Object.hasOwn(FIELDS, key) ? FIELDS[key] : undefined;
    if (!field) {
      problems.push({ message: `connection "${name}" has an unknown field "${key}"; it is ignored` });
    } else if (!field.ok(value)) {
      problems.push({ message: `connection "${name}": ${key} must be ${field.expected}; it is ignored` });
    } else {
      (profile as unknown as Record<string, unknown>)[key] = value;
    }
  }
  return profile;
}

export type SslSetting = NonNullable<ConnectionProfile['ssl']>;

/** Host names and addresses that never leave the machine (an empty host or a socket folder too). */
export function isLoopback(host: string | undefined): boolean {
  if (!host || host.startsWith('/')) return true;
  const h = host.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  return h === 'localhost' || h.endsWith('.localhost') || /^127(\.\d{1,3}){3}$/.test(h) || h === '::1' || h === '0:0:0:0:0:0:0:1';
}

/**
 * The TLS mode a profile connects with. An explicit `ssl` wins. Otherwise: loopback needs no TLS;
 * production elsewhere checks the certificate and host name (a production password must not
 * cross a network in the clear, nor to a server that merely claims the name). Other environments
 * elsewhere: undefined, PostgreSQL's own default (node-postgres then connects without TLS).
 */
export function effectiveSsl(profile: Pick<ConnectionProfile, 'ssl' | 'host' | 'environment'>): SslSetting | undefined {
  if (profile.ssl) return profile.ssl;
  if (isLoopback(profile.host)) return 'disable';
  return profile.environment === 'production' ? 'verify-full' : undefined;
}

export function isEnvironment(v: unknown): v is Environment {
  return typeof v === 'string' && (ENVIRONMENTS as readonly string[]).includes(v);
}

const STRICTNESS: Record<Environment, number> = { development: 0, staging: 1, production: 2 };

export function stricter(a: Environment, b: Environment): Environment {
  return STRICTNESS[a] >= STRICTNESS[b] ? a : b;
}

export interface Binding {
  environment: Environment;
  /** The connection the document runs against, when one is bound. */
  connection?: ConnectionProfile;
  /** Why: e.g. `glob **\/prod/**`, `directive`, `default`. */
  sources: string[];
}

/**
 * Resolves a document's environment. Sources: the globs of documentConnections (matched against
 * `path`), the `-- safe-sql: connection=` directive, the connection selected for the document in
 * the editor (`selection`, by default `settings.selectedConnection`), and, only when none binds it,
 * defaultEnvironment. When sources disagree the stricter environment wins, so a directive can
 * never make a production-bound document less strict. An unknown connection name counts as
 * production (fail closed).
 */
export function resolveBinding(settings: SafeSqlSettings, path: string | undefined, directive: string | undefined, selection: string | undefined = settings.selectedConnection): Binding {
  const byName = new Map(settings.connections.map((c) => [c.name, c]));
  const candidates: Array<{ environment: Environment; connection?: ConnectionProfile; source: string }> = [];
  const bind = (name: string, source: string) => {
    const c = byName.get(name);
    if (c) candidates.push({ environment: c.environment, connection: c, source });
    else candidates.push({ environment: 'production', source: `${source} (unknown connection "${name}": treated as production)` });
  };
  if (path !== undefined) {
    for (const [glob, name] of Object.entries(settings.documentConnections)) {
      if (matchesGlob(glob, path)) bind(name, `glob ${glob}`);
    }
  }
  if (directive !== undefined) bind(directive, 'directive');
  if (selection !== undefined) bind(selection, 'selection');
  if (candidates.length === 0) return { environment: settings.defaultEnvironment, sources: ['default'] };

  const environment = candidates.map((c) => c.environment).reduce(stricter);
  // The connection is the strictest one named; on a tie the later source wins (globs, then the directive, then the selection).
  let connection: ConnectionProfile | undefined;
  for (const c of candidates) {
    if (c.connection && (!connection || STRICTNESS[c.connection.environment] >= STRICTNESS[connection.environment])) connection = c.connection;
  }
  const sources = candidates.map((c) => c.source);
  return connection ? { environment, connection, sources } : { environment, sources };
}
