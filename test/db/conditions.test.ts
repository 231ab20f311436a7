/**
 * PostgreSQL is the oracle for the condition analysis:
 * - generated constant expressions: where the analyzer gives a value, `SELECT (<expr>)::boolean`
 *   on the embedded PostgreSQL gives the same one (and no error); "unknown" is always allowed;
 * - the shipped list of volatile functions equals pg_proc of the embedded PostgreSQL.
 */
import assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { Client } from 'pg';
import { parseSync } from 'libpg-query';
import { nodeAs, PgNode } from '../../server/analysis/ast';
import { asBool, evaluate } from '../../server/analysis/conditions/constants';
import { VOLATILE_QUERY } from '../../server/analysis/conditions/volatility';
import volatileNames from '../../server/analysis/conditions/volatile-functions.json';
import { loadParser } from '../../server/analysis/parser';
import { acquirePostgres, releasePostgres } from '../support/postgres';

const BOOL_WORDS = ['t', 'tr', 'tru', 'true', 'f', 'fa', 'fal', 'fals', 'false', 'y', 'ye', 'yes', 'n', 'no', 'on', 'of', 'off', '1', '0', 'o', 'truex', 'yess', '', '2', 'nope', 'onn'];
const SPACES = ['', ' ', '  ', '\t', '\n'];

const boolText = fc
  .tuple(fc.constantFrom(...SPACES), fc.constantFrom(...BOOL_WORDS), fc.boolean(), fc.constantFrom(...SPACES))
  .map(([a, w, upper, b]) => `'${a}${upper ? w.toUpperCase() : w}${b}'`);

const digits = (min: number, max: number) => fc.array(fc.constantFrom(...'0123456789'), { minLength: min, maxLength: max }).map((d) => d.join(''));

const number: fc.Arbitrary<string> = fc.oneof(
  fc.integer({ min: -5, max: 5 }).map(String),
  fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }).map(String),
  fc.constantFrom('2147483647', '2147483648', '-2147483648', '9223372036854775807', '9223372036854775808', '9007199254740993', '9007199254740992', '32767', '32768'),
  fc.tuple(digits(1, 25), digits(0, 25)).map(([w, f]) => `${w}.${f}`),
  fc.tuple(digits(1, 3), fc.integer({ min: -5, max: 5 })).map(([w, e]) => `${w}e${e}`),
);

const numType = fc.constantFrom('int2', 'int4', 'int8', 'numeric', 'integer', 'bigint', 'smallint', 'decimal', 'text', 'float8', 'numeric(5,2)');

function numExpr(depth: number): fc.Arbitrary<string> {
  if (depth <= 0) return fc.oneof(number, fc.constant('NULL'));
  return fc.oneof(
    { weight: 3, arbitrary: number },
    { weight: 1, arbitrary: fc.tuple(numExpr(depth - 1), numType).map(([e, t]) => `(${e})::${t}`) },
    { weight: 1, arbitrary: fc.tuple(number, numType).map(([e, t]) => `'${e}'::${t}`) },
    { weight: 2, arbitrary: fc.tuple(numExpr(depth - 1), fc.constantFrom('+', '-', '*', '/', '%'), numExpr(depth - 1)).map(([a, op, b]) => `(${a} ${op} ${b})`) },
  );
}

const textExpr = fc.oneof(
  fc.constantFrom("'a'", "'A'", "'b'", "''", "' a'", "'a'::text", "'a'::varchar", 'NULL::text', "'1'", "' 1'"),
  boolText,
);

