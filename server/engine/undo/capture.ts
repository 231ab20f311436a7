/**
 * Capture during a guarded run. On PostgreSQL 18 each UPDATE, DELETE, INSERT and MERGE is rewritten
 * to return its old and new rows; before 18 it returns the target's row as it leaves it, and an
 * UPDATE is preceded by a locking pre-SELECT of its rows (the old ones). A DELETE whose rows cascade
 * is preceded, on every version, by one SELECT that locks its rows and the child rows the cascade
 * will remove. Before COMMIT everything is checked against each statement's count (`check.ts`) and
 * written to the undo file.
 */
import { Client } from 'pg';
import { PlannedStatement } from '../plan';
import { StatementResult } from '../types';
import { Impact } from '../impact';
import { qualified, TableFacts, tableFacts } from './catalog';
import { cascadeSelect, CASCADE_COLUMNS, CascadeNode, deleteActions, ForeignKey, walkCascade } from './cascade';
import { checkCapture, Captured, Entry } from './check';
import { markCommitted, pruneUndoFiles, writeUndoFile } from './file';
import { recordFields, recordText } from './record';
import { buildPreSelect, notPlainTables, volatileNames } from './preselect';
import { CAPTURE_COLUMNS, CaptureMode, rewriteForCapture } from './rewrite';
import { UndoHeader, UndoRows, UndoSettings, UndoStatus } from './types';

/** How the batch reader treats a captured statement's rows: the last columns are ours. */
export interface CaptureSpec {
  extra: number;
  userReturning: boolean;
  sink(values: Array<string | null>): void;
  /** A SELECT of ours sent just before the statement, all of whose columns are ours. */
  pre?: { text: string; spec: CaptureSpec };
}

export class Capture {
  readonly statements: PlannedStatement[];
  readonly specs = new Map<number, CaptureSpec>();
  private readonly captured: Captured[] = [];
  private readonly uncovered: string[] = [];
  private readonly tally = { rows: 0, bytes: 0 };
  private header?: UndoHeader;
  private keep: UndoRows[] = [];
  checked = false;
  status: UndoStatus = { available: false, partial: false, rows: 0, reason: 'nothing was captured yet' };
  private path?: string;

  private constructor(
    planned: PlannedStatement[],
    private readonly settings: UndoSettings,
    private readonly unavailable: string | undefined,
    private readonly mode: CaptureMode,
    private readonly version: number,
  ) {
    this.statements = planned.map((s) => {
      // A setting changes no row: nothing of it is missing from the undo.
      if (s.read || unavailable || (s.tree && 'VariableSetStmt' in s.tree)) return s;
      const r = rewriteForCapture(s.text, mode, s.tree);
      if (!r.ok) {
        this.uncovered.push(`statement ${s.index + 1} (line ${s.line}) is not captured: ${r.reason}`);
        return s;
      }
      this.captured.push({ index: s.index, line: s.line, original: s.text, text: r.text, rewrite: r, count: 0, pairs: [], returned: [], cascades: [], notCaptured: [] });
      // The rewritten text is put in by attach(), once prepare() kept the statement.
      return s;
    });
  }

  /** Starts capture on the run's open transaction. */
  static async start(client: Client, planned: PlannedStatement[], settings: UndoSettings): Promise<Capture> {
    const r = await client.query<{ v: string; ds: string; efd: string }>("SELECT current_setting('server_version_num') AS v, current_setting('DateStyle') AS ds, current_setting('extra_float_digits') AS efd");
    const { v, ds, efd } = r.rows[0];
    let why: string | undefined;
    if (!/^ISO/i.test(ds)) why = `DateStyle ${ds} does not read back exactly (ISO does)`;
    else if (Number(efd) < 1) why = `extra_float_digits ${efd} rounds floating-point values`;
    const capture = new Capture(planned, settings, why, Number(v) >= 180000 ? 'old-new' : 'row', Number(v));
    if (!why && capture.captured.length > 0) await capture.prepare(client);
    for (const c of capture.captured) capture.attach(c);
    return capture;
  }

