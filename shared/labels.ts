/**
 * `1234567` → `1,234,567`. Written out because the first `toLocaleString` call loads ICU data,
 * which costs about 10 ms of every CLI run.
 */
export function formatCount(n: number): string {
  const sign = n < 0 ? '-' : '';
  const [whole, fraction] = String(Math.abs(n)).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return sign + grouped + (fraction ? `.${fraction}` : '');
}

/** `1 row`, `2 rows`, `1,000 rows`. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

/**
 * Where a connection goes, the same everywhere it is shown (banner, status bar, dialogs):
 * `user@host:port/database`, the port only when it is not PostgreSQL's default.
 */
export function connectionLabel(c: { user?: string; host?: string; port?: number; database?: string }): string {
  // Nothing set: libpq's defaults (PG* variables, the local socket) decide; say nothing rather than guess.
  if (!c.user && !c.host && c.port === undefined && !c.database) return '';
  const port = c.port !== undefined && c.port !== 5432 ? `:${c.port}` : '';
  return `${c.user ? `${c.user}@` : ''}${c.host || 'localhost'}${port}${c.database ? `/${c.database}` : ''}`;
}

/** `PRODUCTION`, `staging`, `development`: production shouts, on purpose. */
export function environmentLabel(env: 'production' | 'staging' | 'development'): string {
  return env === 'production' ? 'PRODUCTION' : env;
}
