/**
 * Settings resolved for a document: its binding (connection and environment) and the TLS a
 * connection uses. The settings' types and validation are in shared/settings.ts.
 */
import { ConnectionProfile, SafeSqlSettings } from '../../shared/settings';
import { Environment } from '../analysis/types';
import { matchesGlob } from './glob';

export { DEFAULT_SETTINGS, isEnvironment, readSettings } from '../../shared/settings';
export type { ConnectionProfile, SafeSqlSettings, SettingsProblem } from '../../shared/settings';

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