  /**
   * Before anything runs: only plain and partitioned tables without rewrite rules are captured (a
   * view or a rule may refuse RETURNING, and the run must not fail because of undo). One catalog
   * look-up per distinct table; a table the run itself creates is not found, so not captured. Then
   * the pre-SELECTs: UPDATE before 18, and DELETE that cascades.
   */
  private async prepare(client: Client): Promise<void> {
    const names = [...new Set(this.captured.map((c) => qualified(c.rewrite.target)))];
    const found = await tableFacts(client, names.map((n) => this.captured.find((c) => qualified(c.rewrite.target) === n)?.rewrite.target ?? { name: n }));
    let fks: ForeignKey[] | undefined;
    for (const c of [...this.captured]) {
      const f = found[names.indexOf(qualified(c.rewrite.target))];
      const why = !f ? 'its table does not exist before the run' : f.kind !== 'r' && f.kind !== 'p' ? `${f.schema}.${f.name} is not a table` : f.rules ? `${f.schema}.${f.name} has rewrite rules` : !f.readable ? `reading ${f.schema}.${f.name} is not allowed (SELECT privilege)` : undefined;
      if (why) {
        this.drop(c, why);
        continue;
      }
      c.facts = f;
      const update = c.rewrite.command === 'UPDATE' && this.mode === 'row';
      if (update && f?.key.length && setsKey(c.rewrite.body, f)) this.drop(c, `it sets key columns of ${f.schema}.${f.name}, so before PostgreSQL 18 its old and new rows cannot be paired`);
      else if (update && f && unlockable(f)) this.drop(c, unlockable(f) as string);
      // Without a key (or with inheritance children) the rows cannot be undone: nothing to select.
      else if (update && f?.key.length && !f.children) this.preSelect(c, [{ oid: '', table: c.rewrite.target, depth: 0, keys: [] }]);
      else if (c.rewrite.command === 'DELETE' && f?.deleteCascades && unlockable(f)) c.notCaptured.push(`the rows its cascade removes are not captured: ${unlockable(f) as string}`);
      else if (c.rewrite.command === 'DELETE' && f?.deleteCascades) {
        fks ??= await deleteActions(client, this.version);
        const walk = walkCascade(f.oid, c.rewrite.target, fks);
        if (!walk.ok) c.notCaptured.push(walk.reason);
        else {
          c.notCaptured.push(...walk.notCaptured);
          if (walk.nodes.length > 1) this.preSelect(c, walk.nodes);
        }
      }
    }
    await this.cascadeFacts(client);
    await this.refuseVolatile(client);
  }

  private preSelect(c: Captured, nodes: CascadeNode[]): void {
    const pre = buildPreSelect(c.rewrite.body, c.rewrite.ref, nodes[0].keys);
    if (!pre.ok) {
      if (c.rewrite.command === 'UPDATE') this.drop(c, pre.reason);
      else c.notCaptured.push(`the rows its cascade removes cannot be selected first: ${pre.reason}`);
      return;
    }
    c.pre = { text: cascadeSelect(pre.text, nodes), nodes, functions: pre.functions, operators: pre.operators, relations: pre.relations, rows: [], count: 0, seen: new Set() };
  }

  /** The child tables of every cascade: their key and columns, each table once. */
  private async cascadeFacts(client: Client): Promise<void> {
    const children = this.captured.flatMap((c) => (c.pre?.nodes ?? []).slice(1).map((n) => ({ c, n })));
    if (children.length === 0) return;
    const names = [...new Set(children.map((x) => qualified(x.n.table)))];
    const facts = await tableFacts(client, names.map((n) => children.find((x) => qualified(x.n.table) === n)?.n.table ?? { name: n }));
    for (const c of this.captured) {
      if (!c.pre) continue;
      const why = c.pre.nodes.slice(1).map((n) => {
        const f = facts[names.indexOf(qualified(n.table))];
        return f ? unlockable(f) : `${qualified(n.table)} was not found`;
      }).find((x) => x);
      if (why) {
        c.pre = undefined;
        c.notCaptured.push(`the rows its cascade removes are not captured: ${why}`);
        continue;
      }
      const entries = new Map<string, Entry>();
      c.pre.entryOf = c.pre.nodes.map((n, i) => {
        if (i === 0) return undefined;
        const f = facts[names.indexOf(qualified(n.table))] as TableFacts;
        const key = `${f.schema}.${f.name}`;
        let e = entries.get(key);
        if (!e) entries.set(key, (e = { facts: f, depth: n.depth, rows: [], count: 0, seen: new Set() }));
        if (n.setNull) e.setNull = n.setNull.map((c) => f.columns.findIndex((col) => col.name === c));
        e.depth = Math.max(e.depth, n.depth);
        return e;
      });
      c.cascades = [...entries.values()].sort((a, b) => b.depth - a.depth);
    }
  }

  /** A pre-SELECT repeats the statement's FROM and WHERE: nothing volatile, and no view's query, may run twice. */
  private async refuseVolatile(client: Client): Promise<void> {
    const pres = this.captured.filter((c) => c.pre);
    if (pres.length === 0) return;
    const volatile = new Set(await volatileNames(client, [...new Set(pres.flatMap((c) => c.pre?.functions ?? []))], [...new Set(pres.flatMap((c) => c.pre?.operators ?? []))]));
    const views = new Set(await notPlainTables(client, [...new Set(pres.flatMap((c) => c.pre?.relations ?? []))]));
    for (const c of pres) {
      const names = [...(c.pre?.functions ?? []), ...(c.pre?.operators ?? [])].filter((n) => volatile.has(n));
      const read = (c.pre?.relations ?? []).filter((n) => views.has(n));
      if (names.length === 0 && read.length === 0) continue;
      const why = names.length > 0 ? `its condition calls ${names.join(', ')}, which may be volatile and would run twice` : `it reads ${read.join(', ')}, not a plain table, whose query would run twice`;
      if (c.rewrite.command === 'UPDATE') this.drop(c, why);
      else {
        c.pre = undefined;
        c.cascades = [];
        c.notCaptured.push(`the rows its cascade removes are not captured: ${why}`);
      }
    }
  }

