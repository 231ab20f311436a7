/**
 * `--format json`: a contract others build on. Keep the shape exactly:
 * {"version":1,"files":[{"path","diagnostics":[{"rule","severity","message","range"}]}]}
 * with 0-based lines and UTF-16 characters, as in LSP.
 */
import { FileReport } from './report';

export function formatJson(reports: readonly FileReport[]): string {
  const files = reports.map((r) => ({
    path: r.path,
    diagnostics: r.findings.map((f) => ({
      rule: f.rule,
      severity: f.severity,
      message: f.message,
      range: r.lines.range(f.span),
    })),
  }));
  return `${JSON.stringify({ version: 1, files })}\n`;
}
