/** Expected row counts: per statement (`-- safe-sql: expect-rows`) and for the whole run (`--expect-rows`). */
import { RowRange, StatementResult } from './types';
import { formatCount } from '../../shared/labels';

export function formatRange(r: RowRange): string {
  return r.min === r.max ? formatCount(r.min) : `${formatCount(r.min)}..${formatCount(r.max)}`;
}

function miss(rows: number, r: RowRange): string | undefined {
  if (rows < r.min) return `${formatCount(r.min - rows)} fewer`;
  if (rows > r.max) return `${formatCount(rows - r.max)} more`;
  return undefined;
}

/** The first expectation missed, as a sentence; undefined when every one is met. */
export function checkExpectations(statements: StatementResult[], totalRows: number, total?: RowRange): string | undefined {
  for (const s of statements) {
    if (!s.expectRows) continue;
    const rows = s.rows ?? 0;
    const off = miss(rows, s.expectRows);
    if (off) return `statement ${s.index + 1} (line ${s.line}, ${s.command ?? 'statement'}) touched ${formatCount(rows)} rows, expected ${formatRange(s.expectRows)}: ${off} than expected`;
  }
  if (total) {
    const off = miss(totalRows, total);
    if (off) return `the run touched ${formatCount(totalRows)} rows in total, expected ${formatRange(total)}: ${off} than expected`;
  }
  return undefined;
}
