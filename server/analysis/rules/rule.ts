/** What a rule is: a stable id, its severity on production, and a check over one analysed statement. */
import { Executed, Opaque } from '../executed';
import { RuleId, Span } from '../types';

/** One statement as the rules see it. Spans are UTF-16 offsets from the statement's start. */
export type StatementAnalysis =
  | { status: 'parsed'; text: string; executed: Executed[]; opaque: Opaque[] }
  | { status: 'syntax-error'; text: string; message: string; span: Span }
  | { status: 'unverifiable'; text: string; reason: string; span: Span };

export interface RuleReport {
  span: Span;
  message: string;
  /** For missing-where at top level: where "Add WHERE clause" inserts. */
  whereInsertAt?: number;
}

export interface Rule {
  readonly id: RuleId;
  /** Severity on a production-bound document. Elsewhere every finding is at most a warning. */
  readonly severity: 'error' | 'warning';
  /** One line for docs and `--help`. */
  readonly summary: string;
  check(statement: StatementAnalysis, report: (r: RuleReport) => void): void;
}

/** "UPDATE" or "UPDATE in a WITH query": how messages name where a statement runs. */
export function where(e: Executed): string {
  return e.context ? ` ${e.context}` : '';
}