function boolExpr(depth: number): fc.Arbitrary<string> {
  const leaf = fc.oneof(
    boolText.map((s) => `${s}::boolean`),
    fc.constantFrom('true', 'false', 'NULL', 'NULL::boolean', 'TRUE', 'FALSE'),
    fc.tuple(numExpr(1), fc.constantFrom('=', '<>', '!=', '<', '<=', '>', '>='), numExpr(1)).map(([a, op, b]) => `${a} ${op} ${b}`),
    fc.tuple(textExpr, fc.constantFrom('=', '<>', '<'), textExpr).map(([a, op, b]) => `${a} ${op} ${b}`),
    fc.tuple(numExpr(1), fc.boolean(), fc.array(numExpr(1), { minLength: 1, maxLength: 4 })).map(([a, not, xs]) => `${a} ${not ? 'NOT ' : ''}IN (${xs.join(', ')})`),
    fc.tuple(numExpr(1), fc.boolean(), numExpr(0), numExpr(0)).map(([a, not, lo, hi]) => `${a} ${not ? 'NOT ' : ''}BETWEEN ${lo} AND ${hi}`),
    fc.tuple(numExpr(1), fc.constantFrom('IS NULL', 'IS NOT NULL')).map(([a, t]) => `(${a}) ${t}`),
    fc.tuple(numExpr(1), fc.constantFrom('IS DISTINCT FROM', 'IS NOT DISTINCT FROM'), numExpr(1)).map(([a, op, b]) => `${a} ${op} ${b}`),
    fc.tuple(fc.integer({ min: -2, max: 2 }), fc.constantFrom('', '::int4', '::int8')).map(([n, t]) => `(${n})${t}::boolean`),
    textExpr,
  );
  if (depth <= 0) return leaf;
  return fc.oneof(
    { weight: 3, arbitrary: leaf },
    { weight: 1, arbitrary: fc.tuple(boolExpr(depth - 1), fc.constantFrom('AND', 'OR'), boolExpr(depth - 1)).map(([a, op, b]) => `(${a}) ${op} (${b})`) },
    { weight: 1, arbitrary: boolExpr(depth - 1).map((a) => `NOT (${a})`) },
    { weight: 1, arbitrary: fc.tuple(boolExpr(depth - 1), fc.constantFrom('IS TRUE', 'IS NOT TRUE', 'IS FALSE', 'IS NOT FALSE', 'IS UNKNOWN', 'IS NOT UNKNOWN')).map(([a, t]) => `(${a}) ${t}`) },
    { weight: 1, arbitrary: fc.tuple(boolExpr(depth - 1), fc.constantFrom('=', '<>'), boolExpr(depth - 1)).map(([a, op, b]) => `(${a}) ${op} (${b})`) },
  );
}

/** The analyzer's value for `(<expr>)::boolean`: true, false, null, or undefined for "unknown". */
function analyzerValue(expr: string): boolean | null | undefined {
  let stmt: PgNode | undefined;
  try {
    stmt = parseSync(`SELECT (${expr})::boolean`).stmts?.[0]?.stmt;
  } catch {
    return undefined;
  }
  const select = nodeAs(stmt, 'SelectStmt');
  const v = asBool(evaluate(nodeAs(select?.targetList?.[0], 'ResTarget')?.val));
  return v === undefined ? undefined : v.t === 'null' ? null : v.t === 'bool' ? v.v : undefined;
}

describe('condition analysis against PostgreSQL (differential)', function () {
  this.timeout(120_000);
  let client: Client;

  before(async () => {
    await loadParser();
    const pg = await acquirePostgres();
    client = await pg.connect();
  });
  after(async () => {
    await client?.end();
    await releasePostgres();
  });

  it('gives the value PostgreSQL gives, or says unknown, for generated constant expressions', async () => {
    const fixed = ['9007199254740993 = 9007199254740992', "'yes'::boolean", '3 IN (3, 4)', '2 * 2 = 4', "'of'::boolean", "' On '::boolean", '1.0 = 1', "'1.50'::numeric::text = '1.50'"];
    const exprs = [...fixed, ...fc.sample(boolExpr(2), { seed: 20261201, numRuns: 600 })];
    let known = 0;
    for (const expr of exprs) {
      const mine = analyzerValue(expr);
      if (mine === undefined) continue;
      known++;
      let theirs: boolean | null;
      try {
        theirs = (await client.query<{ v: boolean | null }>(`SELECT (${expr})::boolean AS v`)).rows[0].v;
      } catch (error) {
        assert.fail(`the analyzer says ${mine} for ${expr}; PostgreSQL raises: ${(error as Error).message}`);
      }
      assert.equal(mine, theirs, `for ${expr}`);
    }
    // The generator must exercise the evaluator, not only its "unknown".
    assert.ok(known > exprs.length / 3, `only ${known} of ${exprs.length} expressions had a value`);
  });

  it('ships the catalog\'s own list of volatile functions', async () => {
    const { rows } = await client.query<{ proname: string }>(VOLATILE_QUERY);
    assert.deepEqual(volatileNames, rows.map((r) => r.proname), 'run scripts/dump-volatile-functions.ts');
  });
});
