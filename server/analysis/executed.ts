/**
 * Finds every statement that would execute now when a parsed statement runs: the statement itself,
 * data-modifying CTEs, the target of EXPLAIN ANALYZE, PREPARE and COPY (…) queries, and static SQL
 * inside PL/pgSQL DO bodies (nested blocks included).
 *
 * Bodies that do not execute now (CREATE FUNCTION, RULE, VIEW, TRIGGER, plain EXPLAIN) are skipped.
 * What cannot be seen into (dynamic EXECUTE, DO in another language, a body that does not parse,
 * nesting too deep) is returned as `opaque`, so the caller fails closed.
 */
import { NodeOf, StmtKind } from './ast';
import { Node, parsePlpgsqlBody, parseSql, RawStatement } from './parser';
import { SqlSite } from './site';
import { Span } from './types';

/** A statement that executes now, with its kind and typed fields. */
interface ExecutedNode<K extends StmtKind> {
  /** The node's type, e.g. `UpdateStmt`. */
  kind: K;
  /** The node's fields. */
  body: NodeOf<K>;
  site: SqlSite;
  /** Where it runs, for messages: undefined at top level, else e.g. "in a WITH query". */
  context: string | undefined;
  /** True for the statement the user wrote at top level. */
  topLevel: boolean;
  /** Names declared by the PL/pgSQL block around it: a bare name among them is a variable, not a column. */
  plpgsqlVariables?: ReadonlySet<string>;
}

/** An executed statement of one of the kinds K: `e.kind === 'UpdateStmt'` narrows `e.body`. */
export type ExecutedOf<K extends StmtKind> = K extends StmtKind ? ExecutedNode<K> : never;

/** Any executed statement. */
export type Executed = ExecutedOf<StmtKind>;

/** The parse tree is JSON: a key ending in `Stmt` names a statement node of that kind. */
function executedAt(key: string, body: unknown, site: SqlSite, context: string | undefined, topLevel: boolean): Executed {
  return { kind: key, body, site, context, topLevel } as Executed;
}

export interface Opaque {
  span: Span;
  reason: string;
}

export interface ExecutedResult {
  executed: Executed[];
  opaque: Opaque[];
}

/** Containers whose SQL is stored, not run, when the statement executes. */
const STORED_NOT_RUN = new Set([
  'CreateFunctionStmt',
  'RuleStmt',
  'ViewStmt',
  'CreateTrigStmt',
  'CreateEventTrigStmt',
  'CreatePolicyStmt',
  'AlterPolicyStmt',
]);

/** DO blocks may contain DO blocks; past this depth the analysis gives up (fail closed). */
const MAX_DO_DEPTH = 8;
/** Nodes visited per statement before the analysis gives up (fail closed). */
const MAX_NODES = 200_000;

export function findExecuted(raw: RawStatement, site: SqlSite): ExecutedResult {
  const result: ExecutedResult = { executed: [], opaque: [] };
  visitStatement(raw.stmt, site, undefined, true, 0, result);
  return result;
}

function visitStatement(root: Node, site: SqlSite, rootContext: string | undefined, topLevel: boolean, doDepth: number, out: ExecutedResult): void {
  const stack: Array<{ value: unknown; context: string | undefined }> = [{ value: root, context: rootContext }];
  let visited = 0;
  let first = true;
  while (stack.length > 0) {
    const { value, context } = stack.pop()!;
    if (++visited > MAX_NODES) {
      out.opaque.push({ span: site.firstWord(), reason: 'the statement is too large to verify' });
      return;
    }
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], context });
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    const record = value as Record<string, unknown>;
    // for…in rather than Object.entries: this loop runs for every node of every statement.
    for (const key in record) {
      const child = record[key];
      if (child === null || typeof child !== 'object') continue;
      if (!key.endsWith('Stmt')) {
        stack.push({ value: child, context: key === 'CommonTableExpr' ? 'in a WITH query' : context });
        continue;
      }
      const body = child as Record<string, unknown>;
      out.executed.push(executedAt(key, body, site, context, topLevel && first));
      first = false;
      if (STORED_NOT_RUN.has(key)) continue;
      if (key === 'ExplainStmt') {
        if (explainAnalyzes(body)) stack.push({ value: body.query, context: 'under EXPLAIN ANALYZE' });
        continue;
      }
      if (key === 'DoStmt') {
        visitDo(body, site, doDepth, out);
        continue;
      }
      const childContext = key === 'PrepareStmt' ? 'in PREPARE (it runs on EXECUTE)' : key === 'CopyStmt' ? 'in COPY' : context;
      stack.push({ value: body, context: childContext });
    }
  }
}

