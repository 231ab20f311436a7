/**
 * The analysis of SQL that is in no document, for language-model tools: graded for the environment
 * of the connection it names or of the document it belongs to (the stricter one wins).
 */
import { Analyzer } from '../analysis/analyze';
import { grade } from '../analysis/grade';
import { LineIndex } from '../analysis/lines';
import { resolveBinding } from '../config/settings';
import { CheckSqlParams, CheckSqlRequest, CheckSqlResult } from '../../shared/protocol';
import { ServerContext } from './context';
import { SettingsStore } from './settings';
import { WorkspaceFolders } from './workspace';

export function register(ctx: ServerContext): void {
  ctx.connection.onRequest(CheckSqlRequest.type, async (params) => {
    await ctx.parserReady;
    return checkSql(params, ctx.settings, ctx.workspace);
  });
}

/** The settings scope when no document is named: the workspace's. */
const NO_DOCUMENT = 'untitled:safe-sql-agent';

export async function checkSql(params: CheckSqlParams, settings: SettingsStore, workspace: WorkspaceFolders): Promise<CheckSqlResult> {
  if (!params || typeof params.text !== 'string') throw new Error('checkSql expects { text, uri?, connection? }');
  const uri = typeof params.uri === 'string' ? params.uri : undefined;
  const named = typeof params.connection === 'string' && params.connection ? params.connection : undefined;
  const s = await settings.get(uri ?? NO_DOCUMENT);
  const analysis = new Analyzer().analyze(params.text);
  const binding = resolveBinding(s, uri ? workspace.globPath(uri) : undefined, analysis.connectionDirective, named ?? (uri ? s.selectedConnection : undefined));
  const lines = new LineIndex(params.text);
  const result: CheckSqlResult = {
    environment: binding.environment,
    sources: binding.sources,
    findings: grade(analysis.findings, binding.environment).map((f) => {
      const at = lines.position(f.span.start);
      return { rule: f.rule, severity: f.severity, message: f.message, line: at.line + 1, column: at.character + 1 };
    }),
  };
  if (binding.connection) result.connection = binding.connection.name;
  return result;
}
