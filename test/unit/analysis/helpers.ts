/** Shared checks for analysis tests: the result is well formed, whatever the input. */
import * as assert from 'node:assert/strict';
import { AnalysisOptions, Analyzer, DocumentAnalysis } from '../../../server/analysis/analyze';
import { Finding, RuleId } from '../../../server/analysis/types';

/** Analyses `text` and checks that every span lies inside it. */
export function analyzeChecked(text: string, options: AnalysisOptions = { environment: 'production' }, analyzer = new Analyzer()): DocumentAnalysis {
  const result = analyzer.analyze(text, options);
  for (const f of result.findings) assertInside(text, f);
  return result;
}

export function assertInside(text: string, f: Finding): void {
  const ok = (s: { start: number; end: number }) => Number.isInteger(s.start) && Number.isInteger(s.end) && 0 <= s.start && s.start <= s.end && s.end <= text.length;
  assert.ok(ok(f.span), `${f.rule} span ${JSON.stringify(f.span)} outside a text of ${text.length}`);
  assert.ok(ok(f.statement), `${f.rule} statement ${JSON.stringify(f.statement)} outside a text of ${text.length}`);
}

export function rules(result: DocumentAnalysis): RuleId[] {
  return result.findings.map((f) => f.rule);
}

/** A small deterministic generator, so that failures repeat. */
export function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}
