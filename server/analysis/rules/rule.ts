/**
 * What a rule is: a stable id, its severity on production, its doc examples, and either a visit of
 * the statement kinds it handles (typed by `@pgsql/types`) or a check of a whole statement's
 * analysis (for syntax errors and what could not be verified).
 */
import { StmtKind } from '../ast';
import { Executed, ExecutedOf, Opaque } from '../executed';
import { Finding, RuleId, Span } from '../types';
import { RawStatement } from '../parser';
import { Target, targetOf } from '../target';

/** One statement as the rules see it. Spans are UTF-16 offsets from the statement's start. */
export type StatementAnalysis =
  | {
      status: 'parsed';
      text: string;
      executed: Executed[];
      opaque: Opaque[];
      /** The parse of exactly `text`, when no psql syntax was replaced before parsing (the engine's undo reuses it). */
      tree?: RawStatement[];
    }
  | { status: 'syntax-error'; text: string; message: string; span: Span }
  | { status: 'unverifiable'; text: string; reason: string; span: Span };

export interface RuleReport {
  span: Span;
  message: string;
  /** For missing-where at top level: where "Add WHERE clause" inserts. */
  whereInsertAt?: number;
}

export type Report = (r: RuleReport) => void;

/**
 * SQL that shows what a rule finds, checked by the tests on a production document: each `flagged`
 * example gets a finding of the rule, each `passes` example none. The rule's page in docs/rules
 * shows exactly these.
 */
export interface RuleExamples {
  flagged: readonly string[];
  passes: readonly string[];
}

export interface RuleBase {
  readonly id: RuleId;
  /** Severity on a production-bound document. Elsewhere every finding is at most a warning. */
  readonly severity: 'error' | 'warning';
  /** One line for docs, SARIF and `--help`. */
  readonly summary: string;
  readonly examples: RuleExamples;
}

/** What the walker gives a rule besides the statement itself. */
export interface VisitContext {
  /** For UPDATE, DELETE and MERGE: the target relation, its alias, and the other names in scope. */
  readonly target: Target | undefined;
}

/** A rule that visits every executed statement of the kinds it declares. */
export interface NodeRule<K extends StmtKind> extends RuleBase {
  readonly kinds: readonly K[];
  visit(e: ExecutedOf<K>, ctx: VisitContext, report: Report): void;
}

/** A rule over a statement's analysis as a whole: syntax errors, what cannot be verified. */
export interface StatementRule extends RuleBase {
  readonly kinds?: undefined;
  check(statement: StatementAnalysis, report: Report): void;
}

/** A rule about the document's `-- safe-sql…` directives rather than its statements. */
export interface DirectiveRule extends RuleBase {
  /** The finding for one directive that does nothing, and why. */
  problem(directive: Span, problem: string, statement?: Span): Finding;
}

// The kinds a rule declares decide which executed statements reach its visit.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Rule = NodeRule<any> | StatementRule;

/** Declares a node rule; the type parameter is inferred from `kinds`. */
export function nodeRule<K extends StmtKind>(rule: NodeRule<K>): NodeRule<K> {
  return rule;
}

export function statementRule(rule: StatementRule): StatementRule {
  return rule;
}

/** A statement rule's check that visits every statement the analysis found executing, of any kind. */
export function everyExecuted(visit: (e: Executed, report: Report) => void): StatementRule['check'] {
  return (statement, report) => {
    if (statement.status !== 'parsed') return;
    for (const e of statement.executed) visit(e, report);
  };
}

/** Runs one rule over one statement's analysis. */
export function runRule(rule: Rule, statement: StatementAnalysis, report: Report): void {
  if (rule.kinds === undefined) {
    rule.check(statement, report);
    return;
  }
  if (statement.status !== 'parsed') return;
  const kinds: readonly string[] = rule.kinds;
  for (const e of statement.executed) {
    if (kinds.includes(e.kind)) rule.visit(e, { target: targetOf(e) }, report);
  }
}

/** "UPDATE" or "UPDATE in a WITH query": how messages name where a statement runs. */
export function where(e: Executed): string {
  return e.context ? ` ${e.context}` : '';
}
