/**
 * Rows a DELETE removes through ON DELETE CASCADE: the foreign keys are walked in `pg_constraint`
 * from the target, and one SELECT, sent just before the DELETE, locks and returns the target's rows
 * (the pre-SELECT) and, level by level, every child row that refers to them (`FOR UPDATE`, so no
 * other session changes them before the cascade does). Child rows get their own entries in the undo
 * file, so that the inverse inserts parents before their children.
 *
 * ON DELETE SET NULL is captured too: the child rows are locked the same way, and their new row is
 * the old one with the key's columns (or the listed ones, PostgreSQL 15 and later) set to NULL.
 * Not captured, and said so: ON DELETE SET DEFAULT (the default is evaluated by the server), a
 * table reached twice where one path sets NULL, a cascade that comes back to a table already on its
 * path, and very wide walks.
 */
import { Client } from 'pg';
import { qualified, quoteIdent } from './catalog';
import { TargetName } from './rewrite';

export interface ForeignKey {
  name: string;
  child: TargetName & { oid: string; kind: string };
  parent: string;
  onDelete: string;
  cols: string[];
  refcols: string[];
  /** ON DELETE SET NULL (cols): the columns set to NULL; empty means all of `cols`. */
  setCols: string[];
}

/** One table reached by the cascade: node 0 is the DELETE's own target. */
export interface CascadeNode {
  oid: string;
  table: TargetName & { kind?: string };
  depth: number;
  parent?: number;
  fk?: ForeignKey;
  /** Its columns that its own children refer to, selected as safe_sql_k1… */
  keys: string[];
  /** Reached by ON DELETE SET NULL: its rows stay, with these columns set to NULL. */
  setNull?: string[];
}

export type CascadeWalk = { ok: true; nodes: CascadeNode[]; notCaptured: string[] } | { ok: false; reason: string };

const MAX_NODES = 32;

const query = (setCols: boolean) => `SELECT c.conname AS name, c.conrelid::text AS oid, n.nspname AS schema, r.relname AS table, r.relkind::text AS kind,
  c.confrelid::text AS parent, c.confdeltype::text AS on_delete,
  (SELECT json_agg(a.attname ORDER BY k.o) FROM unnest(c.conkey) WITH ORDINALITY k(att, o) JOIN pg_catalog.pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.att) AS cols,
  (SELECT json_agg(a.attname ORDER BY k.o) FROM unnest(c.confkey) WITH ORDINALITY k(att, o) JOIN pg_catalog.pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.att) AS refcols,
  ${setCols ? '(SELECT json_agg(a.attname ORDER BY k.o) FROM unnest(c.confdelsetcols) WITH ORDINALITY k(att, o) JOIN pg_catalog.pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.att)' : 'NULL::json'} AS setcols
FROM pg_catalog.pg_constraint c JOIN pg_catalog.pg_class r ON r.oid = c.conrelid JOIN pg_catalog.pg_namespace n ON n.oid = r.relnamespace
WHERE c.contype = 'f' AND c.conparentid = 0 AND c.confdeltype IN ('c', 'n', 'd')`;

/** Every foreign key of the database whose ON DELETE changes rows (one query per run); `SET NULL (cols)` from PostgreSQL 15. */
export async function deleteActions(client: Client, version: number): Promise<ForeignKey[]> {
  const r = await client.query<{ name: string; oid: string; schema: string; table: string; kind: string; parent: string; on_delete: string; cols: string[]; refcols: string[]; setcols: string[] | null }>(query(version >= 150000));
  return r.rows.map((x) => ({ name: x.name, child: { oid: x.oid, schema: x.schema, name: x.table, kind: x.kind }, parent: x.parent, onDelete: x.on_delete, cols: x.cols, refcols: x.refcols, setCols: x.setcols ?? [] }));
}

/** The tables a DELETE on `oid` reaches by CASCADE, breadth first, each with the FK that leads there. */
export function walkCascade(oid: string, table: TargetName, fks: ForeignKey[]): CascadeWalk {
  const nodes: CascadeNode[] = [{ oid, table, depth: 0, keys: [] }];
  const notCaptured: string[] = [];
  const label = (t: TargetName) => `${t.schema ?? ''}${t.schema ? '.' : ''}${t.name}`;
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i];
    // A row set to NULL stays: nothing cascades from it (its own ON UPDATE actions are checked with its table).
    if (node.setNull) continue;
    for (const fk of fks.filter((f) => f.parent === node.oid)) {
      if (fk.onDelete === 'd') {
        notCaptured.push(`ON DELETE SET DEFAULT of ${label(fk.child)} (${fk.name}) changes rows that are not captured`);
        continue;
      }
      for (let up: CascadeNode | undefined = node; up; up = up.parent === undefined ? undefined : nodes[up.parent]) {
        if (up.oid === fk.child.oid) return { ok: false, reason: `the cascade from ${label(node.table)} comes back to ${label(fk.child)}` };
      }
      if (nodes.length >= MAX_NODES) return { ok: false, reason: `the cascade reaches more than ${MAX_NODES} tables` };
      for (const k of fk.refcols) if (!node.keys.includes(k)) node.keys.push(k);
      const child: CascadeNode = { oid: fk.child.oid, table: { schema: fk.child.schema, name: fk.child.name, kind: fk.child.kind }, depth: node.depth + 1, parent: i, fk, keys: [] };
      if (fk.onDelete === 'n') child.setNull = fk.setCols.length > 0 ? fk.setCols : fk.cols;
      nodes.push(child);
    }
  }
  // A table whose rows one path sets to NULL and another removes, or two paths set, would change twice.
  for (const n of nodes) {
    if (n.setNull && nodes.some((m) => m !== n && m.oid === n.oid)) return { ok: false, reason: `the cascade reaches ${label(n.table)} twice, once by ON DELETE SET NULL` };
  }
  return { ok: true, nodes, notCaptured };
}

/** Columns of the combined SELECT: the node, where the row is (tableoid, ctid), the row's text. */
export const CASCADE_COLUMNS = 4;

/**
 * The one SELECT sent before the DELETE: `pre` is the target's pre-SELECT (its rows, then the
 * columns of `nodes[0].keys`), each child a CTE locking the rows that refer to its parent's rows.
 */
export function cascadeSelect(pre: string, nodes: CascadeNode[]): string {
  const ctes = [`safe_sql_p0 AS (\n${pre}\n)`];
  for (let i = 1; i < nodes.length; i++) {
    const n = nodes[i];
    const fk = n.fk as ForeignKey;
    const parent = nodes[n.parent as number];
    const t = 'safe_sql_c';
    const keys = n.keys.map((k, j) => `, ${t}.${quoteIdent(k)} AS safe_sql_k${j + 1}`).join('');
    const from = `${n.table.kind === 'p' ? '' : 'ONLY '}${qualified(n.table)} AS ${t}`;
    const refs = fk.refcols.map((c) => `safe_sql_k${parent.keys.indexOf(c) + 1}`).join(', ');
    ctes.push(`safe_sql_p${i} AS (SELECT ${t}.tableoid, ${t}.ctid, ROW(${t}.*) AS r${keys} FROM ${from} WHERE (${fk.cols.map((c) => `${t}.${quoteIdent(c)}`).join(', ')}) IN (SELECT ${refs} FROM safe_sql_p${n.parent}) FOR UPDATE OF ${t})`);
  }
  const union = nodes.map((_, i) => `SELECT ${i} AS w, tableoid, ctid, r::text FROM safe_sql_p${i}`).join('\nUNION ALL ');
  return `WITH ${ctes.join(',\n')}\n${union}`;
}
