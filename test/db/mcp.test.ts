/**
 * `safe-sql mcp --stdio` end to end: the built CLI as an MCP server, driven by the MCP SDK's own
 * client over stdio, against a real PostgreSQL. A person's decision is the client's answer to the
 * elicitation request.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client as McpClient } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { ElicitRequestSchema, ElicitResult } from '@modelcontextprotocol/sdk/types.js';
import { CLI, cleanEnv } from '../support/cli';
import { useDatabase } from '../support/database';

type Answer = (message: string, schema: Record<string, unknown>) => ElicitResult;

describe('safe-sql mcp (MCP SDK client over stdio, real PostgreSQL)', function () {
  this.timeout(60_000);
  const fixture = useDatabase('mcp');
  let mcp: McpClient | undefined;
  const asked: string[] = [];
  const audit = () => join(fixture.dir, 'audit.jsonl');

  beforeEach(async () => {
    asked.length = 0;
    // The sequence counts every DELETE that reaches the table, rolled back or not: sequences ignore ROLLBACK.
    await fixture.admin.query(`DROP TABLE IF EXISTS t; DROP SEQUENCE IF EXISTS reached;
      CREATE SEQUENCE reached;
      CREATE TABLE t (id int PRIMARY KEY, v int NOT NULL DEFAULT 0); INSERT INTO t (id) SELECT g FROM generate_series(1, 10) g;
      CREATE OR REPLACE FUNCTION count_reach() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM nextval('reached'); RETURN NULL; END $$;
      CREATE TRIGGER reach BEFORE DELETE ON t FOR EACH STATEMENT EXECUTE FUNCTION count_reach();`);
  });
  afterEach(async () => {
    await mcp?.close();
    mcp = undefined;
  });

  async function connect(env: string, answer?: Answer, extra: string[] = []): Promise<McpClient> {
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [CLI, 'mcp', '--stdio', '--url', fixture.url, '--env', env, '--audit-log', audit(), ...extra],
      env: cleanEnv() as Record<string, string>,
      stderr: 'pipe',
    });
    const client = new McpClient({ name: 'test-agent', version: '1.0.0' }, { capabilities: answer ? { elicitation: { form: {} } } : {} });
    if (answer) {
      client.setRequestHandler(ElicitRequestSchema, (request) => {
        const params = request.params as { message: string; requestedSchema: Record<string, unknown> };
        asked.push(params.message);
        return answer(params.message, params.requestedSchema);
      });
    }
    await client.connect(transport);
    mcp = client;
    return client;
  }
  const call = async (client: McpClient, name: string, sql: string) => {
    const r = await client.callTool({ name, arguments: { sql } });
    return r.structuredContent as Record<string, unknown> & { statements: Array<Record<string, unknown>>; findings?: Array<Record<string, unknown>> };
  };
  const contents = async () => (await fixture.admin.query<{ h: string }>("SELECT md5(string_agg(t::text, ',' ORDER BY id)) AS h FROM t")).rows[0].h;
  const reached = async () => Number((await fixture.admin.query<{ n: string }>('SELECT last_value - 1 + is_called::int AS n FROM reached')).rows[0].n);
  const lastAudit = () => {
    const lines = readFileSync(audit(), 'utf8').trim().split('\n');
    return JSON.parse(lines[lines.length - 1]) as Record<string, unknown>;
  };

  it('lists its three tools', async () => {
    const client = await connect('production');
    const tools = (await client.listTools()).tools.map((t) => t.name).sort();
    assert.deepEqual(tools, ['check_sql', 'preview_sql', 'run_sql']);
  });

  it('check_sql blocks a WHERE-less DELETE on production', async () => {
    const client = await connect('production');
    const r = await call(client, 'check_sql', 'SELECT 1;\nDELETE FROM t;');
    assert.deepEqual(r.findings?.map((f) => [f.rule, f.severity, f.line, f.column]), [['missing-where', 'error', 2, 1]]);
  });

  it('preview_sql returns the real counts and rows, and leaves the data unchanged byte for byte', async () => {
    const before = await contents();
    const client = await connect('production');
    const r = await call(client, 'preview_sql', 'UPDATE t SET v = 9 WHERE id <= 4;\nSELECT id, v FROM t WHERE id <= 2 ORDER BY id;');
    assert.equal(r.outcome, 'rolled-back');
    assert.deepEqual(r.statements.map((s) => [s.command, s.rows]), [['UPDATE', 4], ['SELECT', 2]]);
    assert.deepEqual(r.statements[1].sample, [['1', '9'], ['2', '9']]);
    assert.equal(await contents(), before);
    assert.equal(lastAudit().client, 'mcp:test-agent');
    assert.equal(lastAudit().tool, 'preview_sql');
  });

  it('run_sql commits when the person accepts, after seeing every statement with its real count', async () => {
    const client = await connect('production', () => ({ action: 'accept', content: { commit: true } }));
    const r = await call(client, 'run_sql', 'UPDATE t SET v = 1 WHERE id IN (1, 2);');
    assert.equal(r.outcome, 'committed', String(r.reason));
    assert.equal(asked.length, 1);
    assert.match(asked[0], /PRODUCTION/);
    assert.match(asked[0], /UPDATE\s+2 rows/);
    assert.equal((await fixture.admin.query('SELECT count(*)::int AS n FROM t WHERE v = 1')).rows[0].n, 2);
    assert.equal(lastAudit().outcome, 'committed');
    assert.equal(lastAudit().tool, 'run_sql');
  });

  it('run_sql rolls back when the person declines', async () => {
    const before = await contents();
    const client = await connect('production', () => ({ action: 'decline' }));
    const r = await call(client, 'run_sql', 'UPDATE t SET v = 1 WHERE id IN (1, 2);');
    assert.equal(r.outcome, 'rolled-back');
    assert.match(String(r.reason), /declined/);
    assert.equal(await contents(), before);
  });

  it('run_sql rolls back when the typed count is wrong', async () => {
    const before = await contents();
    const client = await connect('production', (_m, schema) => {
      assert.ok((schema.properties as Record<string, unknown>).typed, 'a typed count is asked for above the limit');
      return { action: 'accept', content: { typed: '2' } };
    }, ['--max-affected-rows', '1']);
    const r = await call(client, 'run_sql', 'UPDATE t SET v = 1 WHERE id IN (1, 2, 3);');
    assert.equal(r.outcome, 'rolled-back');
    assert.equal(await contents(), before);
  });

  it('run_sql never commits on production when the client cannot ask a person', async () => {
    const before = await contents();
    const client = await connect('production');
    const r = await call(client, 'run_sql', 'UPDATE t SET v = 1 WHERE id = 1;');
    assert.equal(r.outcome, 'rolled-back');
    assert.match(String(r.reason), /a person must decide/);
    assert.deepEqual(r.statements.map((s) => [s.command, s.rows]), [['UPDATE', 1]]);
    assert.equal(await contents(), before);
  });

  it('a refused statement never reaches the database', async () => {
    const client = await connect('production', () => ({ action: 'accept', content: { commit: true } }));
    const r = await call(client, 'run_sql', 'DELETE FROM t;');
    assert.equal(r.outcome, 'refused');
    const p = await call(client, 'preview_sql', 'DELETE FROM t WHERE 1 = 1;');
    assert.equal(p.outcome, 'refused');
    assert.equal(asked.length, 0);
    assert.equal(await reached(), 0);
    // The probe works: a DELETE that does reach the table moves it, even rolled back.
    await call(client, 'preview_sql', 'DELETE FROM t WHERE id = 1;');
    assert.equal(await reached(), 1);
  });
});
