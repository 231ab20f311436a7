/**
 * Before an undo runs: in a transaction that always rolls back, each inverse statement is preceded
 * by the query for its conflicts, so every row changed since the run is listed by its key.
 */
import { openClient, resolveConnection, ConnectionTarget } from '../connect';
import { tableFacts } from './catalog';
import { InversePart } from './inverse';
import { UndoTable } from './types';

/** The undo cannot apply to the table as it is now: refused, not failed. */
export class UndoRefused extends Error {}

export async function findConflicts(target: ConnectionTarget, parts: InversePart[], tables: UndoTable[]): Promise<string[]> {
  const resolved = resolveConnection(target);
  if (!resolved.ok) throw new Error(resolved.reason);
  const client = await openClient(resolved.value, () => undefined);
  const found: string[] = [];
  try {
    await client.query('BEGIN');
    // The rows were kept as text of the table's row type: a table whose columns changed cannot read them back.
    const now = await tableFacts(client, tables);
    tables.forEach((t, i) => {
      const f = now[i];
      if (!f) throw new UndoRefused(`table ${t.schema}.${t.name} no longer exists; nothing was undone`);
      if (JSON.stringify(f.columns) !== JSON.stringify(t.columns)) throw new UndoRefused(`the columns of ${t.schema}.${t.name} changed since the run; nothing was undone`);
    });
    for (const p of parts) {
      const r = await client.query<{ key: string }>(p.conflicts);
      for (const row of r.rows) found.push(`${p.table} ${row.key}`);
      if (r.rows.length === 0) await client.query(p.sql);
    }
  } finally {
    await client.query('ROLLBACK').catch(() => undefined);
    await client.end().catch(() => undefined);
  }
  return found;
}
