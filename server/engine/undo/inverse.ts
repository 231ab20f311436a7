/**
 * The inverse of a captured run, as SQL: in reverse order of the statements, inserted rows are
 * deleted, updated rows set back, deleted rows inserted again. Every row is found by its key and
 * must still equal its after-image (compared as its row type's text), so each statement carries the
 * exact count it must change; a row changed since the run makes that count fall short.
 */
import { qualified, quoteIdent } from './catalog';
import { UndoFile } from './file';
import { UndoTable } from './types';

export interface InversePart {
  table: string;
  /** The statement, preceded by its `-- safe-sql: expect-rows N` directive. */
  sql: string;
  rows: number;
  /** Lists the keys (as JSON arrays) of the rows that conflict, in the state just before `sql`. */
  conflicts: string;
}

const CHUNK = 1000;

const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;

export function buildInverse(file: UndoFile): InversePart[] {
  const parts: InversePart[] = [];
  for (const s of [...file.header.statements].reverse()) {
    const table = file.header.tables[s.table];
    const rows = file.rows.get(s.entry ?? s.index) ?? [];
    const inserted = rows.filter(([o, n]) => o === null && n !== null).map(([, n]) => [n as string]);
    const updated = rows.filter(([o, n]) => o !== null && n !== null) as string[][];
    const deleted = rows.filter(([o, n]) => o !== null && n === null).map(([o]) => [o as string]);
    for (const chunk of chunks(inserted)) parts.push(deleteBack(table, chunk));
    for (const chunk of chunks(updated)) parts.push(setBack(table, chunk));
    for (const chunk of chunks(deleted)) parts.push(insertBack(table, chunk));
  }
  return parts;
}

function chunks<T>(xs: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += CHUNK) out.push(xs.slice(i, i + CHUNK));
  return out;
}

function values(t: UndoTable, rows: string[][]): string {
  const type = qualified({ schema: t.schema, name: t.name });
  return `(VALUES ${rows.map((r) => `(${r.map((x) => `${literal(x)}::${type}`).join(', ')})`).join(',\n  ')})`;
}

const keyMatch = (t: UndoTable, row: string, image: string) => t.key.map((k) => `${row}.${quoteIdent(k)} = (${image}).${quoteIdent(k)}`).join(' AND ');
const keyJson = (t: UndoTable, image: string) => `json_build_array(${t.key.map((k) => `(${image}).${quoteIdent(k)}`).join(', ')})::text`;
const same = (row: string, image: string) => `ROW(${row}.*)::text = (${image})::text`;

function deleteBack(t: UndoTable, rows: string[][]): InversePart {
  const name = qualified({ schema: t.schema, name: t.name });
  const sql = `DELETE FROM ${name} AS safe_sql_t\nUSING ${values(t, rows)} AS safe_sql_v(n)\nWHERE ${keyMatch(t, 'safe_sql_t', 'safe_sql_v.n')} AND ${same('safe_sql_t', 'safe_sql_v.n')}`;
  return part(t, sql, rows.length, changedSince(t, rows));
}

function setBack(t: UndoTable, rows: string[][]): InversePart {
  const name = qualified({ schema: t.schema, name: t.name });
  const set = t.columns.filter((c) => !c.generated && c.identity !== 'a').map((c) => `${quoteIdent(c.name)} = (safe_sql_v.o).${quoteIdent(c.name)}`);
  const sql = `UPDATE ${name} AS safe_sql_t SET ${set.join(', ')}\nFROM ${values(t, rows)} AS safe_sql_v(o, n)\nWHERE ${keyMatch(t, 'safe_sql_t', 'safe_sql_v.n')} AND ${same('safe_sql_t', 'safe_sql_v.n')}`;
  return part(t, sql, rows.length, changedSince(t, rows.map((r) => [r[1]])));
}

function insertBack(t: UndoTable, rows: string[][]): InversePart {
  const name = qualified({ schema: t.schema, name: t.name });
  const cols = t.columns.filter((c) => !c.generated);
  const overriding = cols.some((c) => c.identity !== '') ? ' OVERRIDING SYSTEM VALUE' : '';
  const sql =
    `INSERT INTO ${name} (${cols.map((c) => quoteIdent(c.name)).join(', ')})${overriding}\n` +
    `SELECT ${cols.map((c) => `(safe_sql_v.o).${quoteIdent(c.name)}`).join(', ')} FROM ${values(t, rows)} AS safe_sql_v(o)\n` +
    `WHERE NOT EXISTS (SELECT 1 FROM ${name} AS safe_sql_x WHERE ${keyMatch(t, 'safe_sql_x', 'safe_sql_v.o')})`;
  const conflicts = `SELECT ${keyJson(t, 'safe_sql_v.o')} AS key FROM ${values(t, rows)} AS safe_sql_v(o)\nWHERE EXISTS (SELECT 1 FROM ${name} AS safe_sql_x WHERE ${keyMatch(t, 'safe_sql_x', 'safe_sql_v.o')})`;
  return part(t, sql, rows.length, conflicts);
}

/** Rows whose key no longer finds their after-image. */
function changedSince(t: UndoTable, rows: string[][]): string {
  const name = qualified({ schema: t.schema, name: t.name });
  return `SELECT ${keyJson(t, 'safe_sql_v.n')} AS key FROM ${values(t, rows)} AS safe_sql_v(n)\nWHERE NOT EXISTS (SELECT 1 FROM ${name} AS safe_sql_x WHERE ${keyMatch(t, 'safe_sql_x', 'safe_sql_v.n')} AND ${same('safe_sql_x', 'safe_sql_v.n')})`;
}

function part(t: UndoTable, sql: string, rows: number, conflicts: string): InversePart {
  return { table: `${t.schema}.${t.name}`, sql: `-- safe-sql: expect-rows ${rows}\n${sql};`, rows, conflicts };
}
