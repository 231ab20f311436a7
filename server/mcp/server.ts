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

/** A tool's answer: the data as JSON text for any client, and as structured content. */
function reply(data: Record<string, unknown>, isError = false) {
  return { content: [{ type: 'text' as const, text: JSON.stringify(data) }], structuredContent: data, isError };
}

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
    return reply({ ...runData(result, true), environment: options.env }, result.outcome === 'failed');
  };
  const runTool = (name: 'preview_sql' | 'run_sql', title: string, description: string, annotations: { readOnlyHint?: boolean; destructiveHint?: boolean }) =>
    server.registerTool(name, { title, description, inputSchema: SQL, annotations }, ({ sql }) => run(name, sql));

  server.registerTool(
    'check_sql',
    {
      title: 'Check SQL',
      description: `Analyses SQL as PostgreSQL's own parser reads it and returns the findings, graded for this ${options.env} database. Errors mean run_sql will refuse it.`,
      inputSchema: SQL,
      annotations: { readOnlyHint: true },
    },
    ({ sql }) => reply({ environment: options.env, findings: findingsData(sql, grade(new Analyzer().analyze(sql).findings, options.env)) }),
  );
  runTool(
    'preview_sql',
    'Preview SQL',
    'Runs the SQL in one transaction and always rolls it back: the real row count of every statement and bounded sample rows. SQL with error findings is refused on production and not run.',
    { readOnlyHint: true },
  );
  runTool(
    'run_sql',
    'Run SQL guarded',
    'Runs the SQL in one transaction and shows a person the real row counts; it commits only when that person confirms (through the client). Without a client that can ask, nothing is committed on production.',
    { destructiveHint: true },
  );
  return server;
}
