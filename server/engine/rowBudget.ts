/**
 * How much of the returned rows a run keeps for display, in bytes as well as in rows. Rows are
 * read one protocol message at a time (node-postgres hands each DataRow to the batch as it
 * arrives), so what stays in memory is what is kept here plus the one row being read: a query
 * returning gigabytes costs time, not memory.
 *
 * Sizes are counted as JavaScript holds text (2 bytes a character, plus a little per value), an
 * upper bound of what the kept rows occupy.
 */
import { formatCount } from '../../shared/labels';

export const STATEMENT_BYTES = 1_000_000;
export const RUN_BYTES = 16_000_000;
/** A longer value is cut to this many characters, with a note. */
export const VALUE_CHARS = 10_000;
const PER_VALUE_OVERHEAD = 16;

export type Row = Array<string | null>;

export class RowBudget {
  private runUsed = 0;
  private statementUsed = 0;

  constructor(
    private readonly statementBytes = STATEMENT_BYTES,
    private readonly runBytes = RUN_BYTES,
    private readonly valueChars = VALUE_CHARS,
  ) {}

  /** A new statement's rows begin. */
  startStatement(): void {
    this.statementUsed = 0;
  }

  /** The row to keep (long values cut), or undefined when the budget has no room for it. */
  keep(fields: Row): Row | undefined {
    const room = Math.min(this.statementBytes - this.statementUsed, this.runBytes - this.runUsed);
    if (room <= 0) return undefined;
    let size = 0;
    const row = fields.map((v) => {
      if (v === null) {
        size += PER_VALUE_OVERHEAD;
        return null;
      }
      const kept = v.length > this.valueChars ? cut(v, this.valueChars) : v;
      size += kept.length * 2 + PER_VALUE_OVERHEAD;
      return kept;
    });
    if (size > room) return undefined;
    this.statementUsed += size;
    this.runUsed += size;
    return row;
  }
}

/**
 * The first characters of a long value and a note. Copied through a Buffer: a plain slice of a
 * V8 string can keep the whole original alive, which is what this exists to avoid.
 */
export function cut(value: string, chars: number): string {
  let end = chars;
  const last = value.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  const head = Buffer.from(value.slice(0, end), 'utf8').toString('utf8');
  return `${head}… [value cut: ${formatCount(value.length)} characters, the first ${formatCount(end)} shown]`;
}
