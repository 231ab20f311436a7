/**
 * SQL inside bodies: DO blocks, which run now, and the bodies of functions and procedures, which are
 * stored and run on every call. PL/pgSQL is parsed with PostgreSQL's own PL/pgSQL parser; every SQL
 * statement and expression in it is parsed and walked like top-level SQL.
 *
 * A DO block that cannot be read (dynamic EXECUTE, another language, a body that does not parse) is
 * opaque: it runs now, so the caller fails closed. A stored body is not run now: dynamic EXECUTE in
 * it and bodies in other languages are not reported (a call of any existing function is no more
 * verifiable). A stored body that does not parse is reported: PostgreSQL itself would refuse it, and
 * what cannot be read is not passed.
 */
import { nodeAs, NodeOf, stringOf } from './ast';
import { BodyLocator, verbatimBodyStart } from './body-locator';
import { constantText, Executed, ExecutedResult, MAX_DEPTH, Place, visitStatement } from './executed';
import { parsePlpgsqlBody, parsePlpgsqlFunction, parseSql } from './parser';
import { walkTree } from './walk';
import { SqlSite } from './site';

/** For statements that store SQL to run later: where that SQL runs, for messages. Else undefined. */
export function storedContext(e: Executed): string | undefined {
  switch (e.kind) {
    case 'CreateFunctionStmt': {
      const name = lastName(e.body.funcname);
      if (e.body.is_procedure) return `in the body of procedure ${name} (it runs on every CALL)`;
      const returns = lastName(e.body.returnType?.names);
      if (returns === 'trigger' || returns === 'event_trigger') return `in the body of trigger function ${name} (it runs each time its trigger fires)`;
      return `in the body of function ${name} (it runs on every call)`;
    }
    case 'AlterFunctionStmt':
      return `in the settings of ${lastName(e.body.func?.objname)} (they apply on every call)`;
    case 'RuleStmt':
      return `in rule ${e.body.rulename ?? '?'} (it runs on every ${String(e.body.event ?? '').replace(/^CMD_/, '')} on ${e.body.relation?.relname ?? 'its table'})`;
    case 'ViewStmt':
      return `in view ${e.body.view?.relname ?? '?'} (it runs whenever the view is read)`;
    case 'CreateTrigStmt':
      return `in trigger ${e.body.trigname ?? '?'} (it runs each time the trigger fires)`;
    case 'CreatePolicyStmt':
    case 'AlterPolicyStmt':
      return `in policy ${e.body.policy_name ?? '?'} (it runs on every query of ${e.body.table?.relname ?? 'its table'})`;
    default:
      return undefined;
  }
}

function lastName(names: ReadonlyArray<Parameters<typeof stringOf>[0]> | undefined): string {
  return stringOf(names?.[names.length - 1]) ?? '?';
}

/** A DO block runs now: SQL in it is walked, and what cannot be read is opaque. */
export function visitDo(body: NodeOf<'DoStmt'>, place: Place, out: ExecutedResult): void {
  let code: string | undefined;
  let codeLocation: number | undefined;
  let language = 'plpgsql';
  for (const arg of body.args ?? []) {
    const def = nodeAs(arg, 'DefElem');
    if (!def?.arg) continue;
    if (def.defname === 'as') {
      code = constantText(def.arg);
      codeLocation = def.location;
    } else if (def.defname === 'language') {
      language = (constantText(def.arg) ?? '').toLowerCase();
    }
  }
  const doKeyword = place.site.keywordBefore(codeLocation, ['do']);
  const problem = (reason: string) => out.opaque.push({ span: doKeyword, reason });
  if (language !== 'plpgsql') return void problem(`a DO block in language ${language || 'unknown'} cannot be verified`);
  if (code === undefined) return void problem('the DO block has no body that can be read');
  if (place.depth >= MAX_DEPTH) return void problem('DO blocks are nested too deeply to verify');
  const plpgsql = parsePlpgsqlBody(code);
  if (!plpgsql.ok) return void problem(`the DO block does not parse as PL/pgSQL: ${plpgsql.message}`);
  const inside: Place = { ...place, context: place.stored ? place.context : 'in a DO block', depth: place.depth + 1 };
  walkPlpgsql(plpgsql.tree, new BodyLocator(code, verbatimBodyStart(place.site, codeLocation, code), doKeyword), inside, out);
}

/**
 * The body of CREATE FUNCTION or PROCEDURE: a LANGUAGE sql string, or PL/pgSQL. (A BEGIN ATOMIC
 * body is part of the parse tree and is walked with the statement.) `statement` is the text of
 * the CREATE statement; `place` is already the stored place.
 */
