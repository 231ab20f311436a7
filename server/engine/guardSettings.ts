/**
 * The guard's own settings, read back: a script can loosen them from inside (SET, or set_config in
 * a function), so just before the confirmation and again just before COMMIT the engine compares
 * `current_setting()` of each with the value it read right after setting them.
 */

/** The settings that bound the run; transaction_read_only only counts when the run set it. */
const ALWAYS = ['idle_in_transaction_session_timeout', 'session_replication_role'];

export type Settings = Record<string, string>;

export function guardedNames(o: { readOnly: boolean; statementTimeout: boolean; lockTimeout: boolean }): string[] {
  const names = [...ALWAYS];
  if (o.statementTimeout) names.push('statement_timeout');
  if (o.lockTimeout) names.push('lock_timeout');
  if (o.readOnly) names.push('transaction_read_only');
  return names;
}

/** A JSON object of the settings' current values (schema-qualified: search_path may have changed). */
export function settingsSql(names: string[]): string {
  const pairs = names.map((n) => `'${n}', pg_catalog.current_setting('${n}')`).join(', ');
  return `pg_catalog.json_build_object(${pairs})`;
}

export function parseSettings(value: unknown): Settings {
  if (!value || typeof value !== 'object') throw new Error('the guard settings could not be read back');
  const out: Settings = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = String(v);
  return out;
}

/** The settings that differ from what the guard set, as "name: was → now". */
export function changedSettings(expected: Settings, now: Settings): string[] {
  const out: string[] = [];
  for (const [name, value] of Object.entries(expected)) {
    if (now[name] !== value) out.push(`${name} was set to ${value} by the guard and is now ${now[name] ?? 'unreadable'}`);
  }
  return out;
}
