/**
 * The analysis entry point: text in, findings out. Pure: no LSP types, no I/O.
 *
 * Statements are analysed one by one and cached by their text, so an edit re-parses only the
 * statements it touched. Every failure ends in a finding (syntax-error or unverifiable), never in
 * silence.
 */
import { parseDirective, isRuleId } from './directives';
import { findExecuted } from './executed';
import { PreviousSplit, splitIncrementally } from './incremental';
import { Token } from './lexer';
import { parseSql } from './parser';
import { RULES } from './rules';
import { badDirective } from './rules/bad-directive';
import { runRule, StatementAnalysis } from './rules/rule';
import { SqlSite } from './site';
import { StatementSlice } from './split';
import { Environment, Finding, RuleId, Span } from './types';
import { formatCount } from '../../shared/labels';
import { gradeSeverity } from './grade';
import { lexerSettingProblems } from './lexer-settings';
import { psqlText } from './psql';

export interface AnalysisLimits {
  /** Statements longer than this (UTF-16 units) are not parsed: they are reported unverifiable. */
  maxStatementLength: number;
  /** Parenthesis nesting deeper than this is not parsed. */
  maxNesting: number;
  /** Text past this many characters is not analysed: it is reported unverifiable. */
  maxDocumentLength: number;
  /** Wall-clock budget for one document; statements left when it runs out are unverifiable. */
  timeBudgetMs: number;
}

export const DEFAULT_LIMITS: AnalysisLimits = {
  maxStatementLength: 262_144,
  maxNesting: 1_000,
  maxDocumentLength: 4_000_000,
  timeBudgetMs: 3_000,
};

export interface AnalysisOptions {
  /** Severities as in this environment; default production. Callers that know the environment later use `grade`. */
  environment?: Environment;
  limits?: Partial<AnalysisLimits>;
}

export interface StatementInfo {
  /** The statement's span in the document, from its first token to its `;` (inclusive). */
  span: Span;
  text: string;
  analysis: StatementAnalysis;
  /** Findings of this statement, severities already adjusted for the environment and suppressions. */
  findings: Finding[];
  /** From a `-- safe-sql: expect-rows` directive before the statement. */
  expectRows?: { min: number; max: number };
}

export interface DocumentAnalysis {
  environment: Environment;
  statements: StatementInfo[];
  /** Every finding, statements' and directives', in document order. */
  findings: Finding[];
  /** The connection named by `-- safe-sql: connection=<name>` before the first statement. */
  connectionDirective?: string;
}

export const KNOWN_RULES: readonly RuleId[] = [...RULES.map((r) => r.id), badDirective.id];

interface Cached {
  analysis: StatementAnalysis;
  /** Findings with spans relative to the statement start and production severities. */
  findings: Finding[];
}

/** The last document analysed, so that the next call re-splits and re-analyses only what changed. */
interface Previous extends PreviousSplit {
  infos: StatementInfo[];
  settings: string;
}

/**
 * Analyses documents, keeping a cache of per-statement results across calls, and the last
 * document: after an edit, only the statements the edit touched are split and analysed again.
 */
export class Analyzer {
  private readonly cache = new Map<string, Cached>();
  private readonly maxCacheEntries: number;
  private previous: Previous | undefined;
  /** Infos made for statements over a limit: never reused, the limit may not apply next time. */
  private readonly unchecked = new WeakSet<StatementInfo>();

  constructor(maxCacheEntries = 100_000) {
    this.maxCacheEntries = maxCacheEntries;
  }

