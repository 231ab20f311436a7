/**
 * PostgreSQL is the oracle for always-true-where: every spec case the rule flags, run in a
 * transaction that rolls back on tables whose rows have no NULLs, changes every row of its target,
 * as PostgreSQL's own counters (pg_stat_xact_user_tables) say. A case that ran and changed fewer
 * rows would be a finding that is not true. The cases PostgreSQL itself rejects are named
 * (`REJECTED`): they cannot run at all, and any other rejection fails, so no case passes unrun. MERGE … NOT MATCHED BY SOURCE is left
 * out: it changes the rows the source does not match, which depends on the source.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { useDatabase } from '../support/database';

const SPEC = join(__dirname, '..', 'spec', 'always-true-where');
/** Flagged, and refused by PostgreSQL too: `id = id` with two relations that both have an id. */
const REJECTED = new Set(['update-from-self-compare.sql']);
const TABLES = `
CREATE TABLE invoices (id int PRIMARY KEY, ref text NOT NULL, amount numeric NOT NULL, paid bool NOT NULL, paid_at timestamptz NOT NULL, status text NOT NULL);
INSERT INTO invoices SELECT g, 'r' || g, g * 2.5, g % 2 = 0, now(), CASE WHEN g % 2 = 0 THEN 'open' ELSE 'paid' END FROM generate_series(1, 6) g;
CREATE TABLE t (id int PRIMARY KEY, a int NOT NULL, v int NOT NULL, parent_id int NOT NULL, created_at timestamptz NOT NULL);
INSERT INTO t SELECT g, g, g, g - 1, now() FROM generate_series(1, 6) g;
CREATE TABLE s (id int, a int);
INSERT INTO s VALUES (1, 1);
CREATE TABLE users (id int PRIMARY KEY, emailed bool NOT NULL);
INSERT INTO users SELECT g, true FROM generate_series(1, 6) g;`;

const cases = readdirSync(SPEC)
  .filter((f) => f.endsWith('.sql'))
  .map((f) => ({ file: f, text: readFileSync(join(SPEC, f), 'utf8') }))
  .filter((c) => /^-- expect: always-true-where@/m.test(c.text) && !/BY SOURCE/i.test(c.text))
  .map((c) => ({ ...c, target: /(?:DELETE\s+FROM|UPDATE|MERGE\s+INTO)\s+(?:public\.)?(\w+)/i.exec(c.text)?.[1]?.toLowerCase() }));

describe('always-true-where against PostgreSQL: a flagged condition changes every row', function () {
  this.timeout(60_000);
  const fixture = useDatabase('tautology', { beforeEach: `DROP TABLE IF EXISTS invoices, t, s, users; ${TABLES}` });

  it('has cases to run', () => assert.ok(cases.length >= 40, `${cases.length} cases`));

  for (const c of cases) {
    it(c.file, async () => {
      const db = fixture.admin;
      assert.ok(c.target, 'the case names its target table');
      const total = Number((await db.query<{ n: string }>(`SELECT count(*) AS n FROM ${c.target}`)).rows[0].n);
      await db.query('BEGIN');
      try {
        const rejected = await db.query(c.text).then(() => undefined, (e: { code?: string }) => e);
        if (REJECTED.has(c.file)) return assert.equal(rejected?.code, '42702', 'PostgreSQL refuses the ambiguous column');
        if (rejected) throw rejected;
        const r = await db.query<{ n: string }>('SELECT n_tup_upd + n_tup_del AS n FROM pg_stat_xact_user_tables WHERE relname = $1', [c.target]);
        assert.equal(Number(r.rows[0]?.n ?? 0), total, `${c.text.trim()} changed fewer than all ${total} rows`);
      } finally {
        await db.query('ROLLBACK');
      }
    });
  }
});
