/**
 * Decides, from a fresh analysis of the exact text that will run, whether the run may start, and
 * how: read-only or not, whether it is one statement that cannot run in a transaction, and whether
 * the confirmation must be typed because a finding was suppressed.
 */
import { grade } from '../analysis/grade';
import { Analyzer, DocumentAnalysis } from '../analysis/analyze';
import { LineIndex } from '../analysis/lines';
import { Executed } from '../analysis/executed';
import { writeFacts } from './writeFacts';
import { loadParser, Node } from '../analysis/parser';
import { Environment, Finding } from '../analysis/types';
import { RowRange } from './types';
import { safeText } from '../../shared/safeText';
import { findMetaCommands, MetaCommand } from './metaCommands';

export interface PlannedStatement {
  index: number;
  line: number;
  text: string;
  expectRows?: RowRange;
  read: boolean;
  /** Top-level UPDATE, DELETE or MERGE: the planner is asked about it on production. */
  modifies?: boolean;
  /** Its command tag's count is rows it wrote into a table (CREATE TABLE AS, SELECT INTO). */
  createsRows?: boolean;
  /** Relations it truncates, as SQL names (their rows are counted before the run). */
  truncates?: string[];
  /** undo: the parse tree of exactly `text`, when the analysis has it and it is one statement. */
  tree?: Node;
}

export type Plan =
  | { ok: false; empty: boolean; reason: string }
  | {
      ok: true;
      statements: PlannedStatement[];
      /** Every statement only reads. */
      readOnly: boolean;
      /** Set when the run is one statement that PostgreSQL refuses inside a transaction. */
      nonTransactional?: string;
      /** Suppressed findings: the run is allowed, but the confirmation must be typed. */
      suppressed: string[];
      /** psql commands with no effect on the run, skipped: `line 1: \timing on`. */
      skippedMeta: string[];
    };

const READ_KINDS = new Set(['SelectStmt', 'ExplainStmt', 'VariableShowStmt']);

let shared: Analyzer | undefined;

export async function planRun(text: string, environment: Environment, readOnlyConnection: boolean, analyzer?: Analyzer, analysed?: { text: string; analysis: DocumentAnalysis }): Promise<Plan> {
  await loadParser();
  // What is sent is what was analysed: a ready analysis counts only for exactly this text.
  const analysis = analysed && analysed.text === text ? analysed.analysis : (analyzer ?? (shared ??= new Analyzer())).analyze(text);
  const findings = grade(analysis.findings, environment);
  const lines = new LineIndex(text);
  // 1-based, as people and compilers count.
  const position = (offset: number) => {
    const p = lines.position(offset);
    return { line: p.line + 1, column: p.character + 1 };
  };
  const where = (f: Finding) => position(f.span.start);
  const statements: PlannedStatement[] = analysis.statements.map((s, index) => {
    const planned: PlannedStatement = { index, line: position(s.span.start).line, text: s.text, read: isRead(s.analysis.status === 'parsed' ? s.analysis : undefined) };
    if (s.expectRows) planned.expectRows = s.expectRows;
    if (s.analysis.status === 'parsed') Object.assign(planned, writeFacts(s.analysis.executed));
    if (s.analysis.status === 'parsed' && s.analysis.tree?.length === 1) planned.tree = s.analysis.tree[0].stmt;
    // A finding deliberately suppressed on this statement (e.g. missing-where) is not asked of the planner again: the typed count guards it.
    if (s.findings.some((f) => f.suppressedBecause !== undefined)) delete planned.modifies;
    return planned;
  });
  const meta = findMetaCommands(text);
  const metaLine = (m: MetaCommand) => `  line ${m.line}: ${firstLine(m.text)}`;
  if (meta.refused.length > 0) {
    const names = [...new Set(meta.refused.map((m) => m.name))].join(', ');
    return { ok: false, empty: false, reason: `psql commands cannot run here (${safeText(names)}): a guarded run sends SQL only, and running the script without them would run a different script:\n${meta.refused.map(metaLine).join('\n')}` };
  }
  if (statements.length === 0) return { ok: false, empty: true, reason: 'there is no SQL statement to run' };

  const list = (fs: Finding[]) => fs.map((f) => `  ${where(f).line}:${where(f).column} ${f.rule}: ${f.message}`).join('\n');
  const control = findings.filter((f) => f.rule === 'transaction-control');
  if (control.length > 0) return { ok: false, empty: false, reason: `the run owns the transaction, so transaction control is not allowed:\n${list(control)}` };
  // Nothing inside a run may loosen the guard, and on production nothing may escape its ROLLBACK:
  // these are refused even when a safe-sql-ignore lowered the finding.
  const loosening = analysis.findings.filter((f) => f.rule === 'guard-setting' || (environment === 'production' && f.rule === 'non-rollback-effect'));
  if (loosening.length > 0) return { ok: false, empty: false, reason: `the guard cannot be switched off or escaped from inside a run:\n${list(loosening)}` };
  if (environment === 'production') {
    const errors = findings.filter((f) => f.severity === 'error');
    if (errors.length > 0) return { ok: false, empty: false, reason: `on production, ${errors.length} finding${errors.length === 1 ? '' : 's'} of error severity:\n${list(errors)}` };
  }
  const nonTx = findings.filter((f) => f.rule === 'non-transactional');
  if (nonTx.length > 0 && statements.length > 1) {
    return { ok: false, empty: false, reason: `a statement that cannot run in a transaction may only run alone, not inside a script of ${statements.length} statements:\n${list(nonTx)}` };
  }
  const readOnly = statements.every((s) => s.read);
  if (readOnlyConnection && !readOnly) {
    const writes = statements.filter((s) => !s.read).map((s) => `  ${s.line}: ${firstLine(s.text)}`).join('\n');
    return { ok: false, empty: false, reason: `the connection is read-only and these statements may write:\n${writes}` };
  }
  const suppressed = findings.filter((f) => f.suppressedBecause !== undefined).map((f) => `${where(f).line}:${where(f).column} ${f.rule} (ignored: ${f.suppressedBecause})`);
  const skippedMeta = meta.skipped.map((m) => `line ${m.line}: ${firstLine(m.text)}`);
  const plan: Plan = { ok: true, statements, readOnly, suppressed, skippedMeta };
  if (nonTx.length > 0) plan.nonTransactional = nonTx[0].message;
  return plan;
}

/** A statement reads only when it parsed, nothing in it is opaque, and everything it executes is a plain read. */
function isRead(parsed: { executed: Executed[]; opaque: unknown[] } | undefined): boolean {
  if (!parsed || parsed.opaque.length > 0 || parsed.executed.length === 0) return false;
  return parsed.executed.every((e) => READ_KINDS.has(e.kind) && !(e.kind === 'SelectStmt' && (e.body.intoClause || e.body.lockingClause)));
}

/** The first line, with control characters and bidi overrides made visible: it is shown on terminals and in dialogs. */
export function firstLine(text: string): string {
  const line = safeText(text.split('\n', 1)[0]);
  return line.length > 100 ? `${line.slice(0, 99)}…` : line;
}