export function visitFunctionBody(fn: NodeOf<'CreateFunctionStmt'>, statement: string, place: Place, out: ExecutedResult): void {
  if (fn.sql_body) return;
  let code: string | undefined;
  let codeLocation: number | undefined;
  let language: string | undefined;
  for (const option of fn.options ?? []) {
    const def = nodeAs(option, 'DefElem');
    if (def?.defname === 'as') {
      code = stringOf(nodeAs(def.arg, 'List')?.items?.[0]);
      codeLocation = def.location;
    } else if (def?.defname === 'language' && def.arg) {
      language = (constantText(def.arg) ?? '').toLowerCase();
    }
  }
  // Other languages cannot be read, but defining is not running; see the header.
  if (code === undefined || (language !== 'sql' && language !== 'plpgsql')) return;
  const keyword = place.site.keywordBefore(codeLocation, ['function', 'procedure']);
  const problem = (reason: string) => out.opaque.push({ span: keyword, reason: `${reason} (${place.context ?? 'a stored body'})` });
  if (place.depth >= MAX_DEPTH) return void problem('bodies are nested too deeply to verify');
  const inside: Place = { ...place, depth: place.depth + 1 };
  const bodyBase = verbatimBodyStart(place.site, codeLocation, code);
  if (language === 'sql') {
    const parsed = parseSql(code);
    if (!parsed.ok) return void problem(`the SQL body does not parse: ${parsed.message}`);
    const site = new SqlSite(code, bodyBase, keyword);
    for (const raw of parsed.statements) visitStatement(raw, { ...inside, site }, false, out);
    return;
  }
  const plpgsql = parsePlpgsqlFunction(statement);
  if (!plpgsql.ok) return void problem(`the body does not parse as PL/pgSQL: ${plpgsql.message}`);
  walkPlpgsql(plpgsql.tree, new BodyLocator(code, bodyBase, keyword), inside, out);
}

/** PL/pgSQL expressions are parsed by PostgreSQL as the select list of a SELECT. */
const EXPRESSION_PREFIX = 'SELECT ';

/** Walks a parsed PL/pgSQL function: SQL statements, expressions, COMMIT/ROLLBACK, dynamic SQL. */
function walkPlpgsql(tree: unknown, finder: BodyLocator, outer: Place, out: ExecutedResult): void {
  const place: Place = { ...outer, variables: new Set([...(outer.variables ?? []), ...plpgsqlVariables(tree)]) };
  walkTree(tree, (key, record) => {
    const lineno = typeof record.lineno === 'number' ? record.lineno : undefined;
    if (key === 'PLpgSQL_stmt_dynexecute' || key === 'PLpgSQL_stmt_dynfors' || record.dynquery) {
      // Stored: defining is not running. Now: it cannot be verified.
      if (!place.stored) out.opaque.push({ span: finder.lineAnchor(lineno, 'execute'), reason: 'dynamic SQL (EXECUTE) in a DO block cannot be verified' });
      return false;
    }
    if (key === 'PLpgSQL_stmt_commit' || key === 'PLpgSQL_stmt_rollback') {
      const verb = key === 'PLpgSQL_stmt_commit' ? 'commit' : 'rollback';
      const site = new SqlSite(verb, undefined, finder.lineAnchor(lineno, verb));
      out.executed.push({ kind: 'TransactionStmt', body: { kind: verb === 'commit' ? 'TRANS_STMT_COMMIT' : 'TRANS_STMT_ROLLBACK' }, site, context: place.context, topLevel: false, stored: place.stored });
      return false;
    }
    if (key === 'PLpgSQL_expr') {
      visitExpression(record, finder, place, out);
      return false;
    }
    if (lineno !== undefined) finder.lastLine = lineno;
    return true;
  });
}

/** One PLpgSQL_expr: a whole SQL statement (parseMode 0), an expression, or an assignment. */
function visitExpression(expr: Record<string, unknown>, finder: BodyLocator, place: Place, out: ExecutedResult): void {
  const query = typeof expr.query === 'string' ? expr.query : undefined;
  const mode = typeof expr.parseMode === 'number' ? expr.parseMode : 0;
  // Mode 1 is a type name; it runs nothing.
  if (query === undefined || mode === 1) return;
  let text = query;
  let prefix = '';
  if (mode >= 3) {
    // An assignment `target := value` (or `=`): the value is an expression.
    const at = query.indexOf(':=');
    const eq = at >= 0 ? at + 2 : query.indexOf('=') + 1;
    text = query.slice(eq);
  }
  if (mode >= 2) prefix = EXPRESSION_PREFIX;
  const site = finder.siteFor(text, undefined, prefix);
  const parsed = parseSql(prefix + text);
  if (!parsed.ok) {
    out.opaque.push({ span: site.toStatement({ start: prefix.length, end: prefix.length + text.length }), reason: `SQL ${place.context ?? 'in a body'} does not parse: ${parsed.message}` });
    return;
  }
  for (const raw of parsed.statements) visitStatement(raw, { ...place, site }, false, out);
}

/** Every name the PL/pgSQL function declares (parameters, DECLARE, FOR targets, `found`), all blocks together. */
function plpgsqlVariables(tree: unknown): ReadonlySet<string> {
  const names = new Set<string>();
  const funcs = (tree as { plpgsql_funcs?: Array<{ PLpgSQL_function?: { datums?: Array<Record<string, { refname?: string }>> } }> }).plpgsql_funcs ?? [];
  for (const f of funcs) {
    for (const datum of f.PLpgSQL_function?.datums ?? []) {
      for (const kind in datum) {
        const name = datum[kind]?.refname;
        if (name) names.add(name);
      }
    }
  }
  return names;
}
