/**
 * The adapter around libpg-query, PostgreSQL's own parser compiled to WASM. It is the only
 * parser allowed to decide that SQL is safe. Every failure comes back as a value, never as
 * "no statements".
 */
import * as pg from 'libpg-query';
import { offsetMap } from './offsets';

/** A parse-tree node: `{ "UpdateStmt": { … } }`, as libpg-query's JSON gives it. */
export type Node = Record<string, unknown>;

export interface RawStatement {
  stmt: Node;
  /** Byte offset of the statement inside the parsed text. */
  stmt_location?: number;
  stmt_len?: number;
}

export type ParseOutcome =
  | { ok: true; statements: RawStatement[] }
  | { ok: false; message: string; /** UTF-16 offset in the parsed text, when the parser gave one. */ offset?: number };

let loaded: Promise<void> | undefined;

/** Loads the WASM module once. Must finish before any parse. */
export function loadParser(): Promise<void> {
  loaded ??= pg.loadModule();
  return loaded;
}

export function parseSql(text: string): ParseOutcome {
  // A NUL ends a C string: the parser would silently read less than the database would be sent.
  if (text.includes('\0')) return { ok: false, message: 'the text contains a NUL character' };
  try {
    const result = pg.parseSync(text) as { stmts?: RawStatement[] };
    return { ok: true, statements: result.stmts ?? [] };
  } catch (error) {
    if (pg.hasSqlDetails(error) && error.sqlDetails) {
      const { message, cursorPosition } = error.sqlDetails;
      const offset = cursorPosition >= 0 ? offsetMap(text).fromCodePoints(cursorPosition) : undefined;
      return offset === undefined ? { ok: false, message } : { ok: false, message, offset };
    }
    return { ok: false, message: describe(error) };
  }
}

/** The parsed PL/pgSQL function, as libpg-query's JSON gives it. */
export type PlpgsqlOutcome = { ok: true; tree: unknown } | { ok: false; message: string };

/**
 * Parses a DO body as PL/pgSQL. libpg-query parses functions, so the body is wrapped in a
 * CREATE FUNCTION with a dollar tag that does not occur in it.
 */
export function parsePlpgsqlBody(body: string): PlpgsqlOutcome {
  if (body.includes('\0')) return { ok: false, message: 'the text contains a NUL character' };
  let tag = '$safe_sql_body$';
  for (let n = 0; body.includes(tag); n++) tag = `$safe_sql_body${n}$`;
  const wrapped = `CREATE FUNCTION safe_sql_do() RETURNS void AS ${tag}${body}${tag} LANGUAGE plpgsql`;
  try {
    return { ok: true, tree: pg.parsePlPgSQLSync(wrapped) };
  } catch (error) {
    return { ok: false, message: describe(error) };
  }
}

/**
 * Parses the PL/pgSQL body of one CREATE FUNCTION or PROCEDURE statement, given the statement's
 * own text, so that its return type and parameters are those PostgreSQL would compile it with.
 */
export function parsePlpgsqlFunction(statement: string): PlpgsqlOutcome {
  if (statement.includes('\0')) return { ok: false, message: 'the text contains a NUL character' };
  try {
    const result = pg.parsePlPgSQLSync(statement) as { plpgsql_funcs?: Array<{ PLpgSQL_function?: unknown }> };
    const funcs = result.plpgsql_funcs ?? [];
    if (funcs.length !== 1 || !funcs[0].PLpgSQL_function) return { ok: false, message: 'no PL/pgSQL function was found' };
    return { ok: true, tree: funcs[0].PLpgSQL_function };
  } catch (error) {
    return { ok: false, message: describe(error) };
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
