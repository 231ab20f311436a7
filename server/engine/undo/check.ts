/**
 * Before COMMIT: what was captured must be exactly what the statements changed, or the run rolls
 * back. Each statement's count equals its captured rows; a pre-SELECT locked exactly the rows the
 * statement then changed (the same rows for a DELETE, the same keys for an UPDATE before 18); the
 * true impact (`pg_stat_xact_user_tables`) shows no table with more changes than the capture holds,
 * or the undo is partial and names it. Then the undo file's header: per statement, the cascade's
 * tables first (deepest first) and its own table last, so that the inverse, which runs backwards,
 * puts parents back before their children.
 */
import { Impact } from '../impact';
import { StatementResult } from '../types';
import { TableFacts } from './catalog';
import { CascadeNode } from './cascade';
import { recordFields, rowKey } from './record';
import { CaptureMode, Rewrite } from './rewrite';
import { UndoHeader, UndoRows, UndoSettings, UndoStatus, UndoTable } from './types';
import { newRunId } from './file';

type Pair = [string | null, string | null];

/** One table's rows removed by a cascade. */
export interface Entry {
  facts: TableFacts;
  depth: number;
  rows: Pair[];
  /** All rows seen, kept or over the limits. */
  count: number;
  seen: Set<string>;
  /** Reached by ON DELETE SET NULL: positions of the columns set to NULL (its rows are updated). */
  setNull?: number[];
}

export interface Captured {
  index: number;
  line: number;
  original: string;
  text: string;
  rewrite: Extract<Rewrite, { ok: true }>;
  facts?: TableFacts;
  /** Rows the statement returned. */
  count: number;
  /** Its own old and new rows. */
  pairs: Pair[];
  /** Rows still to be matched with the pre-SELECT's: new rows of an UPDATE, old rows of a DELETE. */
  returned: string[];
  pre?: { text: string; nodes: CascadeNode[]; functions: string[]; operators: string[]; relations: string[]; rows: string[]; count: number; seen: Set<string>; entryOf?: Array<Entry | undefined> };
  cascades: Entry[];
  /** What of its effects is not captured (SET NULL, a cascade not walked). */
  notCaptured: string[];
}

export interface CheckInput {
  captured: Captured[];
  uncovered: string[];
  unavailable: string | undefined;
  mode: CaptureMode;
  settings: UndoSettings;
  tally: { rows: number; bytes: number };
  results: StatementResult[];
  run: { connection: string; environment: string };
  impact?: Impact;
}

const plural = (n: number) => `${n} row${n === 1 ? '' : 's'}`;

