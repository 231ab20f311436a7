/**
 * Cancels the statement a backend is running. node-postgres has no query cancel of its own, so a
 * second connection asks the server with pg_cancel_backend; the run's transaction is then rolled back.
 */
import { openClient, ResolvedConnection } from './connect';

export async function cancelBackend(conn: ResolvedConnection, pid: number): Promise<boolean> {
  const client = await openClient(conn);
  try {
    const r = await client.query<{ ok: boolean }>('SELECT pg_cancel_backend($1) AS ok', [pid]);
    return r.rows[0]?.ok === true;
  } finally {
    await client.end().catch(() => undefined);
  }
}
