/** Findings as data for an agent: rule, severity, message and a 1-based position. */
import { LineIndex } from '../analysis/lines';
import { Finding } from '../analysis/types';

export interface FindingData {
  rule: string;
  severity: string;
  message: string;
  line: number;
  column: number;
}

export function findingsData(text: string, findings: readonly Finding[]): FindingData[] {
  const lines = new LineIndex(text);
  return findings.map((f) => {
    const at = lines.position(f.span.start);
    return { rule: f.rule, severity: f.severity, message: f.message, line: at.line + 1, column: at.character + 1 };
  });
}