export function checkCapture(o: CheckInput): string | { status: UndoStatus; header?: UndoHeader; keep: UndoRows[] } {
  const over = o.tally.rows > o.settings.maxRows || o.tally.bytes > o.settings.maxBytes;
  for (const c of o.captured) {
    const s = o.results[c.index];
    const where = `statement ${c.index + 1} (line ${s.line})`;
    if (s.rows !== null && s.rows !== c.count) return `${where} changed ${s.rows} rows but ${c.count} were captured for undo; everything was rolled back`;
    if (!c.pre) continue;
    if (c.pre.count !== c.count) return `${where} changed ${plural(c.count)} but ${plural(c.pre.count)} were selected for undo just before it; everything was rolled back`;
    if (over) continue;
    const paired = pairRows(c);
    if (!paired) return `${where} changed other rows than were selected for undo just before it; everything was rolled back`;
    c.pairs = paired;
  }
  const set = (available: boolean, partial: boolean, reason: string) => ({ status: { available, partial, rows: 0, reason }, keep: [] });
  const partial: string[] = [...o.uncovered];
  if (o.unavailable) return set(false, partial.length > 0, `undo unavailable: ${o.unavailable}`);
  if (over) {
    const n = o.tally.rows > o.settings.maxRows ? o.tally.rows - o.settings.maxRows : o.tally.rows;
    return set(false, partial.length > 0, `undo unavailable: ${n} rows over the limit (${o.settings.maxRows} rows, ${o.settings.maxBytes} bytes)`);
  }
  const tables: UndoTable[] = [];
  const statements: UndoHeader['statements'] = [];
  const keep: UndoRows[] = [];
  const byTable = new Map<string, number>();
  let entry = -1;
  const add = (f: TableFacts, s: Omit<UndoHeader['statements'][number], 'table'>, rows: Pair[]) => {
    let t = tables.findIndex((x) => x.schema === f.schema && x.name === f.name);
    if (t < 0) t = tables.push({ schema: f.schema, name: f.name, columns: f.columns, key: f.key }) - 1;
    statements.push({ ...s, table: t });
    keep.push({ statement: s.entry ?? s.index, rows });
    byTable.set(`${f.schema}.${f.name}`, (byTable.get(`${f.schema}.${f.name}`) ?? 0) + s.rows);
  };
  for (const c of o.captured) {
    const f = c.facts;
    const name = f ? `${f.schema}.${f.name}` : c.rewrite.target.name;
    if (!f || f.key.length === 0 || f.children) {
      if (c.count > 0) partial.push(`${name} ${f?.children ? 'has inheritance children' : 'has no primary key or unique not-null key'}: statement ${c.index + 1} cannot be undone`);
      continue;
    }
    const fixedIdentity = identityChanged(f, c.pairs);
    if (fixedIdentity) {
      partial.push(`${name}.${fixedIdentity} is GENERATED ALWAYS AS IDENTITY and statement ${c.index + 1} gave it new values, which no UPDATE can set back: statement ${c.index + 1} cannot be undone`);
      continue;
    }
    if (c.count > 0) {
      const command = c.rewrite.command;
      if ((command === 'UPDATE' || command === 'MERGE') && f.updateCascades.length > 0) partial.push(`changes to ${name} may cascade to ${f.updateCascades.join(', ')} (ON UPDATE), which is not captured`);
      if (command === 'MERGE' && f.deleteCascades) partial.push(`rows MERGE deletes from ${name} may cascade, which is not captured`);
      if (command === 'DELETE') partial.push(...c.notCaptured);
      if (f.triggers) partial.push(`${name} has triggers whose changes are not captured`);
    }
    for (const e of c.cascades) {
      if (e.rows.length === 0) continue;
      const child = `${e.facts.schema}.${e.facts.name}`;
      if (e.facts.key.length === 0) {
        partial.push(`${child} has no primary key or unique not-null key: the ${plural(e.rows.length)} the cascade removed cannot be put back`);
        continue;
      }
      if (e.facts.triggers) partial.push(`${child} has triggers whose changes are not captured`);
      if (e.setNull && e.facts.updateCascades.length > 0) partial.push(`the columns ON DELETE SET NULL empties in ${child} may cascade to ${e.facts.updateCascades.join(', ')}, which is not captured`);
      if (e.setNull && e.facts.columns.some((col) => col.generated)) {
        partial.push(`${child} has generated columns, so the rows ON DELETE SET NULL changed are not captured`);
        continue;
      }
      add(e.facts, { index: c.index, entry: entry--, cascade: true, command: e.setNull ? 'UPDATE' : 'DELETE', rows: e.rows.length }, e.rows);
    }
    add(f, { index: c.index, command: c.rewrite.command, rows: c.count }, c.pairs);
  }
  // The counters see every change, cascades, triggers and functions included.
  const counted = new Map<string, number>();
  for (const t of o.impact?.tables ?? []) {
    const ops = t.inserted + t.updated + t.deleted;
    const kept = byTable.get(`${t.schema}.${t.table}`) ?? 0;
    counted.set(`${t.schema}.${t.table}`, t.truncated ? Infinity : ops);
    if (ops > kept && !t.truncated) partial.push(`${t.schema}.${t.table}: ${plural(ops)} changed, ${kept} captured`);
  }
  // A table was looked up by name before the run; a statement may have reached another of that
  // name (search_path changed, a table created in the run). Its rows would be put back in the wrong one.
  for (const [table, kept] of o.impact ? byTable : []) {
    const ops = counted.get(table) ?? 0;
    if (kept > ops) return set(false, true, `undo unavailable: ${table}: ${plural(kept)} captured, but PostgreSQL counted ${ops} changes to it (did a statement reach another table of that name?)`);
  }
  const rows = statements.reduce((n, s) => n + s.rows, 0);
  // Nothing kept while something was not covered: there is no undo, not an empty one.
  if (statements.length === 0 && partial.length > 0) return set(false, true, `undo unavailable: ${partial.join('; ')}`);
  const header: UndoHeader = { kind: 'safe-sql-undo', version: 1, id: newRunId(), createdAt: new Date().toISOString(), connection: o.run.connection, environment: o.run.environment, xid: '', partial: partial.length > 0, reason: partial.join('; '), tables, statements };
  const status: UndoStatus = { available: true, partial: partial.length > 0, rows, id: header.id, reason: partial.length > 0 ? `undo is partial: ${partial.join('; ')}` : `undo available for ${plural(rows)}` };
  return { status, header, keep };
}

/** A GENERATED ALWAYS identity column whose value an update changed: an UPDATE can only set it to DEFAULT. */
function identityChanged(f: TableFacts, pairs: Pair[]): string | undefined {
  const positions = f.columns.map((col, i) => (col.identity === 'a' ? i : -1)).filter((i) => i >= 0);
  if (positions.length === 0) return undefined;
  for (const [o, n] of pairs) {
    if (o === null || n === null) continue;
    const [a, b] = [recordFields(o), recordFields(n)];
    const i = positions.find((p) => a[p] !== b[p]);
    if (i !== undefined) return f.columns[i].name;
  }
  return undefined;
}

/**
 * The statement's own rows from its pre-SELECT: a DELETE removed exactly the rows selected (the
 * same texts); an UPDATE before 18 returned one new row for each selected row, found by its key.
 * Undefined when they differ.
 */
function pairRows(c: Captured): Pair[] | undefined {
  const pre = c.pre;
  if (!pre) return c.pairs;
  if (c.rewrite.command === 'DELETE') {
    const a = [...pre.rows].sort();
    const b = [...c.returned].sort();
    return a.length === b.length && a.every((x, i) => x === b[i]) ? pre.rows.map((r) => [r, null]) : undefined;
  }
  const f = c.facts;
  if (!f) return undefined;
  const positions = f.key.map((k) => f.columns.findIndex((col) => col.name === k));
  const old = new Map<string, string>();
  for (const r of pre.rows) old.set(rowKey(r, positions), r);
  if (old.size !== pre.rows.length || c.returned.length !== pre.rows.length) return undefined;
  const pairs: Pair[] = [];
  for (const n of c.returned) {
    const k = rowKey(n, positions);
    const o = old.get(k);
    if (o === undefined) return undefined;
    old.delete(k);
    pairs.push([o, n]);
  }
  return pairs;
}
