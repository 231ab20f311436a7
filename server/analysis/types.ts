/** Types shared by the analysis. Pure data: no LSP, no vscode, no I/O. */

export { ENVIRONMENTS } from '../../shared/settings';
export type { Environment } from '../../shared/settings';

export type Severity = 'error' | 'warning' | 'information';

export type RuleId =
  | 'missing-where'
  | 'always-true-where'
  | 'truncate'
  | 'unverifiable'
  | 'syntax-error'
  | 'destructive-ddl'
  | 'non-transactional'
  | 'transaction-control'
  | 'bad-directive'
  | 'non-rollback-effect'
  | 'guard-setting';

/** A half-open range of UTF-16 offsets into the analysed text. */
export interface Span {
  start: number;
  end: number;
}

/** A text edit in UTF-16 offsets of the analysed text. */
export interface Edit extends Span {
  newText: string;
}

export interface Finding {
  rule: RuleId;
  severity: Severity;
  message: string;
  span: Span;
  /** The statement the finding belongs to (UTF-16 offsets of the analysed text). */
  statement: Span;
  /** Set when a `-- safe-sql-ignore <rule>: <reason>` directive lowered this finding. */
  suppressedBecause?: string;
  /** Where "Add WHERE clause" inserts its text, for missing-where. */
  whereInsertAt?: number;
}
