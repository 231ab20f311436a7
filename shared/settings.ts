/**
 * The settings Safe SQL reads, typed and validated: the same shape comes from VS Code's
 * `workspace/configuration` (section `safeSql`) and from the CLI's `--config FILE`. Both sides
 * import it: the client checks what the user wrote, the server reads it. No password field exists,
 * on purpose: secrets live in SecretStorage or the environment.
 */

/** The settings section, as VS Code and `workspace/configuration` name it. */
export const SETTINGS_SECTION = 'safeSql';

export type Environment = 'production' | 'staging' | 'development';
export const ENVIRONMENTS: readonly Environment[] = ['production', 'staging', 'development'];

export function isEnvironment(v: unknown): v is Environment {
  return typeof v === 'string' && (ENVIRONMENTS as readonly string[]).includes(v);
}

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
  /** Seconds a guarded run waits for confirmation before it rolls back (`safeSql.confirmTimeout`). */
  confirmTimeout: number;
  /** Seconds a run holding SHARE ROW EXCLUSIVE or stronger locks waits for confirmation (`safeSql.lockedConfirmTimeout`). */
  lockedConfirmTimeout: number;
  /** Where audit records go (`safeSql.auditLogPath`); empty: the client's default. */
  auditLogPath: string;
  /** Limits and retention of undo files (`safeSql.undo.*`). */
  undo: UndoLimits;
}

/**
 * `safeSql.undo.*`: above `maxRows` changed rows or `maxBytes` of row text a run has no undo (and
 * production then asks for the typed count); undo files older than `retentionDays`, or beyond
 * `retentionBytes` in total (oldest first), are removed. Machine-scoped like the audit log they sit beside.
 */
export interface UndoLimits {
  maxRows: number;
  maxBytes: number;
  retentionDays: number;
  retentionBytes: number;
}

export const UNDO_LIMIT_DEFAULTS: UndoLimits = { maxRows: 100_000, maxBytes: 64 * 1024 * 1024, retentionDays: 30, retentionBytes: 1024 * 1024 * 1024 };

/** Each limit's lowest value: retention of 0 would remove the file a run has just written. */
export const UNDO_LIMIT_MIN: UndoLimits = { maxRows: 0, maxBytes: 0, retentionDays: 1, retentionBytes: 1 };

export const DEFAULT_SETTINGS: SafeSqlSettings = {
  connections: [],
  documentConnections: {},
  defaultEnvironment: 'development',
  confirmTimeout: 120,
  lockedConfirmTimeout: 30,
  auditLogPath: '',
  undo: UNDO_LIMIT_DEFAULTS,
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
  const seconds = (key: 'confirmTimeout' | 'lockedConfirmTimeout'): number => {
    const t = obj[key];
    if (t === undefined) return DEFAULT_SETTINGS[key];
    if (typeof t === 'number' && Number.isFinite(t) && t > 0) return Math.min(t, 86_400);
    problems.push({ message: `safeSql.${key} must be a number of seconds above 0; ${DEFAULT_SETTINGS[key]} is used` });
    return DEFAULT_SETTINGS[key];
  };
  const confirmTimeout = seconds('confirmTimeout');
  const lockedConfirmTimeout = seconds('lockedConfirmTimeout');
  let auditLogPath = '';
  if (obj.auditLogPath !== undefined) {
    if (typeof obj.auditLogPath === 'string') auditLogPath = obj.auditLogPath.trim();
    else problems.push({ message: 'safeSql.auditLogPath must be a file path; the default is used' });
  }
  const undo = readUndoLimits(obj.undo, problems);
  const settings: SafeSqlSettings = { connections, documentConnections, defaultEnvironment, confirmTimeout, lockedConfirmTimeout, auditLogPath, undo };
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

function readUndoLimits(raw: unknown, problems: SettingsProblem[]): UndoLimits {
  const limits = { ...UNDO_LIMIT_DEFAULTS };
  if (raw === undefined) return limits;
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    problems.push({ message: 'safeSql.undo must be an object (maxRows, maxBytes, retentionDays, retentionBytes); the defaults are used' });
    return limits;
  }
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    if (!Object.hasOwn(UNDO_LIMIT_DEFAULTS, key)) {
      problems.push({ message: `safeSql.undo has an unknown field "${key}"; it is ignored` });
      continue;
    }
    const k = key as keyof UndoLimits;
    if (typeof value === 'number' && Number.isSafeInteger(value) && value >= UNDO_LIMIT_MIN[k]) limits[k] = value;
    else problems.push({ message: `safeSql.undo.${k} must be a whole number of at least ${UNDO_LIMIT_MIN[k]}; ${UNDO_LIMIT_DEFAULTS[k]} is used` });
  }
  return limits;
}

/**
 * The optional connection fields, the one list of them: readSettings checks each (a wrong value is
 * dropped with a problem, never guessed), the editor writes only these, and a test keeps
 * package.json's schema equal to it.
 */
export const PROFILE_FIELDS: Record<Exclude<keyof ConnectionProfile, 'name' | 'environment'>, { ok: (v: unknown) => boolean; expected: string }> = {
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
    const field = Object.hasOwn(PROFILE_FIELDS, key) ? PROFILE_FIELDS[key as keyof typeof PROFILE_FIELDS] : undefined;
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
