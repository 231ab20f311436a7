/**
 * Which functions give a new value on every call (PostgreSQL's "volatile": random(), nextval(),
 * clock_timestamp()). The list is PostgreSQL's own catalog, dumped by
 * scripts/dump-volatile-functions.ts and checked against the embedded server by test/db. A
 * function not in it counts as stable: one value for the whole statement (fail closed).
 */
import { FuncCall } from '@pgsql/types';
import { stringOf } from '../ast';
import names from './volatile-functions.json';

/** The pg_catalog names all of whose overloads are volatile. */
export const VOLATILE_QUERY = `SELECT proname FROM pg_proc WHERE pronamespace = 'pg_catalog'::regnamespace
  GROUP BY proname HAVING bool_and(provolatile = 'v') ORDER BY proname COLLATE "C"`;

const VOLATILE: ReadonlySet<string> = new Set(names);

/** True when the call is to a built-in function that is volatile in every form. */
export function isVolatileCall(call: FuncCall): boolean {
  const parts = (call.funcname ?? []).map(stringOf);
  const name = parts[parts.length - 1];
  if (name === undefined || (parts.length === 2 && parts[0] !== 'pg_catalog') || parts.length > 2) return false;
  return VOLATILE.has(name);
}