/** EXPLAIN executes its statement only with ANALYZE (and not `ANALYZE false`). */
function explainAnalyzes(explain: Record<string, unknown>): boolean {
  const options = (explain.options as Node[] | undefined) ?? [];
  for (const option of options) {
    const def = option.DefElem as { defname?: string; arg?: Node } | undefined;
    if (def?.defname !== 'analyze') continue;
    if (!def.arg) return true;
    const text = constantText(def.arg);
    return text === undefined || !['false', 'off', '0', 'no'].includes(text.toLowerCase());
  }
  return false;
}

function constantText(node: Node): string | undefined {
  const s = node.String as { sval?: string } | undefined;
  if (s?.sval !== undefined) return s.sval;
  const b = node.Boolean as { boolval?: boolean } | undefined;
  if (b) return b.boolval ? 'true' : 'false';
  const i = node.Integer as { ival?: number } | undefined;
  if (i) return String(i.ival ?? 0);
  const c = node.A_Const as Node | undefined;
  if (c) {
    const sval = (c.sval as { sval?: string } | undefined)?.sval;
    if (sval !== undefined) return sval;
    if (c.boolval) return (c.boolval as { boolval?: boolean }).boolval ? 'true' : 'false';
    if (c.ival) return String((c.ival as { ival?: number }).ival ?? 0);
  }
  return undefined;
}

function visitDo(body: Record<string, unknown>, site: SqlSite, doDepth: number, out: ExecutedResult): void {
  const args = (body.args as Node[] | undefined) ?? [];
  let code: string | undefined;
  let codeLocation: number | undefined;
  let language = 'plpgsql';
  for (const arg of args) {
    const def = arg.DefElem as { defname?: string; arg?: Node; location?: number } | undefined;
    if (!def?.arg) continue;
    if (def.defname === 'as') {
      code = constantText(def.arg);
      codeLocation = def.location;
    } else if (def.defname === 'language') {
      language = (constantText(def.arg) ?? '').toLowerCase();
    }
  }
  const doKeyword = site.keywordBefore(codeLocation, ['do']);
  if (language !== 'plpgsql') {
    out.opaque.push({ span: doKeyword, reason: `a DO block in language ${language || 'unknown'} cannot be verified` });
    return;
  }
  if (code === undefined) {
    out.opaque.push({ span: doKeyword, reason: 'the DO block has no body that can be read' });
    return;
  }
  if (doDepth >= MAX_DO_DEPTH) {
    out.opaque.push({ span: doKeyword, reason: 'DO blocks are nested too deeply to verify' });
    return;
  }
  const plpgsql = parsePlpgsqlBody(code);
  if (!plpgsql.ok) {
    out.opaque.push({ span: doKeyword, reason: `the DO block does not parse as PL/pgSQL: ${plpgsql.message}` });
    return;
  }
  const bodyBase = verbatimBodyStart(site, codeLocation, code);
  const finder = new BodyLocator(code, bodyBase, doKeyword);
  const variables = plpgsqlVariables(plpgsql.tree);
  const stack: unknown[] = [plpgsql.tree];
  while (stack.length > 0) {
    const value = stack.pop();
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push(value[i]);
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    const record = value as Record<string, unknown>;
    for (const [key, child] of Object.entries(record)) {
      if (child === null || typeof child !== 'object') continue;
      const lineno = (child as { lineno?: number }).lineno;
      if (key === 'PLpgSQL_stmt_dynexecute' || key === 'PLpgSQL_stmt_dynfors' || (child as Record<string, unknown>).dynquery) {
        out.opaque.push({ span: finder.lineAnchor(lineno, 'execute'), reason: 'dynamic SQL (EXECUTE) in a DO block cannot be verified' });
        continue;
      }
      if (key === 'PLpgSQL_stmt_commit' || key === 'PLpgSQL_stmt_rollback') {
        const verb = key === 'PLpgSQL_stmt_commit' ? 'commit' : 'rollback';
        const at = new SqlSite(verb, undefined, finder.lineAnchor(lineno, verb));
        out.executed.push({ kind: 'TransactionStmt', body: { kind: verb === 'commit' ? 'TRANS_STMT_COMMIT' : 'TRANS_STMT_ROLLBACK' }, site: at, context: 'in a DO block', topLevel: false });
        continue;
      }
      if (key === 'PLpgSQL_expr') {
        const expr = child as { query?: string; parseMode?: number };
        // parseMode 0 is a whole SQL statement; other modes are expressions, which cannot modify data.
        if ((expr.parseMode ?? 0) === 0 && expr.query !== undefined) {
          visitNestedSql(expr.query, finder.siteFor(expr.query, lineno), doDepth, out, variables);
        }
        continue;
      }
      if (lineno !== undefined) finder.lastLine = lineno;
      stack.push(child);
    }
  }
}

