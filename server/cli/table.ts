/**
 * Rows as a terminal shows them, the way psql's aligned format does: a header, a rule, the rows,
 * and a count. Bounded: at most MAX_ROWS rows, each value cut at MAX_WIDTH characters, and every
 * control character made visible so that a value cannot move the cursor or rewrite the screen.
 */
import { plural } from '../../shared/labels';

export const MAX_ROWS = 20;
export const MAX_WIDTH = 40;

export function formatTable(fields: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | null>>, total: number): string {
  const shown = rows.slice(0, MAX_ROWS).map((r) => r.map((v) => cell(v)));
  const header = fields.map((f) => cell(f));
  const widths = header.map((h, i) => Math.max(h.length, ...shown.map((r) => (r[i] ?? '').length)));
  const line = (values: string[]) => ` ${values.map((v, i) => v.padEnd(widths[i])).join(' | ')}`.trimEnd();
  const out = [line(header), `-${widths.map((w) => '-'.repeat(w)).join('-+-')}-`, ...shown.map(line)];
  const more = total > shown.length ? `, ${formatMore(total - shown.length)} not shown` : '';
  out.push(`(${plural(total, 'row')}${more})`);
  return out.join('\n');
}

function formatMore(n: number): string {
  return plural(n, 'more row');
}

function cell(value: string | null): string {
  if (value === null) return '';
  // C0 and C1 controls, DEL, and the bidi overrides and isolates: shown escaped, never obeyed.
  const visible = value.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return visible.length > MAX_WIDTH ? `${visible.slice(0, MAX_WIDTH - 1)}…` : visible;
}
