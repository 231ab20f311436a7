/**
 * Before an undo runs: in a transaction that always rolls back, each inverse statement is preceded
 * by the query for its conflicts, so every row changed since the run is listed by its key.
 */
import { openClient, resolveConnection, ConnectionTarget } from '../connect';
import { InversePart } from './inverse';

export async function findConflicts(target: ConnectionTarget, parts: InversePart[]): Promise<string[]> {
  const resolved = resolveConnection(target);
  if (!resolved.ok) throw new Error(resolved.reason);
  const client = await openClient(resolved.value, () => undefined);
  const found: string[] = [];
  try {
    await client.query('BEGIN');
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
