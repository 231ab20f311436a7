// @ts-check
// A realistic mix of statements for the benchmark documents: mostly safe UPDATE/DELETE with
// WHERE, SELECTs and INSERTs, with a few dangerous ones. Deterministic, so runs compare.

function random(seed) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s / 0x80000000;
  };
}

const TABLES = ['accounts', 'orders', 'order_items', 'customers', 'invoices', 'payments', 'shipments', 'audit_log'];

export function statement(i, rnd) {
  const t = TABLES[i % TABLES.length];
  const r = rnd();
  if (r < 0.01) return `DELETE FROM ${t};`;
  if (r < 0.015) return `UPDATE ${t} SET updated_at = now();`;
  if (r < 0.02) return `TRUNCATE ${t};`;
  if (r < 0.3) return `UPDATE ${t} SET status = 'done', updated_at = now() WHERE id = ${i} AND status <> 'done';`;
  if (r < 0.4) return `DELETE FROM ${t} WHERE id = ${i} RETURNING id;`;
  if (r < 0.7) return `SELECT a.id, a.name, count(*) AS n FROM ${t} a JOIN customers c ON c.id = a.customer_id WHERE a.created_at > now() - interval '${i % 30} days' GROUP BY a.id, a.name ORDER BY n DESC LIMIT 50;`;
  if (r < 0.95) return `INSERT INTO ${t} (id, name, note) VALUES (${i}, 'name ${i}', 'generated row') ON CONFLICT (id) DO NOTHING;`;
  return `WITH moved AS (DELETE FROM ${t} WHERE created_at < now() - interval '1 year' RETURNING *) INSERT INTO ${t}_archive SELECT * FROM moved;`;
}

/** A document of `count` statements, one per line, with a comment every 25 lines. */
export function documentOf(count) {
  const rnd = random(count);
  const lines = ['-- safe-sql benchmark document'];
  for (let i = 0; i < count; i++) {
    if (i % 25 === 0) lines.push(`-- batch ${i / 25}: nightly maintenance ✓`);
    lines.push(statement(i, rnd));
  }
  return `${lines.join('\n')}\n`;
}