  analyze(text: string, options: AnalysisOptions = {}): DocumentAnalysis {
    const limits = { ...DEFAULT_LIMITS, ...options.limits };
    const deadline = Date.now() + limits.timeBudgetMs;
    const env = options.environment ?? 'production';
    const settings = JSON.stringify([env, limits.maxStatementLength, limits.maxNesting]);
    const previous = this.previous;
    const split = splitIncrementally(text, previous);
    const { statements: slices, directives } = split;
    const reusable = previous !== undefined && previous.settings === settings;
    const statements: StatementInfo[] = [];
    const findings: Finding[] = [];

    for (let i = 0; i < slices.length; i++) {
      const slice = slices[i];
      if (slice.end > limits.maxDocumentLength || Date.now() > deadline) {
        const why = slice.end > limits.maxDocumentLength
          ? `the document is longer than the ${formatCount(limits.maxDocumentLength)} characters that are analysed`
          : `the analysis ran out of its ${limits.timeBudgetMs} ms budget`;
        const rest = slices.length - i - 1;
        const span = { start: slice.start, end: Math.min(slice.end, slice.start + 1) };
        const f: Finding = {
          rule: 'unverifiable',
          severity: adjust('error', env),
          message: `Cannot be verified: ${why}; this statement${rest > 0 ? ` and the ${rest} after it are` : ' is'} not checked.`,
          span,
          statement: { start: slice.start, end: text.length },
        };
        findings.push(f);
        const unverified: StatementAnalysis = { status: 'unverifiable', text: '', reason: why, span: { start: 0, end: 0 } };
        for (const s of slices.slice(i)) {
          const info: StatementInfo = { span: { start: s.start, end: s.end }, text: text.slice(s.start, s.end), analysis: unverified, findings: s === slice ? [f] : [] };
          this.unchecked.add(info);
          statements.push(info);
        }
        break;
      }
      const old = !reusable ? undefined : i < split.prefixCount ? previous.infos[i] : i > split.suffixStart ? previous.infos[split.oldSuffixStart + i - split.suffixStart] : undefined;
      const info = old && !this.unchecked.has(old) ? shiftInfo(old, i < split.prefixCount ? 0 : split.delta) : this.analyzeSlice(text, slice, limits, env);
      statements.push(info);
      findings.push(...info.findings);
    }

    let connectionDirective: string | undefined;
    const firstStatementStart = slices[0]?.start ?? text.length;
    const attached = new Set(slices.flatMap((s) => s.directives.map((d) => d.start)));
    for (const d of directives) {
      const parsed = parseDirective(text.slice(d.start, d.end));
      if ((parsed?.kind === 'ignore' || parsed?.kind === 'expect-rows') && !attached.has(d.start)) {
        // Silently lowering nothing would let the author believe the directive took effect.
        findings.push(directiveProblem(d, 'no statement follows it', env));
      } else if (parsed?.kind === 'connection') {
        if (d.start < firstStatementStart && connectionDirective === undefined) connectionDirective = parsed.name;
        else findings.push(directiveProblem(d, 'connection= only counts before the first statement of the document', env));
      }
    }
    findings.sort((a, b) => a.span.start - b.span.start);
    this.previous = { text, statements: slices, directives, infos: statements, settings };
    return connectionDirective === undefined ? { environment: env, statements, findings } : { environment: env, statements, findings, connectionDirective };
  }

  private analyzeSlice(text: string, slice: StatementSlice, limits: AnalysisLimits, env: Environment): StatementInfo {
    const sliceText = text.slice(slice.start, slice.end);
    let cached = this.cache.get(sliceText);
    if (cached) {
      // Refresh its place: the cache drops the entries used least recently.
      this.cache.delete(sliceText);
    } else {
      // Cache a copy, not a slice: a slice keeps this version's whole document alive in the cache.
      cached = analyzeStatement(ownCopy(sliceText), slice, limits);
    }
    this.cache.set(cached.analysis.text, cached);
    if (this.cache.size > this.maxCacheEntries) this.cache.delete(this.cache.keys().next().value as string);

    const statement: Span = { start: slice.start, end: slice.end };
    const findings: Finding[] = cached.findings.map((f) => ({
      ...f,
      severity: adjust(f.severity, env),
      span: { start: f.span.start + slice.start, end: f.span.end + slice.start },
      statement,
      ...(f.whereInsertAt === undefined ? {} : { whereInsertAt: f.whereInsertAt + slice.start }),
    }));

    let expectRows: { min: number; max: number } | undefined;
    for (const d of slice.directives) {
      const parsed = parseDirective(text.slice(d.start, d.end));
      if (!parsed) continue;
      if (parsed.kind === 'invalid') {
        findings.push(directiveProblem(d, parsed.problem, env, statement));
      } else if (parsed.kind === 'expect-rows') {
        expectRows = { min: parsed.min, max: parsed.max };
      } else if (parsed.kind === 'ignore') {
        const unknown = parsed.rules.filter((r) => !isRuleId(r, KNOWN_RULES));
        if (unknown.length > 0) findings.push(directiveProblem(d, `safe-sql-ignore names unknown rule ${unknown.join(', ')}`, env, statement));
        if (!parsed.reason.trim()) {
          findings.push(directiveProblem(d, 'safe-sql-ignore needs a reason after a colon (`-- safe-sql-ignore <rule>: <reason>`); it lowers nothing without one', env, statement));
          continue;
        }
        for (const f of findings) {
          if (f.rule !== 'bad-directive' && parsed.rules.includes(f.rule)) {
            f.severity = adjust(f.severity, 'staging');
            f.suppressedBecause = parsed.reason.trim();
          }
        }
      }
    }
    const info: StatementInfo = { span: statement, text: sliceText, analysis: cached.analysis, findings };
    if (expectRows) info.expectRows = expectRows;
    return info;
  }
}

/** A string that shares no memory with the one it was sliced from. */
function ownCopy(text: string): string {
  return Buffer.from(text, 'utf16le').toString('utf16le');
}

/** A statement's analysis moved by `delta` characters (the same object when it did not move). */
function shiftInfo(info: StatementInfo, delta: number): StatementInfo {
  if (delta === 0) return info;
  const move = (s: Span): Span => ({ start: s.start + delta, end: s.end + delta });
  const findings = info.findings.map((f) => {
    const moved: Finding = { ...f, span: move(f.span), statement: move(f.statement) };
    if (f.whereInsertAt !== undefined) moved.whereInsertAt = f.whereInsertAt + delta;
    return moved;
  });
  const shifted: StatementInfo = { span: move(info.span), text: info.text, analysis: info.analysis, findings };
  if (info.expectRows) shifted.expectRows = info.expectRows;
  return shifted;
}