function visitNestedSql(query: string, nested: SqlSite, doDepth: number, out: ExecutedResult, variables: ReadonlySet<string>): void {
  const parsed = parseSql(query);
  if (!parsed.ok) {
    out.opaque.push({ span: nested.firstWord(), reason: `SQL in the DO block does not parse: ${parsed.message}` });
    return;
  }
  const before = out.executed.length;
  for (const raw of parsed.statements) visitStatement(raw.stmt, nested, 'in a DO block', false, doDepth + 1, out);
  for (const e of out.executed.slice(before)) e.plpgsqlVariables ??= variables;
}

/** Every name the PL/pgSQL function declares (parameters, DECLARE, FOR targets, `found`), all blocks together. */
function plpgsqlVariables(tree: unknown): ReadonlySet<string> {
  const names = new Set<string>();
  const funcs = (tree as { plpgsql_funcs?: Array<{ PLpgSQL_function?: { datums?: Array<Record<string, { refname?: string }>> } }> }).plpgsql_funcs ?? [];
  for (const f of funcs) {
    for (const datum of f.PLpgSQL_function?.datums ?? []) {
      for (const kind in datum) if (datum[kind]?.refname) names.add(datum[kind].refname!);
    }
  }
  return names;
}

/**
 * The statement offset where the DO body's text starts, when the string literal holds it verbatim
 * (dollar quotes, or a plain string without doubled quotes); undefined otherwise.
 */
function verbatimBodyStart(site: SqlSite, codeLocation: number | undefined, code: string): number | undefined {
  if (codeLocation === undefined || site.base === undefined) return undefined;
  const at = site.offsets.fromBytes(codeLocation);
  const token = site.tokens.find((t) => t.start >= at && (t.kind === 'dollar' || t.kind === 'string'));
  if (!token) return undefined;
  const raw = site.text.slice(token.start, token.end);
  let open: number;
  if (token.kind === 'dollar') {
    open = raw.indexOf('$', 1) + 1;
  } else {
    open = raw.indexOf("'") + 1;
  }
  const closeLength = token.kind === 'dollar' ? open : 1;
  const content = raw.slice(open, raw.length - closeLength);
  if (content !== code) return undefined;
  return site.base + token.start + open;
}

/** Maps SQL found in a DO body back to statement offsets: exactly where it can, else to its line. */
class BodyLocator {
  lastLine = 1;
  private searchFrom = 0;
  private readonly lineStarts: number[];

  constructor(
    private readonly code: string,
    private readonly bodyBase: number | undefined,
    private readonly doKeyword: Span,
  ) {
    this.lineStarts = [0];
    for (let i = code.indexOf('\n'); i >= 0; i = code.indexOf('\n', i + 1)) this.lineStarts.push(i + 1);
  }

  siteFor(query: string, lineno: number | undefined): SqlSite {
    const line = lineno ?? this.lastLine;
    const fromLine = this.lineStarts[Math.min(Math.max(line - 1, 0), this.lineStarts.length - 1)];
    let at = this.code.indexOf(query, Math.max(fromLine, this.searchFrom));
    if (at < 0) at = this.code.indexOf(query, fromLine);
    if (this.bodyBase !== undefined && at >= 0) {
      this.searchFrom = at + query.length;
      return new SqlSite(query, this.bodyBase + at, this.doKeyword);
    }
    const firstWord = /^\s*([A-Za-z_]+)/.exec(query)?.[1];
    return new SqlSite(query, undefined, this.lineAnchor(line, firstWord));
  }

  /** The first occurrence of `word` on the body's line `lineno`, else the DO keyword. */
  lineAnchor(lineno: number | undefined, word: string | undefined): Span {
    if (this.bodyBase === undefined || lineno === undefined || !word) return this.doKeyword;
    const lineStart = this.lineStarts[Math.min(Math.max(lineno - 1, 0), this.lineStarts.length - 1)];
    const lineEnd = lineno < this.lineStarts.length ? this.lineStarts[lineno] : this.code.length;
    const hit = this.code.slice(lineStart, lineEnd).toLowerCase().indexOf(word.toLowerCase());
    if (hit < 0) return this.doKeyword;
    const start = this.bodyBase + lineStart + hit;
    return { start, end: start + word.length };
  }
}
