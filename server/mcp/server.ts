/**
 * `safe-sql mcp`: the guard as an MCP server. Three tools, each going through the same analysis and
 * engine as a person's run: `check_sql`, `preview_sql` (always rolls back) and `run_sql` (commits
 * only on a person's decision, asked through elicitation). Every run is audited with the client's name.
 */
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { Analyzer } from '../analysis/analyze';
import { grade } from '../analysis/grade';
import { defaultAuditPath, runGuarded } from '../engine';
import { ConfirmSummary, Decision, RunRequest } from '../engine/types';
import { findingsData } from './findings';
import { runData } from './bounded';
import { confirmForm, decisionOf, decisionWithoutPerson } from './elicit';
import { McpOptions } from './options';

const SQL = { sql: z.string().describe('The SQL to check or run: one or more statements.') };

export function createMcpServer(options: McpOptions, version: string): McpServer {
  const server = new McpServer({ name: 'safe-sql', version });
  const clientName = () => (server.server.getClientVersion()?.name ?? 'unknown').replace(/[^\w.@ -]/g, '?').slice(0, 64);
  const canAsk = () => server.server.getClientCapabilities()?.elicitation !== undefined;

  const run = async (tool: 'preview_sql' | 'run_sql', sql: string) => {
    const request: RunRequest = {
      text: sql,
      environment: options.env,
      connection: options.url !== undefined ? { kind: 'url', url: options.url } : { kind: 'env' },
      client: `mcp:${clientName()}`,
      tool,
      auditLogPath: options.auditLog ?? defaultAuditPath(),
    };
    if (options.maxAffectedRows !== undefined) request.maxAffectedRows = options.maxAffectedRows;
    const confirm = async (summary: ConfirmSummary): Promise<Decision> => {
      if (tool === 'preview_sql') return { commit: false, reason: 'a preview always rolls back' };
      if (!canAsk()) return decisionWithoutPerson(summary, options.env);
      const answer = await server.server.elicitInput(confirmForm(summary));
      return decisionOf(answer, summary);
    };
    const result = await runGuarded(request, { confirm });
    const data = { ...runData(result, true), environment: options.env };
    return { content: [{ type: 'text' as const, text: JSON.stringify(data) }], structuredContent: data, isError: result.outcome === 'failed' };
  };

  server.registerTool(
    'check_sql',
    {
      title: 'Check SQL',
      description: `Analyses SQL as PostgreSQL's own parser reads it and returns the findings, graded for this ${options.env} database. Errors mean run_sql will refuse it.`,
      inputSchema: SQL,
      annotations: { readOnlyHint: true },
    },
    ({ sql }) => {
      const analysis = new Analyzer().analyze(sql);
      const data = { environment: options.env, findings: findingsData(sql, grade(analysis.findings, options.env)) };
      return { content: [{ type: 'text' as const, text: JSON.stringify(data) }], structuredContent: data };
    },
  );
  server.registerTool(
    'preview_sql',
    {
      title: 'Preview SQL',
      description: 'Runs the SQL in one transaction and always rolls it back: the real row count of every statement and bounded sample rows. SQL with error findings is refused on production and not run.',
      inputSchema: SQL,
      annotations: { readOnlyHint: true },
    },
    ({ sql }) => run('preview_sql', sql),
  );
  server.registerTool(
    'run_sql',
    {
      title: 'Run SQL guarded',
      description: 'Runs the SQL in one transaction and shows a person the real row counts; it commits only when that person confirms (through the client). Without a client that can ask, nothing is committed on production.',
      inputSchema: SQL,
      annotations: { destructiveHint: true },
    },
    ({ sql }) => run('run_sql', sql),
  );
  return server;
}