const adjust = gradeSeverity;

function directiveProblem(d: Token, problem: string, env: Environment, statement?: Span): Finding {
  const f = badDirective.problem({ start: d.start, end: d.end }, problem, statement);
  f.severity = adjust(f.severity, env);
  return f;
}

/** Analyses one statement's text. Never throws: a failure is a finding. */
export function analyzeStatement(sliceText: string, slice: Pick<StatementSlice, 'start' | 'unterminated' | 'maxDepth'>, limits: AnalysisLimits): Cached {
  const psql = slice.unterminated ? undefined : psqlText(sliceText);
  const analysis = statementAnalysis(sliceText, psql?.text ?? sliceText, slice, limits);
  const findings: Finding[] = [];
  const whole: Span = { start: 0, end: sliceText.length };
  // psql commands and variables, and settings that change how strings are read: reported whatever the parse gave.
  const unseen = [...(psql?.problems ?? []), ...(analysis.status === 'parsed' ? lexerSettingProblems(psql?.text ?? sliceText, analysis.executed) : [])];
  for (const p of unseen) findings.push({ rule: 'unverifiable', severity: 'error', message: `Cannot be verified: ${p.reason}.`, span: p.span, statement: whole });
  for (const rule of RULES) {
    try {
      runRule(rule, analysis, (r) => {
        const f: Finding = { rule: rule.id, severity: rule.severity, message: r.message, span: r.span, statement: whole };
        if (r.whereInsertAt !== undefined) f.whereInsertAt = r.whereInsertAt;
        findings.push(f);
      });
    } catch (error) {
      findings.push({
        rule: 'unverifiable',
        severity: 'error',
        message: `Cannot be verified: rule ${rule.id} failed (${error instanceof Error ? error.message : String(error)}).`,
        span: firstToken(sliceText),
        statement: whole,
      });
    }
  }
  return { analysis, findings };
}

/** `parseText` is `text` as psql sends it: same length, psql's own syntax replaced. */
function statementAnalysis(text: string, parseText: string, slice: Pick<StatementSlice, 'start' | 'unterminated' | 'maxDepth'>, limits: AnalysisLimits): StatementAnalysis {
  if (slice.unterminated) {
    // The lexer's offset is in the document; spans here are relative to the statement.
    const start = slice.unterminated.start - slice.start;
    return {
      status: 'unverifiable',
      text,
      reason: `unclosed ${slice.unterminated.what}: everything after it is unreadable`,
      span: { start: Math.max(0, Math.min(start, text.length)), end: Math.min(text.length, Math.max(start, 0) + 2) },
    };
  }
  if (text.length > limits.maxStatementLength) {
    return { status: 'unverifiable', text, reason: `the statement is ${formatCount(text.length)} characters long, over the ${formatCount(limits.maxStatementLength)} that are verified`, span: firstToken(text) };
  }
  if (slice.maxDepth > limits.maxNesting) {
    return { status: 'unverifiable', text, reason: `parentheses nest ${formatCount(slice.maxDepth)} deep, over the ${formatCount(limits.maxNesting)} that are verified`, span: firstToken(text) };
  }
  if (text.includes('\0')) {
    // A NUL ends a C string: the parser would read less than the server is sent.
    return { status: 'unverifiable', text, reason: 'the statement contains a NUL character', span: firstToken(text) };
  }
  try {
    const parsed = parseSql(parseText);
    if (!parsed.ok) {
      const at = parsed.offset ?? 0;
      const site = new SqlSite(text, 0, { start: 0, end: 0 });
      const token = site.tokens.find((t) => t.start <= at && at < t.end);
      const span = token ? { start: token.start, end: token.end } : at >= text.length ? endSpan(text) : { start: at, end: at + 1 };
      return { status: 'syntax-error', text, message: parsed.message, span };
    }
    const site = new SqlSite(parseText, 0, firstToken(parseText));
    const all: StatementAnalysis = { status: 'parsed', text, executed: [], opaque: [], ...(parseText === text ? { tree: parsed.statements } : {}) };
    for (const raw of parsed.statements) {
      const found = findExecuted(raw, site);
      all.executed.push(...found.executed);
      all.opaque.push(...found.opaque);
    }
    return all;
  } catch (error) {
    return { status: 'unverifiable', text, reason: `the analysis failed: ${error instanceof Error ? error.message : String(error)}`, span: firstToken(text) };
  }
}

function firstToken(text: string): Span {
  return new SqlSite(text, 0, { start: 0, end: 0 }).firstWord();
}

/** A syntax error at the end of the text (a half-typed statement) points at its last token. */
function endSpan(text: string): Span {
  const tokens = new SqlSite(text, 0, { start: 0, end: 0 }).tokens.filter((t) => t.kind !== 'line-comment' && t.kind !== 'block-comment');
  const last = tokens[tokens.length - 1];
  return last ? { start: last.start, end: last.end } : { start: 0, end: 0 };
}
