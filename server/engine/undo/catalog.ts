/**
 * What undo needs to know of each target table, asked of the catalog inside the run's own
 * transaction: its columns with their types, the key that finds a row again, and what else a
 * change to it may touch (foreign keys that cascade, triggers, inheritance children).
 */
import { Client } from 'pg';
import { TargetName } from './rewrite';
import { UndoTable } from './types';

export interface TableFacts extends UndoTable {
  oid: string;
  /** Tables whose foreign keys cascade or set values when this table's keys change (ON UPDATE). */
  updateCascades: string[];
  /** Some foreign key cascades or sets values when this table's rows are deleted (cascade.ts walks them). */
  deleteCascades: boolean;
  triggers: boolean;
  children: boolean;
  /** `r` table, `p` partitioned table; anything else (a view…) is not captured. */
  kind: string;
  /** Rewrite rules (other than a view's own): a RETURNING may be refused or not mean the rows changed. */
  rules: boolean;
  /** The user may read its rows (RETURNING and a pre-SELECT need it) and lock them (FOR UPDATE needs UPDATE). */
  readable: boolean;
  lockable: boolean;
  /** Row-level security: a pre-SELECT may see other rows than the statement changes. */
  rls: boolean;
}

const QUERY = `
WITH q AS (SELECT u.ord, to_regclass(u.name) AS oid FROM unnest($1::text[]) WITH ORDINALITY u(name, ord))
SELECT q.ord, n.nspname AS schema, c.relname AS name,
  (SELECT json_agg(json_build_object('name', a.attname, 'type', format_type(a.atttypid, a.atttypmod),
      'generated', a.attgenerated <> '', 'identity', a.attidentity::text) ORDER BY a.attnum)
     FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped) AS columns,
  (SELECT json_agg(a.attname ORDER BY k.ord)
     FROM (SELECT i.indkey::int2[] AS keys, i.indnkeyatts FROM pg_index i
            WHERE i.indrelid = c.oid AND i.indisunique AND i.indimmediate AND i.indpred IS NULL AND i.indexprs IS NULL
              AND NOT EXISTS (SELECT 1 FROM unnest(i.indkey::int2[]) x(att) JOIN pg_attribute b ON b.attrelid = c.oid AND b.attnum = x.att WHERE NOT b.attnotnull)
            ORDER BY i.indisprimary DESC, i.indnkeyatts LIMIT 1) best,
          unnest(best.keys) WITH ORDINALITY k(att, ord)
          JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.att
    WHERE k.ord <= best.indnkeyatts) AS key,
  (SELECT json_agg(f.conrelid::regclass::text) FROM pg_constraint f
    WHERE f.contype = 'f' AND f.confrelid = c.oid AND f.confupdtype IN ('c', 'n', 'd')) AS update_cascades,
  EXISTS (SELECT 1 FROM pg_constraint f WHERE f.contype = 'f' AND f.confrelid = c.oid AND f.confdeltype IN ('c', 'n', 'd')) AS delete_cascades,
  c.oid::text AS oid,
  EXISTS (SELECT 1 FROM pg_trigger t WHERE t.tgrelid = c.oid AND NOT t.tgisinternal) AS triggers,
  (c.relkind = 'r' AND EXISTS (SELECT 1 FROM pg_inherits h WHERE h.inhparent = c.oid)) AS children,
  c.relkind::text AS kind,
  EXISTS (SELECT 1 FROM pg_rewrite w WHERE w.ev_class = c.oid AND w.rulename <> '_RETURN') AS rules,
  has_table_privilege(c.oid, 'SELECT') AS readable, has_table_privilege(c.oid, 'UPDATE') AS lockable, c.relrowsecurity AS rls
FROM q JOIN pg_class c ON c.oid = q.oid JOIN pg_namespace n ON n.oid = c.relnamespace
ORDER BY q.ord`;

export function qualified(t: TargetName): string {
  return t.schema ? `${quoteIdent(t.schema)}.${quoteIdent(t.name)}` : quoteIdent(t.name);
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** One entry per name, in order; undefined where the table is not found. */
export async function tableFacts(client: Client, targets: TargetName[]): Promise<Array<TableFacts | undefined>> {
  const r = await client.query<{ ord: string; oid: string; schema: string; name: string; columns: UndoTable['columns'] | null; key: string[] | null; update_cascades: string[] | null; delete_cascades: boolean; triggers: boolean; children: boolean; kind: string; rules: boolean; readable: boolean; lockable: boolean; rls: boolean }>(QUERY, [targets.map(qualified)]);
  const out: Array<TableFacts | undefined> = targets.map(() => undefined);
  for (const row of r.rows) {
    out[Number(row.ord) - 1] = { oid: row.oid, schema: row.schema, name: row.name, columns: row.columns ?? [], key: row.key ?? [], updateCascades: row.update_cascades ?? [], deleteCascades: row.delete_cascades, triggers: row.triggers, children: row.children, kind: row.kind, rules: row.rules, readable: row.readable, lockable: row.lockable, rls: row.rls };
  }
  return out;
}
