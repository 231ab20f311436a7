/**
 * What a language-model tool tells the agent: plainly what happened, then the data, bounded in
 * rows and bytes. Rows are data, quoted inside JSON, never prose the model could take as instructions.
 */
import { CheckSqlResult, RunGuardedResult } from '../../shared/protocol';

const MAX_ROWS = 20;
const MAX_VALUE_CHARS = 200;
const MAX_BYTES = 32 * 1024;

export function runSummary(r: RunGuardedResult): string {
  const what: Record<RunGuardedResult['outcome'], string> = {
    committed: 'Committed: a person confirmed it in Safe SQL\'s dialog.',
    'rolled-back': 'Rolled back: nothing was committed.',
    refused: 'Refused: nothing was run.',
    failed: 'Failed: nothing was committed.',
    unknown: 'The commit outcome is unknown.',
  };
  let budget = MAX_BYTES;
  const statements = r.statements.map((s) => {
    const out: Record<string, unknown> = { line: s.line, command: s.command ?? null, rows: s.rows };
    if (s.fields && s.sample) {
      const rows = s.sample.slice(0, MAX_ROWS).map((row) => row.map((v) => (v !== null && v.length > MAX_VALUE_CHARS ? `${v.slice(0, MAX_VALUE_CHARS)}…` : v)));
      const size = JSON.stringify(rows).length;
      out.fields = s.fields;
      if (size <= budget) {
        out.sample = rows;
        budget -= size;
        if ((s.rows ?? 0) > rows.length) out.note = `first ${rows.length} of ${s.rows} rows; values over ${MAX_VALUE_CHARS} characters are cut`;
      } else {
        out.note = 'rows left out: the result reached its size limit';
      }
    }
    return out;
  });
  const data = { outcome: r.outcome, reason: r.reason, connection: r.connection, environment: r.environment, totalRows: r.totalRows, statements };
  return `${what[r.outcome]} ${r.reason}\nData (JSON):\n${JSON.stringify(data)}`;
}

export function checkSummary(r: CheckSqlResult): string {
  const errors = r.findings.filter((f) => f.severity === 'error').length;
  const head = r.findings.length === 0
    ? `No findings on ${r.environment}.`
    : `${r.findings.length} finding${r.findings.length === 1 ? '' : 's'} on ${r.environment}${errors > 0 ? `, ${errors} of them errors: a guarded run refuses this SQL` : ''}.`;
  return `${head}\nData (JSON):\n${JSON.stringify(r)}`;
}
