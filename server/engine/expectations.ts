/** Expected row counts: per statement (`-- safe-sql: expect-rows`) and for the whole run (`--expect-rows`). */
import { RowRange, StatementResult } from './types';

export function formatRange(r: RowRange): string {
  return r.min === r.max ? r.min.toLocaleString('en-US') : `${r.min.toLocaleString('en-US')}..${r.max.toLocaleString('en-US')}`;
}

function miss(rows: number, r: RowRange): string | undefined {
  if (rows < r.min) return `${(r.min - rows).toLocaleString('en-US')} fewer`;
  if (rows > r.max) return `${(rows - r.max).toLocaleString('en-US')} more`;
  return undefined;
}

/** The first expectation missed, as a sentence; undefined when every one is met. */
export function checkExpectations(statements: StatementResult[], totalRows: number, total?: RowRange): string | undefined {
  for (const s of statements) {
    if (!s.expectRows) continue;
    const rows = s.rows ?? 0;
    const off = miss(rows, s.expectRows);
    if (off) return `statement ${s.index + 1} (line ${s.line}, ${s.command ?? 'statement'}) touched ${rows.toLocaleString('en-US')} rows, expected ${formatRange(s.expectRows)}: ${off} than expected`;
  }
  if (total) {
    const off = miss(totalRows, total);
    if (off) return `the run touched ${totalRows.toLocaleString('en-US')} rows in total, expected ${formatRange(total)}: ${off} than expected`;
  }
  return undefined;
}
