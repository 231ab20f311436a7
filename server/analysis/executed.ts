/**
 * Finds every statement that executes when a parsed statement runs: the statement itself,
 * data-modifying CTEs, the target of EXPLAIN ANALYZE, PREPARE and COPY (…) queries, static SQL
 * inside PL/pgSQL DO bodies (nested blocks included), and what is stored to run later: the bodies
 * of functions and procedures, rule actions, view queries, trigger and policy conditions. Stored
 * SQL is marked `stored`: it does not run now, but on every call, so the same rules apply to it.
 *
 * Plain EXPLAIN's statement and the SET inside ALTER ROLE/DATABASE … SET and ALTER SYSTEM do not
 * run in this session and are skipped. What cannot be seen into (dynamic EXECUTE in a DO block,
 * DO in another language, a body that does not parse, nesting too deep) is returned as `opaque`,
 * so the caller fails closed.
 */
import { nodeAs, NodeOf, PgNode, StmtKind, stringOf } from './ast';
import { storedContext, visitDo, visitFunctionBody } from './bodies';
import { Node, RawStatement } from './parser';
import { SqlSite } from './site';
import { Span } from './types';

/** A statement that executes, with its kind and typed fields. */
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
  /** True when it is stored to run on every call (function body, rule action…), not run now. */
  stored: boolean;
}

/** An executed statement of one of the kinds K: `e.kind === 'UpdateStmt'` narrows `e.body`. */
export type ExecutedOf<K extends StmtKind> = K extends StmtKind ? ExecutedNode<K> : never;

/** Any executed statement. */
export type Executed = ExecutedOf<StmtKind>;

/** Where a statement is met while walking: its site, the message context, and whether it is stored. */
export interface Place {
  site: SqlSite;
  context: string | undefined;
  stored: boolean;
  /** DO blocks and bodies may nest; past MAX_DEPTH the analysis gives up (fail closed). */
  depth: number;
}

/** The parse tree is JSON: a key ending in `Stmt` names a statement node of that kind. */
function executedAt(key: string, body: unknown, place: Place, topLevel: boolean): Executed {
  return { kind: key, body, site: place.site, context: place.context, topLevel, stored: place.stored } as Executed;
}

export interface Opaque {
  span: Span;
  reason: string;
}

export interface ExecutedResult {
  executed: Executed[];
  opaque: Opaque[];
}

/** Statements whose nested statement does not run in this session. */
const NOT_RUN_HERE = new Set(['AlterRoleSetStmt', 'AlterDatabaseSetStmt', 'AlterSystemStmt']);

/** Past this depth of nested DO blocks and bodies the analysis gives up (fail closed). */
export const MAX_DEPTH = 8;
/** Nodes visited per statement before the analysis gives up (fail closed). */
const MAX_NODES = 200_000;

export function findExecuted(raw: RawStatement, site: SqlSite): ExecutedResult {
  const result: ExecutedResult = { executed: [], opaque: [] };
  visitStatement(raw, { site, context: undefined, stored: false, depth: 0 }, true, result);
  return result;
}

/** The text of one parsed statement, within the text its site parsed. */
function statementText(raw: RawStatement, site: SqlSite): string {
  const start = raw.stmt_location ?? 0;
  const end = raw.stmt_len ? start + raw.stmt_len : undefined;
  return site.text.slice(site.offsets.fromBytes(start), end === undefined ? undefined : site.offsets.fromBytes(end));
}

/** Walks one parsed statement (of a site's text) and everything it executes or stores. */
export function visitStatement(raw: RawStatement, root: Place, topLevel: boolean, out: ExecutedResult): void {
  const stack: Array<{ value: unknown; place: Place }> = [{ value: raw.stmt, place: root }];
  let visited = 0;
  let first = true;
  while (stack.length > 0) {
    const { value, place } = stack.pop()!;
    if (++visited > MAX_NODES) {
      out.opaque.push({ span: root.site.firstWord(), reason: 'the statement is too large to verify' });
      return;
    }
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], place });
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    const record = value as Record<string, unknown>;
    // for…in rather than Object.entries: this loop runs for every node of every statement.
    for (const key in record) {
      const child = record[key];
      if (child === null || typeof child !== 'object') continue;
      if (!key.endsWith('Stmt')) {
        stack.push({ value: child, place: key === 'CommonTableExpr' ? { ...place, context: place.stored ? place.context : 'in a WITH query' } : place });
        continue;
      }
      const e = executedAt(key, child, place, topLevel && first);
      out.executed.push(e);
      first = false;
      if (NOT_RUN_HERE.has(key)) continue;
      if (e.kind === 'ExplainStmt') {
        if (explainAnalyzes(e.body)) stack.push({ value: e.body.query, place: { ...place, context: place.stored ? place.context : 'under EXPLAIN ANALYZE' } });
        continue;
      }
      if (e.kind === 'DoStmt') {
        visitDo(e.body, place, out);
        continue;
      }
      const stored = storedContext(e);
      if (stored !== undefined) {
        const inside: Place = { ...place, context: stored, stored: true };
        if (e.kind === 'CreateFunctionStmt') visitFunctionBody(e.body, statementText(raw, root.site), inside, out);
        stack.push({ value: child, place: inside });
        continue;
      }
      const context = place.stored ? place.context : e.kind === 'PrepareStmt' ? 'in PREPARE (it runs on EXECUTE)' : e.kind === 'CopyStmt' ? 'in COPY' : place.context;
      stack.push({ value: child, place: { ...place, context } });
    }
  }
}

/**
 * EXPLAIN executes its statement only with ANALYZE. PostgreSQL reads the options in order and the
 * last ANALYZE wins: `EXPLAIN (ANALYZE false, ANALYZE true)` runs it.
 */
function explainAnalyzes(explain: NodeOf<'ExplainStmt'>): boolean {
  let analyze = false;
  for (const option of explain.options ?? []) {
    const def = nodeAs(option, 'DefElem');
    if (def?.defname !== 'analyze') continue;
    if (!def.arg) {
      analyze = true;
      continue;
    }
    const text = constantText(def.arg);
    // PostgreSQL accepts true/false/on/off/1/0 and rejects the rest; unknown counts as true.
    analyze = text === undefined || !['false', 'off', '0'].includes(text.toLowerCase());
  }
  return analyze;
}

/** The text of a constant option argument (string, boolean or integer), else undefined. */
export function constantText(node: PgNode | Node): string | undefined {
  const n = node as PgNode;
  const s = stringOf(n);
  if (s !== undefined) return s;
  const b = nodeAs(n, 'Boolean');
  if (b) return b.boolval ? 'true' : 'false';
  const i = nodeAs(n, 'Integer');
  if (i) return String(i.ival ?? 0);
  const c = nodeAs(n, 'A_Const');
  if (c) {
    if (c.sval?.sval !== undefined) return c.sval.sval;
    if (c.boolval) return c.boolval.boolval ? 'true' : 'false';
    if (c.ival) return String(c.ival.ival ?? 0);
  }
  return undefined;
}
