/**
 * Language-model tools: `safe-sql_check` (the analysis, graded for a connection's environment) and
 * `safe-sql_run` (a guarded run whose commit a person decides in the same modal as their own runs).
 * Both go through the language server, so an agent meets exactly the guard a person does.
 */
import * as vscode from 'vscode';
import { CheckSqlParams, CheckSqlRequest } from '../../shared/protocol';
import { ClientHolder } from '../commands';
import { RunSession } from '../run/session';
import { checkSummary, runSummary } from './toolResult';

export const CHECK_TOOL = 'safe-sql_check';
export const RUN_TOOL = 'safe-sql_run';

interface ToolInput {
  sql: string;
  /** A document whose bound connection to use. */
  uri?: string;
  /** A connection by name from safeSql.connections. */
  connection?: string;
}

export function registerTools(context: vscode.ExtensionContext, holder: ClientHolder, session: RunSession): void {
  const check = async (input: ToolInput) => {
    const client = holder.client;
    if (!client || !client.isRunning()) throw new Error('the Safe SQL language server is not running');
    if (typeof input?.sql !== 'string') throw new Error('the input needs "sql"');
    const params: CheckSqlParams = { text: input.sql };
    if (typeof input.uri === 'string') params.uri = input.uri;
    if (typeof input.connection === 'string') params.connection = input.connection;
    return { client, result: await client.sendRequest(CheckSqlRequest.type, params) };
  };
  const text = (s: string) => new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart(s)]);

  context.subscriptions.push(
    vscode.lm.registerTool<ToolInput>(CHECK_TOOL, {
      async invoke(options) {
        return text(checkSummary((await check(options.input)).result));
      },
    }),
    vscode.lm.registerTool<ToolInput>(RUN_TOOL, {
      async prepareInvocation(options) {
        const { result } = await check(options.input);
        const where = `${result.connection ?? 'no connection'} (${result.environment.toUpperCase()})`;
        return {
          invocationMessage: `Running SQL guarded on ${where}`,
          confirmationMessages: {
            title: `Run SQL guarded on ${where}?`,
            message: new vscode.MarkdownString('It runs in one transaction. Nothing is committed before you see every statement\'s real row count and confirm in Safe SQL\'s dialog.'),
          },
        };
      },
      async invoke(options) {
        const { client, result } = await check(options.input);
        const errors = result.findings.filter((f) => f.severity === 'error');
        if (errors.length > 0) return text(checkSummary(result).replace(/^[^\n]*/, 'Refused: nothing was run, the analysis found errors.'));
        if (!result.connection) return text(`Refused: nothing was run. No known connection is bound (${result.sources.join('; ')}); name one from safeSql.connections.`);
        // The name goes into a directive line: a name that could end that line would become SQL.
        if (/[\r\n\u2028\u2029]/.test(result.connection)) return text('Refused: nothing was run. The connection\'s name holds a line break; rename it in safeSql.connections.');
        // The run's own document: the exact text the confirmation shows, bound by a directive to the connection.
        const doc = await vscode.workspace.openTextDocument({ language: 'sql', content: `-- safe-sql: connection=${result.connection}\n${options.input.sql}` });
        const run = await session.run(client, { uri: doc.uri.toString(), version: doc.version, scope: 'file', agentTool: RUN_TOOL });
        return text(run ? runSummary(run) : 'Failed: the guarded run did not finish; if a transaction was open, the database rolls it back.');
      },
    }),
  );
}
