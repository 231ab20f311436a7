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
}

export interface SafeSqlSettings {
  connections: ConnectionProfile[];
  /** Glob → connection name. */
  documentConnections: Record<string, string>;
  /** Environment of documents bound to no connection. */
  defaultEnvironment: Environment;
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
  const obj = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const connections: ConnectionProfile[] = [];
  const seen = new Set<string>();
  const list = Array.isArray(obj.connections) ? obj.connections : [];
  if (obj.connections !== undefined && !Array.isArray(obj.connections)) problems.push({ message: 'safeSql.connections must be an array' });
  for (const [i, item] of list.entries()) {
    if (!item || typeof item !== 'object') {
      problems.push({ message: `safeSql.connections[${i}] must be an object` });
      continue;
    }
    const c = item as Record<string, unknown>;
    const name = typeof c.name === 'string' ? c.name.trim() : '';
    if (!name) {
      problems.push({ message: `safeSql.connections[${i}] has no name` });
      continue;
    }
    if (seen.has(name)) {
      problems.push({ message: `safeSql.connections has two connections named "${name}"; the first one is used` });
      continue;
    }
    seen.add(name);
    let environment: Environment;
    if (isEnvironment(c.environment)) {
      environment = c.environment;
    } else {
      // Fail closed: a connection whose environment cannot be read is treated as production.
      problems.push({ message: `connection "${name}" has environment ${JSON.stringify(c.environment)}; expected production, staging or development; treated as production` });
      environment = 'production';
    }
    if ('password' in c) problems.push({ message: `connection "${name}" has a password field; it is ignored: passwords belong in SecretStorage or PGPASSWORD` });
    const profile: ConnectionProfile = { name, environment };
    if (typeof c.host === 'string') profile.host = c.host;
    if (typeof c.port === 'number') profile.port = c.port;
    if (typeof c.database === 'string') profile.database = c.database;
    if (typeof c.user === 'string') profile.user = c.user;
    if (c.ssl === 'disable' || c.ssl === 'require' || c.ssl === 'verify-full') profile.ssl = c.ssl;
    if (typeof c.maxAffectedRows === 'number') profile.maxAffectedRows = c.maxAffectedRows;
    if (typeof c.statementTimeout === 'string') profile.statementTimeout = c.statementTimeout;
    if (typeof c.lockTimeout === 'string') profile.lockTimeout = c.lockTimeout;
    if (typeof c.readOnly === 'boolean') profile.readOnly = c.readOnly;
    connections.push(profile);
  }
  const documentConnections: Record<string, string> = {};
  if (obj.documentConnections && typeof obj.documentConnections === 'object') {
    for (const [glob, name] of Object.entries(obj.documentConnections as Record<string, unknown>)) {
      if (typeof name !== 'string') {
        problems.push({ message: `safeSql.documentConnections["${glob}"] must be a connection name` });
        continue;
      }
      if (!seen.has(name)) problems.push({ message: `safeSql.documentConnections["${glob}"] names connection "${name}", which is not in safeSql.connections` });
      documentConnections[glob] = name;
    }
  }
  let defaultEnvironment = fallbackEnvironment;
  if (obj.defaultEnvironment !== undefined) {
    if (isEnvironment(obj.defaultEnvironment)) defaultEnvironment = obj.defaultEnvironment;
    else problems.push({ message: `safeSql.defaultEnvironment ${JSON.stringify(obj.defaultEnvironment)} is not production, staging or development; treated as production` });
    if (!isEnvironment(obj.defaultEnvironment)) defaultEnvironment = 'production';
  }
  return { settings: { connections, documentConnections, defaultEnvironment }, problems };
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
 * `path`), the `-- safe-sql: connection=` directive, and, only when neither binds it,
 * defaultEnvironment. When sources disagree the stricter environment wins, so a directive can
 * never make a production-bound document less strict. An unknown connection name counts as
 * production (fail closed).
 */
export function resolveBinding(settings: SafeSqlSettings, path: string | undefined, directive: string | undefined): Binding {
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
  if (candidates.length === 0) return { environment: settings.defaultEnvironment, sources: ['default'] };

  const environment = candidates.map((c) => c.environment).reduce(stricter);
  // The connection is the strictest one named; on a tie the later source (the directive) wins.
  let connection: ConnectionProfile | undefined;
  for (const c of candidates) {
    if (c.connection && (!connection || STRICTNESS[c.connection.environment] >= STRICTNESS[connection.environment])) connection = c.connection;
  }
  const sources = candidates.map((c) => c.source);
  return connection ? { environment, connection, sources } : { environment, sources };
}
