/**
 * The non-transactional list checked against PostgreSQL itself: every listed form whose set-up is
 * cheap is run inside BEGIN and must fail with "cannot run inside a transaction block", and the
 * analysis must flag it; forms the analysis passes must run inside BEGIN.
 */
import assert from 'node:assert/strict';
import { Client } from 'pg';
import { Analyzer } from '../../server/analysis/analyze';
import { loadParser } from '../../server/analysis/parser';
import { useDatabase } from '../support/database';

/** Refused by PostgreSQL inside a transaction block. */
const REFUSED = [
  'CREATE INDEX CONCURRENTLY nt_v_idx ON nt (v)',
  'DROP INDEX CONCURRENTLY nt_id_idx',
  'REINDEX (CONCURRENTLY) TABLE nt',
  'REINDEX TABLE CONCURRENTLY nt',
  'REINDEX SCHEMA public',
  'REINDEX SYSTEM',
  'REINDEX DATABASE',
  'VACUUM',
  'VACUUM nt',
  'VACUUM (FULL, ANALYZE) nt',
  'CLUSTER',
  'CREATE DATABASE nt_never',
  'DROP DATABASE IF EXISTS nt_never',
  'ALTER DATABASE nt_never SET TABLESPACE pg_default',
  "CREATE TABLESPACE nt_space LOCATION '/nonexistent'",
  'DROP TABLESPACE IF EXISTS nt_space',
  "ALTER SYSTEM SET work_mem = '4MB'",
  'ALTER SYSTEM RESET ALL',
  'DISCARD ALL',
  'ALTER TABLE ntp DETACH PARTITION ntp1 CONCURRENTLY',
  "CREATE SUBSCRIPTION nt_sub CONNECTION 'dbname=none' PUBLICATION p",
];

/** Allowed inside a transaction block, and not flagged. */
const ALLOWED = [
  'CREATE INDEX nt_w_idx ON nt (v)',
  'REINDEX TABLE nt',
  'ANALYZE nt',
  'CLUSTER nt USING nt_id_idx',
  'DISCARD PLANS',
  'ALTER TABLE ntp DETACH PARTITION ntp1',
  "CREATE SUBSCRIPTION nt_sub CONNECTION 'dbname=none' PUBLICATION p WITH (connect = false)",
];

describe('non-transactional list against PostgreSQL', function () {
  this.timeout(60_000);
  const fixture = useDatabase('nontx');
  const analyzer = new Analyzer();
  const flagged = (sql: string) => analyzer.analyze(`${sql};`, { environment: 'production' }).findings.some((f) => f.rule === 'non-transactional');

  let client: Client;
  before(async () => {
    await loadParser();
    client = fixture.admin;
    await client.query('CREATE TABLE nt (id int, v int); CREATE INDEX nt_id_idx ON nt (id); CREATE TABLE ntp (a int) PARTITION BY LIST (a); CREATE TABLE ntp1 PARTITION OF ntp FOR VALUES IN (1)');
  });

  for (const sql of REFUSED) {
    it(`refused in a transaction and flagged: ${sql}`, async () => {
      assert.ok(flagged(sql), 'the analysis does not flag it');
      await client.query('BEGIN');
      try {
        await assert.rejects(client.query(sql), /cannot run inside a transaction block|cannot be executed from a function/);
      } finally {
        await client.query('ROLLBACK');
      }
    });
  }

  for (const sql of ALLOWED) {
    it(`runs in a transaction and is not flagged: ${sql}`, async () => {
      assert.ok(!flagged(sql), 'the analysis flags it');
      await client.query('BEGIN');
      try {
        await client.query(sql);
      } finally {
        await client.query('ROLLBACK');
      }
    });
  }
});
