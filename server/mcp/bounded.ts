/**
 * What a tool returns is data for the agent, bounded: a few rows per statement, each value cut at
 * a fixed length, and a total byte budget. Rows go into structured content, never into prose.
 */
import { RunResult, StatementResult } from '../engine/types';

export const MAX_ROWS_PER_STATEMENT = 50;
export const MAX_VALUE_CHARS = 500;
export const MAX_RESULT_BYTES = 256 * 1024;

export interface StatementData {
  index: number;
  line: number;
  command: string | null;
  rows: number | null;
  fields?: string[];
  sample?: Array<Array<string | null>>;
  /** Set when rows or values were left out to stay within the bounds. */
  truncated?: string;
}

export interface RunData {
  outcome: RunResult['outcome'];
  ending: RunResult['ending'];
  reason: string;
  connection: string;
  statements: StatementData[];
  totalRows: number;
}

export function runData(r: RunResult, withRows: boolean): RunData {
  let budget = MAX_RESULT_BYTES;
  const statements = r.statements.map((s) => {
    const d = statementData(s, withRows ? budget : 0);
    budget -= JSON.stringify(d.sample ?? []).length;
    return d;
  });
  return { outcome: r.outcome, ending: r.ending, reason: r.reason, connection: r.connectionLabel, statements, totalRows: r.totalRows };
}

function statementData(s: StatementResult, budget: number): StatementData {
  const d: StatementData = { index: s.index, line: s.line, command: s.command ?? null, rows: s.rows };
  if (!s.sample || !s.fields) return d;
  d.fields = s.fields;
  if (budget <= 0) {
    d.truncated = 'rows left out: the result reached its size limit';
    return d;
  }
  const notes: string[] = [];
  const rows = s.sample.slice(0, MAX_ROWS_PER_STATEMENT);
  if (s.sample.length > rows.length || (s.rows ?? 0) > rows.length) notes.push(`first ${rows.length} of ${s.rows ?? s.sample.length} rows`);
  let cut = false;
  const sample: Array<Array<string | null>> = [];
  for (const row of rows) {
    const out = row.map((v) => {
      if (v === null || v.length <= MAX_VALUE_CHARS) return v;
      cut = true;
      return `${v.slice(0, MAX_VALUE_CHARS)}…`;
    });
    budget -= JSON.stringify(out).length;
    if (budget < 0) {
      notes.push('later rows left out: the result reached its size limit');
      break;
    }
    sample.push(out);
  }
  if (cut) notes.push(`values longer than ${MAX_VALUE_CHARS} characters are cut`);
  d.sample = sample;
  if (notes.length > 0) d.truncated = notes.join('; ');
  return d;
}
