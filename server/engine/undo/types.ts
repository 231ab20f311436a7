/** The shapes of undo: its settings, what a run reports about it, and the undo file. */
import { UNDO_LIMIT_DEFAULTS } from '../../../shared/settings';

export interface UndoSettings {
  /** Capture before- and after-images of the rows each statement changes. Default: on production. */
  enabled: boolean;
  /** Folder of the undo files. Default: `undo/` next to the audit log. */
  dir: string;
  /** Above this many changed rows, or bytes of row text, the run has no undo. */
  maxRows: number;
  maxBytes: number;
  /** Undo files older than this, or beyond this total size (oldest first), are removed. */
  retentionDays: number;
  retentionBytes: number;
}

/** The same defaults as the editor's `safeSql.undo.*` settings. */
export const UNDO_DEFAULTS: Omit<UndoSettings, 'enabled' | 'dir'> = UNDO_LIMIT_DEFAULTS;

/** What a run says about its undo (`"undo"` of `safe-sql run --format json`). */
export interface UndoStatus {
  available: boolean;
  /** Some of the run's changes are not in the undo (statements not captured, cascades, triggers). */
  partial: boolean;
  rows: number;
  /** The undo file, once written. */
  path?: string;
  /** The run's id, which `safe-sql undo RUN_ID` takes. */
  id?: string;
  reason: string;
  /** Whether COMMIT happened after the file was written. */
  committed?: boolean;
}

export interface UndoColumn {
  name: string;
  type: string;
  generated: boolean;
  identity: '' | 'a' | 'd';
}

export interface UndoTable {
  schema: string;
  name: string;
  columns: UndoColumn[];
  key: string[];
}

/** The first line of an undo file. Row values follow, one line per statement. */
export interface UndoHeader {
  kind: 'safe-sql-undo';
  version: 1;
  id: string;
  createdAt: string;
  connection: string;
  environment: string;
  xid: string;
  partial: boolean;
  reason: string;
  tables: UndoTable[];
  /**
   * In the order they ran: the statement's index, its table (index into `tables`) and command. Rows
   * a statement's cascade removed come just before it, deepest table first, with an `entry` of
   * their own (negative, never a statement's index) that their rows line names.
   */
  statements: Array<{ index: number; table: number; command: string; rows: number; entry?: number; cascade?: boolean }>;
}

/** Each changed row as its row type's text output: `[old, new]`, null where there is none. */
export interface UndoRows {
  /** The statement's index, or a cascade's `entry`. */
  statement: number;
  rows: Array<[string | null, string | null]>;
}
