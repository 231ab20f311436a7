/**
 * `--format sarif`: SARIF 2.1.0 for code-scanning uploads. One run; the driver lists every rule,
 * so that a scanner can tell "ran and found nothing" from "unknown rule". Columns are UTF-16 code
 * units (`columnKind`), 1-based like every SARIF region; `endColumn` is exclusive.
 */
import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import { KNOWN_RULES } from '../../analysis/analyze';
import { RULE_INFO } from '../../analysis/rules';
import { Severity } from '../../analysis/types';
import { FileReport } from './report';

const SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';


type Level = 'error' | 'warning' | 'note';

function level(severity: Severity): Level {
  return severity === 'information' ? 'note' : severity;
}

export function formatSarif(reports: readonly FileReport[], version: string): string {
  const rules = RULE_INFO.map((r) => ({ id: r.id, severity: r.severity as Severity, summary: r.summary }))
    .filter((r) => KNOWN_RULES.includes(r.id));
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const results = [];
  for (const r of reports) {
    for (const f of r.findings) {
      const { start, end } = r.lines.range(f.span);
      const result: Record<string, unknown> = {
        ruleId: f.rule,
        level: level(f.severity),
        message: { text: f.message },
        locations: [{
          physicalLocation: {
            artifactLocation: { uri: toUri(r.path) },
            region: { startLine: start.line + 1, startColumn: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 },
          },
        }],
      };
      const ruleIndex = index.get(f.rule);
      if (ruleIndex !== undefined) result.ruleIndex = ruleIndex;
      // A safe-sql-ignore lowers a finding but never hides it, so the suppression stays
      // "underReview": viewers keep showing the result, with the reason beside it.
      if (f.suppressedBecause) result.suppressions = [{ kind: 'inSource', status: 'underReview', justification: f.suppressedBecause }];
      results.push(result);
    }
  }
  const log = {
    $schema: SCHEMA,
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'safe-sql',
          version,
          rules: rules.map((r) => ({
            id: r.id,
            shortDescription: { text: r.summary },
            defaultConfiguration: { level: level(r.severity) },
          })),
        },
      },
      columnKind: 'utf16CodeUnits',
      results,
    }],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

/** A relative path as a URI reference (forward slashes, segments percent-encoded); an absolute one as a file URI. */
function toUri(path: string): string {
  if (isAbsolute(path)) return pathToFileURL(path).href;
  return path.replace(/\\/g, '/').split('/').map((s) => encodeURIComponent(s)).join('/');
}
