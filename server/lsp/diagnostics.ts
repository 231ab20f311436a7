/**
 * Turns analysis findings into LSP diagnostics: the only place that maps the pure analysis types
 * onto LSP types.
 */
import { gradeSeverity } from '../analysis/grade';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Diagnostic, DiagnosticSeverity, Position } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Environment, Finding, RuleId, Severity } from '../analysis/types';

export const SOURCE = 'safe-sql';

/** What the quick fixes need, carried in `diagnostic.data`. */
export interface FindingData {
  rule: RuleId;
  /** Start of the statement the finding belongs to. */
  statementStart: Position;
  /** Where "Add WHERE clause" inserts ` WHERE `, for missing-where. */
  whereInsertAt?: Position;
  suppressed: boolean;
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
};

const docLinks = new Map<string, string>();

/** A `file://` link to the rule's doc, shipped beside the bundle (`dist/../docs/rules`). */
export function ruleDocUri(rule: RuleId): string {
  let href = docLinks.get(rule);
  if (!href) {
    href = pathToFileURL(path.join(__dirname, '..', 'docs', 'rules', `${rule}.md`)).href;
    docLinks.set(rule, href);
  }
  return href;
}


export function toDiagnostic(finding: Finding, document: TextDocument, environment: Environment): Diagnostic {
  const data: FindingData = {
    rule: finding.rule,
    statementStart: document.positionAt(finding.statement.start),
    suppressed: finding.suppressedBecause !== undefined,
  };
  if (finding.whereInsertAt !== undefined) data.whereInsertAt = document.positionAt(finding.whereInsertAt);
  const message = finding.suppressedBecause === undefined
    ? finding.message
    : `${finding.message} (Suppressed by safe-sql-ignore, because: ${finding.suppressedBecause})`;
  return {
    range: { start: document.positionAt(finding.span.start), end: document.positionAt(finding.span.end) },
    severity: SEVERITY[gradeSeverity(finding.severity, environment)],
    code: finding.rule,
    codeDescription: { href: ruleDocUri(finding.rule) },
    source: SOURCE,
    message,
    data,
  };
}

/** Reads back what {@link toDiagnostic} put in `data`; undefined for anything else. */
export function findingData(diagnostic: Diagnostic): FindingData | undefined {
  if (diagnostic.source !== SOURCE) return undefined;
  const data = diagnostic.data as Partial<FindingData> | undefined;
  if (!data || typeof data.rule !== 'string' || !isPosition(data.statementStart)) return undefined;
  const out: FindingData = { rule: data.rule, statementStart: data.statementStart, suppressed: data.suppressed === true };
  if (isPosition(data.whereInsertAt)) out.whereInsertAt = data.whereInsertAt;
  return out;
}

function isPosition(p: unknown): p is Position {
  return !!p && typeof p === 'object' && Number.isInteger((p as Position).line) && Number.isInteger((p as Position).character);
}
