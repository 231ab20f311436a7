/**
 * Settings from a JSON file (the CLI's `--config FILE`). The file has the same shape as the VS Code
 * settings: plain keys (`connections`), keys prefixed `safeSql.` as in a settings.json, or one
 * `safeSql` object. Pure: the caller reads the file.
 */
import { Environment } from '../analysis/types';
import { readSettings, SafeSqlSettings, SettingsProblem } from './settings';
import { SETTINGS_SECTION } from '../../shared/settings';

/** Every setting Safe SQL declares; only the first three matter to the analysis. */
const KNOWN_KEYS = ['connections', 'documentConnections', 'defaultEnvironment', 'confirmTimeout', 'lockedConfirmTimeout', 'auditLogPath', 'undo'];
/** Settings VS Code spells with a dot (`safeSql.undo.maxRows`) and hands over as one object (`undo: { maxRows }`). */
const GROUPS = ['undo'];
const PREFIX = 'safeSql.';

export class ConfigFileError extends Error {}

/**
 * Parses the file's text into settings. Throws ConfigFileError when the text is not a JSON object;
 * smaller problems (an unknown environment, a password field…) come back as problems, already
 * resolved the strict way by readSettings.
 */
export function settingsFromJsonText(text: string, fallbackEnvironment: Environment): { settings: SafeSqlSettings; problems: SettingsProblem[] } {
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new ConfigFileError(`not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new ConfigFileError('must hold a JSON object');
  const { values, problems } = unprefix(raw as Record<string, unknown>);
  const read = readSettings(values, fallbackEnvironment);
  return { settings: read.settings, problems: [...problems, ...read.problems] };
}

/**
 * Folds `safeSql.x` keys and a `safeSql` object into plain keys, and reports unknown and repeated
 * ones. Keys of other extensions (`editor.tabSize`) are skipped without a word.
 */
export function unprefix(raw: Record<string, unknown>): { values: Record<string, unknown>; problems: SettingsProblem[] } {
  const values: Record<string, unknown> = {};
  const problems: SettingsProblem[] = [];
  const put = (key: string, value: unknown, spelledAs: string) => {
    const group = GROUPS.find((g) => key.startsWith(`${g}.`));
    if (group) {
      const inner = (values[group] && typeof values[group] === 'object' ? values[group] : (values[group] = {})) as Record<string, unknown>;
      inner[key.slice(group.length + 1)] = value;
      return;
    }
    if (!KNOWN_KEYS.includes(key)) {
      problems.push({ message: `unknown setting "${spelledAs}" is ignored; known: ${KNOWN_KEYS.map((k) => PREFIX + k).join(', ')}` });
      return;
    }
    if (key in values) {
      problems.push({ message: `setting "${PREFIX}${key}" is given more than once; the last one is used` });
    }
    values[key] = value;
  };
  for (const [key, value] of Object.entries(raw)) {
    if (key === SETTINGS_SECTION && value && typeof value === 'object' && !Array.isArray(value)) {
      for (const [inner, v] of Object.entries(value as Record<string, unknown>)) put(inner, v, `safeSql.${inner}`);
    } else if (key.startsWith(PREFIX)) {
      put(key.slice(PREFIX.length), value, key);
    } else if (key.includes('.')) {
      // Another extension's setting, as in a whole .vscode/settings.json: not ours to judge.
      continue;
    } else {
      put(key, value, key);
    }
  }
  return { values, problems };
}
