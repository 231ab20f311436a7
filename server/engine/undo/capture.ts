/**
 * Capture during a guarded run: the statements that change rows are rewritten to return their old
 * and new rows as well; those rows are kept (within the limits) and, before COMMIT, checked against
 * each statement's own count and written to the undo file.
 */
import { Client } from 'pg';
import { PlannedStatement } from '../plan';
import { StatementResult } from '../types';
import { qualified, TableFacts, tableFacts } from './catalog';
import { markCommitted, newRunId, pruneUndoFiles, writeUndoFile } from './file';
import { CAPTURE_COLUMNS, rewriteForCapture, TargetName } from './rewrite';
import { UndoHeader, UndoRows, UndoSettings, UndoStatus, UndoTable } from './types';

/** How the batch reader treats a captured statement's rows: the last columns are ours. */
export interface CaptureSpec {
  extra: number;
  userReturning: boolean;
  sink(values: Array<string | null>): void;
}

interface Captured {
  index: number;
  original: string;
  facts?: TableFacts;
  target: TargetName;
  command: string;
  count: number;
  rows: Array<[string | null, string | null]>;
}

export class Capture {
  readonly statements: PlannedStatement[];
  readonly specs = new Map<number, CaptureSpec>();
  private readonly captured: Captured[] = [];
  private readonly uncovered: string[] = [];
  private rows = 0;
  private bytes = 0;
  private unavailable?: string;
  private header?: UndoHeader;
  private keep: UndoRows[] = [];
  checked = false;
  status: UndoStatus = { available: false, partial: false, rows: 0, reason: 'nothing was captured yet' };
  private path?: string;

  private constructor(
    planned: PlannedStatement[],
    private readonly settings: UndoSettings,
    unavailable: string | undefined,
  ) {
    this.unavailable = unavailable;
    this.statements = planned.map((s) => {
      if (s.read || unavailable) return s;
      const r = rewriteForCapture(s.text);
      if (!r.ok) {
        this.uncovered.push(`statement ${s.index + 1} (line ${s.line}) is not captured: ${r.reason}`);
        return s;
      }
      const c: Captured = { index: s.index, original: s.text, target: r.target, command: r.command, count: 0, rows: [] };
      this.captured.push(c);
      this.specs.set(s.index, { extra: CAPTURE_COLUMNS, userReturning: r.userReturning, sink: (v) => this.take(c, v) });
      return { ...s, text: r.text };
    });
  }

  /** Starts capture on the run's open transaction; the server must be PostgreSQL 18 or later. */
  static async start(client: Client, planned: PlannedStatement[], settings: UndoSettings): Promise<Capture> {
    const r = await client.query<{ v: string; ds: string; efd: string }>("SELECT current_setting('server_version_num') AS v, current_setting('DateStyle') AS ds, current_setting('extra_float_digits') AS efd");
    const { v, ds, efd } = r.rows[0];
    let why: string | undefined;
    if (Number(v) < 180000) why = `PostgreSQL ${Math.floor(Number(v) / 10000)} has no RETURNING old (PostgreSQL 18 and later)`;
    else if (!/^ISO/i.test(ds)) why = `DateStyle ${ds} does not read back exactly (ISO does)`;
    else if (Number(efd) < 1) why = `extra_float_digits ${efd} rounds floating-point values`;
    const capture = new Capture(planned, settings, why);
    if (!why && capture.captured.length > 0) await capture.inspect(client);
    return capture;
  }

  /**
   * Before anything runs: only plain and partitioned tables without rewrite rules are captured (a
   * view or a rule may refuse RETURNING, and the run must not fail because of undo). One catalog
   * look-up per distinct table; a table the run itself creates is not found, so not captured.
   */
  private async inspect(client: Client): Promise<void> {
    const names = [...new Set(this.captured.map((c) => qualified(c.target)))];
    const found = await tableFacts(client, names.map((n) => this.captured.find((c) => qualified(c.target) === n)?.target as TargetName));
    for (const c of [...this.captured]) {
      const f = found[names.indexOf(qualified(c.target))];
      const why = !f ? 'its table does not exist before the run' : f.kind !== 'r' && f.kind !== 'p' ? `${f.schema}.${f.name} is not a table` : f.rules ? `${f.schema}.${f.name} has rewrite rules` : undefined;
      if (why) {
        this.captured.splice(this.captured.indexOf(c), 1);
        this.specs.delete(c.index);
        this.statements[c.index] = { ...this.statements[c.index], text: c.original };
        this.uncovered.push(`statement ${c.index + 1} is not captured: ${why}`);
      } else {
        c.facts = f;
      }
    }
  }

