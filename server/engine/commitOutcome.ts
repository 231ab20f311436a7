/**
 * When the link drops after COMMIT was sent, nobody knows from the client side whether it
 * committed. The transaction id recorded before COMMIT lets a new connection ask the server.
 * The answer is reported as the server gives it, never guessed.
 */
import { openClient, ResolvedConnection } from './connect';

export type CommitStatus = 'committed' | 'aborted' | 'unknown';

/** Asks `txid_status(xid)`, waiting a little while the server still finishes the old session. */
export async function commitStatus(conn: ResolvedConnection, xid: string, waitMs = 5_000): Promise<{ status: CommitStatus; detail: string }> {
  const deadline = Date.now() + waitMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    try {
      const client = await openClient(conn);
      try {
        const r = await client.query<{ s: string | null }>('SELECT txid_status($1::bigint) AS s', [xid]);
        const s = r.rows[0]?.s;
        if (s === 'committed' || s === 'aborted') return { status: s, detail: `the server reports transaction ${xid} ${s}` };
        last = `the server reports transaction ${xid} as ${s ?? 'too old to know'}`;
        if (s !== 'in progress') break;
      } finally {
        await client.end().catch(() => undefined);
      }
    } catch (error) {
      last = `could not reconnect to ask (${(error as { code?: string }).code ?? 'error'})`;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { status: 'unknown', detail: last };
}

/** A reply from the server (not a dropped link) means COMMIT was answered. */
export function isServerAnswer(error: unknown): boolean {
  const e = error as { code?: unknown; severity?: unknown };
  if (typeof e?.code !== 'string' || typeof e.severity !== 'string') return false;
  // Connection exceptions and operator intervention (shutdown) leave the outcome open.
  return !e.code.startsWith('08') && !e.code.startsWith('57P');
}
