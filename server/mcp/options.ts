/** The options of `safe-sql mcp` (a contract: see README "Agents"). */
import { Environment } from '../analysis/types';
import { readArgv } from '../cli/argv';
import { isEnvironment } from '../config/settings';

export interface McpOptions {
  /** Connection URL; else the PG* environment variables. */
  url?: string;
  /** The database's environment. Unknown means production. */
  env: Environment;
  auditLog?: string;
  /** Above this many rows a commit needs the count typed. Default 1,000 on production. */
  maxAffectedRows?: number;
  help: boolean;
}

export const MCP_USAGE = `Usage: safe-sql mcp --stdio [--url URL] [--env production|staging|development]
                    [--audit-log PATH] [--max-affected-rows N]

Serves the Model Context Protocol on stdin/stdout with three tools: check_sql (the analysis),
preview_sql (runs the SQL in a transaction and always rolls back) and run_sql (the same run; a
commit needs a person's decision, asked through MCP elicitation). Connection: --url, else the PG*
environment variables. --env defaults to production.
`;

const VALUED = new Set(['--url', '--env', '--audit-log', '--max-affected-rows']);

export function parseMcpArgs(args: string[]): { ok: true; options: McpOptions } | { ok: false; error: string } {
  const o: McpOptions = { env: 'production', help: false };
  let stdio = false;
  const read = readArgv(args, VALUED);
  if (!read.ok) return read;
  for (const a of read.args) {
    if (a.kind === 'positional') return { ok: false, error: `unexpected argument "${a.value}"` };
    const { name, value } = a;
    if (name === '--help' || name === '-h') o.help = true;
    else if (name === '--stdio') stdio = true;
    else if (!VALUED.has(name) || value === undefined) return { ok: false, error: `unknown option ${name}` };
    else if (name === '--url') o.url = value;
    else if (name === '--audit-log') {
      // The trail cannot be switched off: an empty path is a mistake, not "no audit".
      if (!value.trim()) return { ok: false, error: '--audit-log needs a file path' };
      o.auditLog = value;
    } else if (name === '--env') {
      if (!isEnvironment(value)) return { ok: false, error: `--env must be production, staging or development, not "${value}"` };
      o.env = value;
    } else {
      if (!/^\d+$/.test(value)) return { ok: false, error: `--max-affected-rows takes a whole number, not "${value}"` };
      o.maxAffectedRows = Number(value);
    }
  }
  if (!stdio && !o.help) return { ok: false, error: 'only --stdio is supported' };
  return { ok: true, options: o };
}