  private drop(c: Captured, why: string): void {
    this.captured.splice(this.captured.indexOf(c), 1);
    this.uncovered.push(`statement ${c.index + 1} (line ${c.line}) is not captured: ${why}`);
  }

  /** The batch reader's view of a captured statement: its columns, and its pre-SELECT. */
  private attach(c: Captured): void {
    this.statements[c.index] = { ...this.statements[c.index], text: c.text };
    const spec: CaptureSpec = { extra: CAPTURE_COLUMNS[this.mode], userReturning: c.rewrite.userReturning, sink: (v) => this.take(c, v) };
    const pre = c.pre;
    if (pre) spec.pre = { text: pre.text, spec: { extra: CASCADE_COLUMNS, userReturning: false, sink: (v) => this.takePre(c, v) } };
    this.specs.set(c.index, spec);
  }

  private within(...texts: Array<string | null>): boolean {
    this.tally.rows++;
    for (const t of texts) this.tally.bytes += t?.length ?? 0;
    return this.tally.rows <= this.settings.maxRows && this.tally.bytes <= this.settings.maxBytes;
  }

  private under(): boolean {
    return this.tally.rows <= this.settings.maxRows && this.tally.bytes <= this.settings.maxBytes;
  }

  private take(c: Captured, values: Array<string | null>): void {
    c.count++;
    const [o, n] = values.map((x) => (x === null || /^\(,*\)$/.test(x) ? null : x));
    if (this.mode === 'row' && c.rewrite.command === 'UPDATE') {
      // Before 18 an UPDATE returns its new row; the old one is the pre-SELECT's (counted there).
      this.tally.bytes += o?.length ?? 0;
      if (this.under()) c.returned.push(o as string);
      return;
    }
    const pair: [string | null, string | null] = this.mode === 'old-new' ? [o, n] : c.rewrite.command === 'INSERT' ? [null, o] : [o, null];
    // A DELETE with a pre-SELECT: its rows are compared with the pre-SELECT's (check.ts), not counted twice.
    if (c.pre) {
      if (this.under()) c.returned.push(pair[0] as string);
    } else if (this.within(pair[0], pair[1])) {
      c.pairs.push(pair);
    }
  }

  /** A row of the pre-SELECT: node 0 is the statement's own target, others the cascade's tables. */
  private takePre(c: Captured, values: Array<string | null>): void {
    const [w, tableoid, ctid, row] = values;
    const pre = c.pre;
    if (!pre || row === null) return;
    const node = Number(w);
    const at = `${tableoid}:${ctid}`;
    const entry = pre.entryOf?.[node];
    const seen = entry?.seen ?? pre.seen;
    // UPDATE … FROM joins a row once per matching FROM row; PostgreSQL changes it once.
    if (seen.has(at)) return;
    seen.add(at);
    if (entry) entry.count++;
    else pre.count++;
    if (!this.within(row)) return;
    if (entry?.setNull) entry.rows.push([row, withNulls(row, entry.setNull)]);
    else if (entry) entry.rows.push([row, null]);
    else pre.rows.push(row);
  }

  /** After the statements ran: a reason to roll back, or undefined with `status` set. */
  check(results: StatementResult[], run: { connection: string; environment: string }, impact?: Impact): string | undefined {
    this.checked = true;
    const out = checkCapture({ captured: this.captured, uncovered: this.uncovered, unavailable: this.unavailable, mode: this.mode, settings: this.settings, tally: this.tally, results, run, ...(impact ? { impact } : {}) });
    if (typeof out === 'string') return out;
    this.status = out.status;
    if (out.header) {
      this.header = out.header;
      this.keep = out.keep;
    }
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

/** Why a pre-SELECT could fail or see other rows than the statement: FOR UPDATE needs SELECT and UPDATE, and row-level security filters. */
function unlockable(f: TableFacts): string | undefined {
  const name = `${f.schema}.${f.name}`;
  if (!f.readable || !f.lockable) return `locking the rows of ${name} first is not allowed (SELECT and UPDATE privileges)`;
  if (f.rls) return `${name} has row-level security, so a SELECT may see other rows than the statement changes`;
  return undefined;
}

/** ON DELETE SET NULL's new row: the old one with those columns NULL. */
function withNulls(row: string, positions: number[]): string {
  const fields = recordFields(row);
  for (const p of positions) fields[p] = null;
  return recordText(fields);
}

/** Whether an UPDATE may change the key: its SET list names a key column, or the key has a generated column. */
function setsKey(body: Record<string, unknown>, f: TableFacts): boolean {
  if (f.columns.some((c) => c.generated && f.key.includes(c.name))) return true;
  const targets = (body.targetList ?? []) as Array<{ ResTarget?: { name?: string } }>;
  return targets.some((t) => t.ResTarget?.name !== undefined && f.key.includes(t.ResTarget.name));
}
