/** `safe-sql mcp --stdio`: the MCP server on stdin/stdout (see server/mcp/server.ts). */
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { loadParser } from '../analysis/parser';
import { prepareAuditLog } from '../engine/audit';
import { defaultAuditPath } from '../engine';
import { createMcpServer } from '../mcp/server';
import { MCP_USAGE, parseMcpArgs } from '../mcp/options';

declare const SAFE_SQL_VERSION: string | undefined;

export async function mcpCommand(args: string[]): Promise<number> {
  const parsed = parseMcpArgs(args);
  if (!parsed.ok) {
    process.stderr.write(`safe-sql mcp: ${parsed.error}\n\n${MCP_USAGE}`);
    return 1;
  }
  if (parsed.options.help) {
    process.stdout.write(MCP_USAGE);
    return 0;
  }
  const auditLog = parsed.options.auditLog ?? defaultAuditPath();
  try {
    // Checked before serving: a run that could leave no record is never started.
    await prepareAuditLog(auditLog);
  } catch (error) {
    process.stderr.write(`safe-sql mcp: ${(error as Error).message}\n`);
    return 1;
  }
  await loadParser();
  const server = createMcpServer({ ...parsed.options, auditLog }, typeof SAFE_SQL_VERSION === 'string' ? SAFE_SQL_VERSION : 'dev');
  const closed = new Promise<void>((resolve) => {
    server.server.onclose = () => resolve();
  });
  await server.connect(new StdioServerTransport());
  // The client closing stdin ends the session.
  process.stdin.once('end', () => void server.close());
  await closed;
  return 0;
}
