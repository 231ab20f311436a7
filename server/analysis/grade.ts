/**
 * Grading: the one place that decides how severe a finding is where the SQL will run. The analysis
 * always reports production severities; outside production every finding is at most a warning.
 */
import { Environment, Finding, Severity } from './types';

export function gradeSeverity(severity: Severity, environment: Environment): Severity {
  return environment !== 'production' && severity === 'error' ? 'warning' : severity;
}

/** The findings as they stand in `environment` (the same array on production). */
export function grade(findings: readonly Finding[], environment: Environment): readonly Finding[] {
  if (environment === 'production') return findings;
  return findings.map((f) => (f.severity === 'error' ? { ...f, severity: gradeSeverity(f.severity, environment) } : f));
}
