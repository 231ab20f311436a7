/**
 * Per-document settings, pulled from the client with `workspace/configuration` (section `safeSql`,
 * scoped to the document) and cached until `workspace/didChangeConfiguration`. Clients without
 * the pull capability get the settings pushed in didChangeConfiguration, or the defaults.
 *
 * Adding a setting: declare it under `contributes.configuration` in package.json, add it to
 * `SafeSqlSettings` and `readSettings` (shared/settings.ts); it then arrives here typed. This is the
 * only place that pulls configuration.
 */
import { Connection } from 'vscode-languageserver/node';
import { DEFAULT_SETTINGS, readSettings, SafeSqlSettings } from '../config/settings';
import { SETTINGS_SECTION } from '../../shared/settings';

export { SETTINGS_SECTION };

export class SettingsStore {
  private readonly perDocument = new Map<string, Promise<SafeSqlSettings>>();
  /** Settings pushed by clients that cannot be asked (didChangeConfiguration payload). */
  private pushed: SafeSqlSettings = DEFAULT_SETTINGS;
  /** Problems already logged, so that each one is logged once, not on every pull. */
  private readonly logged = new Set<string>();

  constructor(
    private readonly connection: Connection,
    private canPull: boolean,
  ) {}

  setCanPull(canPull: boolean): void {
    this.canPull = canPull;
  }

  /** The settings of one document. Never rejects: a failed pull falls back to the defaults. */
  get(uri: string): Promise<SafeSqlSettings> {
    if (!this.canPull) return Promise.resolve(this.pushed);
    let settings = this.perDocument.get(uri);
    if (!settings) {
      settings = this.pull(uri);
      this.perDocument.set(uri, settings);
    }
    return settings;
  }

  /**
   * The settings as they are now, pulled past the cache: for guarded runs and Test Connection, so a
   * setting changed a moment ago applies at once.
   */
  fresh(uri: string): Promise<SafeSqlSettings> {
    if (!this.canPull) return Promise.resolve(this.pushed);
    const settings = this.pull(uri);
    this.perDocument.set(uri, settings);
    return settings;
  }

  /** Forgets every cached pull (the workspace folders changed, so globs may bind differently). */
  forgetAll(): void {
    this.perDocument.clear();
  }

  /** On didChangeConfiguration: forget every cached pull; keep a pushed payload when there is one. */
  changed(payload: unknown): void {
    this.perDocument.clear();
    if (!this.canPull) {
      const section = payload && typeof payload === 'object' ? (payload as Record<string, unknown>)[SETTINGS_SECTION] : undefined;
      this.pushed = section === undefined ? DEFAULT_SETTINGS : this.read(section);
    }
  }

  forget(uri: string): void {
    this.perDocument.delete(uri);
  }

  private async pull(uri: string | undefined): Promise<SafeSqlSettings> {
    try {
      const raw: unknown = await this.connection.workspace.getConfiguration(uri ? { scopeUri: uri, section: SETTINGS_SECTION } : { section: SETTINGS_SECTION });
      return this.read(raw);
    } catch (error) {
      // Fail closed: without the settings nothing says the document is not bound to production.
      this.logOnce(`could not read the safeSql settings (${error instanceof Error ? error.message : String(error)}); treating the document as production`);
      return { ...DEFAULT_SETTINGS, defaultEnvironment: 'production' };
    }
  }

  private read(raw: unknown): SafeSqlSettings {
    const { settings, problems } = readSettings(raw ?? {});
    for (const p of problems) this.logOnce(p.message);
    return settings;
  }

  private logOnce(message: string): void {
    if (this.logged.has(message)) return;
    this.logged.add(message);
    this.connection.console.warn(`Safe SQL settings: ${message}`);
  }
}
