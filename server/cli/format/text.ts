/** `--format text`: one compiler-style line per finding, `path:line:col: severity rule: message`. */
import { displayPath, FileReport } from './report';

export function formatText(reports: readonly FileReport[]): string {
  let out = '';
  for (const r of reports) {
    for (const f of r.findings) {
      const { line, character } = r.lines.position(f.span.start);
      const suppressed = f.suppressedBecause ? ` (suppressed: ${f.suppressedBecause})` : '';
      out += `${displayPath(r)}:${line + 1}:${character + 1}: ${f.severity} ${f.rule}: ${f.message}${suppressed}\n`;
    }
  }
  return out;
}

/** The closing line, e.g. `2 errors, 1 warning in 3 files`. */
export function summaryLine(reports: readonly FileReport[]): string {
  const count = { error: 0, warning: 0, information: 0 };
  for (const r of reports) for (const f of r.findings) count[f.severity]++;
  const parts = [plural(count.error, 'error'), plural(count.warning, 'warning')];
  if (count.information > 0) parts.push(plural(count.information, 'note'));
  const environments = [...new Set(reports.map((r) => r.environment))].sort().join(', ');
  const where = reports.length > 0 ? ` (environment: ${environments})` : '';
  return `safe-sql: ${parts.join(', ')} in ${plural(reports.length, 'file')}${where}\n`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