  private take(c: Captured, values: Array<string | null>): void {
    c.count++;
    this.rows++;
    const [o, n] = values.map((x) => (x === null || /^\(,*\)$/.test(x) ? null : x));
    this.bytes += (o?.length ?? 0) + (n?.length ?? 0);
    if (this.rows <= this.settings.maxRows && this.bytes <= this.settings.maxBytes) c.rows.push([o, n]);
  }

  /** After the statements ran: a reason to roll back, or undefined with `status` set. */
  check(results: StatementResult[], run: { connection: string; environment: string }): string | undefined {
    this.checked = true;
    for (const c of this.captured) {
      const s = results[c.index];
      if (s.rows !== null && s.rows !== c.count) return `statement ${c.index + 1} (line ${s.line}) changed ${s.rows} rows but ${c.count} were captured for undo; everything was rolled back`;
    }
    const partial: string[] = [...this.uncovered];
    if (this.unavailable) return this.set(false, partial.length > 0, `undo unavailable: ${this.unavailable}`);
    if (this.rows > this.settings.maxRows || this.bytes > this.settings.maxBytes) {
      const over = this.rows > this.settings.maxRows ? this.rows - this.settings.maxRows : this.rows;
      return this.set(false, partial.length > 0, `undo unavailable: ${over} rows over the limit (${this.settings.maxRows} rows, ${this.settings.maxBytes} bytes)`);
    }
    const facts = this.captured.map((c) => c.facts);
    const tables: UndoTable[] = [];
    const statements: UndoHeader['statements'] = [];
    this.captured.forEach((c, k) => {
      const f = facts[k];
      const name = f ? `${f.schema}.${f.name}` : c.target.name;
      if (!f || f.key.length === 0 || f.children) {
        if (c.count > 0) partial.push(`${name} ${f?.children ? 'has inheritance children' : 'has no primary key or unique not-null key'}: statement ${c.index + 1} cannot be undone`);
        return;
      }
      if (c.count > 0 && c.command !== 'INSERT' && f.cascades.length > 0) partial.push(`changes to ${name} may cascade to ${f.cascades.join(', ')}, which is not captured`);
      if (c.count > 0 && f.triggers) partial.push(`${name} has triggers whose changes are not captured`);
      let t = tables.findIndex((x) => x.schema === f.schema && x.name === f.name);
      if (t < 0) t = tables.push({ schema: f.schema, name: f.name, columns: f.columns, key: f.key }) - 1;
      statements.push({ index: c.index, table: t, command: c.command, rows: c.count });
      this.keep.push({ statement: c.index, rows: c.rows });
    });
    const rows = statements.reduce((n, s) => n + s.rows, 0);
    // Nothing kept while something was not covered: there is no undo, not an empty one.
    if (statements.length === 0 && partial.length > 0) return this.set(false, true, `undo unavailable: ${partial.join('; ')}`);
    this.header = { kind: 'safe-sql-undo', version: 1, id: newRunId(), createdAt: new Date().toISOString(), connection: run.connection, environment: run.environment, xid: '', partial: partial.length > 0, reason: partial.join('; '), tables, statements };
    this.status = { available: true, partial: partial.length > 0, rows, id: this.header.id, reason: partial.length > 0 ? `undo is partial: ${partial.join('; ')}` : `undo available for ${rows} row${rows === 1 ? '' : 's'}` };
    return undefined;
  }

  private set(available: boolean, partial: boolean, reason: string): undefined {
    this.status = { available, partial, rows: 0, reason };
    return undefined;
  }

  /** Writes the undo file before COMMIT; throws when it cannot (the run must then roll back). */
  async save(xid: string): Promise<void> {
    if (!this.header) return;
    this.header.xid = xid;
    this.path = await writeUndoFile(this.settings.dir, this.header, this.keep);
    this.status = { ...this.status, path: this.path, committed: false };
    this.keep = [];
  }

  async committed(): Promise<void> {
    if (!this.path) return;
    await markCommitted(this.path);
    this.status = { ...this.status, committed: true };
    await pruneUndoFiles(this.settings.dir, this.settings.retentionDays, this.settings.retentionBytes).catch(() => undefined);
  }
}
