/**
 * A TCP proxy between a client and PostgreSQL that can cut the link on purpose: now, or at the
 * moment the client sends COMMIT (after forwarding it, or instead of forwarding it).
 */
import { createServer, Server, Socket } from 'node:net';

export type CommitMode = 'pass' | 'drop-after-forwarding' | 'drop-instead';

export interface LinkProxy {
  port: number;
  /** What happens to the next COMMIT a client sends. */
  onCommit: CommitMode;
  /** Refuse new connections (so a reconnect cannot ask the server). */
  refuseNew: boolean;
  /** Resolves when a COMMIT was seen and the link cut. */
  commitSeen: Promise<void>;
  cutAll(): void;
  close(): Promise<void>;
}

/** A simple-protocol Query message whose text is exactly COMMIT. */
function isCommit(chunk: Buffer): boolean {
  for (let i = chunk.indexOf(0x51); i !== -1 && i + 5 < chunk.length; i = chunk.indexOf(0x51, i + 1)) {
    const len = chunk.readInt32BE(i + 1);
    if (len < 4 || i + 1 + len > chunk.length) continue;
    const text = chunk.subarray(i + 5, i + len).toString('utf8').replace(/\0$/, '');
    if (/^\s*COMMIT\s*;?\s*$/i.test(text)) return true;
  }
  return false;
}

export async function startProxy(targetPort: number): Promise<LinkProxy> {
  const pairs = new Set<[Socket, Socket]>();
  let seen: () => void = () => undefined;
  const proxy: LinkProxy = {
    port: 0,
    onCommit: 'pass',
    refuseNew: false,
    commitSeen: new Promise((resolve) => (seen = resolve)),
    cutAll() {
      for (const [a, b] of pairs) {
        a.destroy();
        b.destroy();
      }
      pairs.clear();
    },
    close: () => new Promise((resolve) => {
      proxy.cutAll();
      server.close(() => resolve());
    }),
  };
  const server: Server = createServer((client) => {
    if (proxy.refuseNew) {
      client.destroy();
      return;
    }
    const upstream = new Socket();
    upstream.connect(targetPort, '127.0.0.1');
    const pair: [Socket, Socket] = [client, upstream];
    pairs.add(pair);
    const drop = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', drop);
    upstream.on('error', drop);
    client.on('close', drop);
    upstream.on('close', drop);
    upstream.on('data', (d: Buffer) => client.write(d));
    client.on('data', (d: Buffer) => {
      if (proxy.onCommit !== 'pass' && isCommit(d)) {
        const mode = proxy.onCommit;
        proxy.onCommit = 'pass';
        pairs.delete(pair);
        // A graceful end lets the server read what was forwarded before it sees the link close.
        if (mode === 'drop-after-forwarding') upstream.end(d);
        else upstream.end();
        client.destroy();
        seen();
        return;
      }
      upstream.write(d);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  proxy.port = (server.address() as { port: number }).port;
  return proxy;
}
