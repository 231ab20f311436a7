/**
 * Guarded runs requested by the editor: the server takes the exact text of the document version
 * the user saw, runs it through the engine, and asks the client to confirm while the transaction
 * is open. One run at a time per document.
 */
import { Analyzer } from '../../analysis/analyze';
import { splitStatements } from '../../analysis/split';
import { resolveBinding } from '../../config/settings';
import { RunRequest } from '../../engine';
import { plainMessage } from '../../engine/internalError';
import {
  CancelRunNotification,
  CountStatementsRequest,
  ListUndoableRunsRequest,
  RunGuardedParams,
  RunGuardedRequest,
  RunGuardedResult,
  UndoRunParams,
  UndoRunRequest,
  UndoRunResult,
} from '../../../shared/protocol';
import { ServerContext } from '../context';
import { describeError, guard } from '../guard';
import { executeGuarded } from './execute';
import { connectionLimits, runOptions } from './runOptions';
import { pickRunText } from './runText';
import { listUndoable, runUndo } from './undoRuns';
import { noConnection, refusal } from './views';

export function register(ctx: ServerContext): void {
  // A client that goes away mid-run: its confirm request fails and the engine rolls back (the server's idle timeout too).
  new GuardedRuns(ctx).register();
}

interface ActiveRun {
  runId: string;
  abort: AbortController;
}

export class GuardedRuns {
  /** Document URI → its run under way. */
  private readonly active = new Map<string, ActiveRun>();
  /** For statement spans and the connection directive of the document (not for deciding safety: the engine re-analyses). */
  private readonly analyzer = new Analyzer();

  constructor(private readonly deps: ServerContext) {}

  register(): void {
    const { connection, log } = this.deps;
    connection.onRequest(RunGuardedRequest.type, (params) => this.run(params).catch((error: unknown) => {
      log(`Safe SQL: guarded run failed: ${describeError(error)}`);
      return refusal(typeof params?.runId === 'string' ? params.runId : '', `the run failed (${plainMessage(error)}); nothing was committed`);
    }));
    connection.onRequest(UndoRunRequest.type, (params) => this.undo(params).catch((error: unknown) => {
      log(`Safe SQL: undo failed: ${describeError(error)}`);
      return refusal(typeof params?.runId === 'string' ? params.runId : '', `the undo failed (${plainMessage(error)}); nothing was committed`);
    }));
    connection.onRequest(ListUndoableRunsRequest.type, (params) => listUndoable(this.deps, params));
    connection.onNotification(CancelRunNotification.type, guard(log, 'cancelRun', undefined, (p) => this.cancel(p?.runId)));
    connection.onRequest(CountStatementsRequest.type, guard(log, 'countStatements', null, (p) => {
      const document = p && typeof p.uri === 'string' ? this.deps.documents.get(p.uri) : undefined;
      if (!document || document.version !== p.version) return null;
      return { statements: splitStatements(document.getText()).statements.length };
    }));
  }

  cancel(runId: unknown): void {
    for (const run of this.active.values()) if (run.runId === runId) run.abort.abort();
  }

  async run(params: RunGuardedParams): Promise<RunGuardedResult> {
    if (!params || typeof params.runId !== 'string' || typeof params.uri !== 'string' || typeof params.version !== 'number') {
      return refusal(typeof params?.runId === 'string' ? params.runId : '', 'the run request is malformed (expected runId, uri, version and scope)');
    }
    return this.exclusive(params.runId, params.uri, (signal) => this.runOnce(params, signal));
  }

  /** Undo a Run…: the undo runs on the document's connection, one run at a time per document like any other. */
  async undo(params: UndoRunParams): Promise<UndoRunResult> {
    if (!params || typeof params.runId !== 'string' || typeof params.uri !== 'string' || typeof params.undoId !== 'string') {
      return refusal(typeof params?.runId === 'string' ? params.runId : '', 'the undo request is malformed (expected runId, uri and undoId)');
    }
    return this.exclusive(params.runId, params.uri, (signal) => runUndo(this.deps, params, signal));
  }

  private async exclusive<T extends RunGuardedResult>(runId: string, uri: string, fn: (signal: AbortSignal) => Promise<T>): Promise<T | RunGuardedResult> {
    if (this.active.has(uri)) return refusal(runId, 'a guarded run is already under way in this document; confirm, roll back or cancel it first');
    const run: ActiveRun = { runId, abort: new AbortController() };
    this.active.set(uri, run);
    try {
      return await fn(run.abort.signal);
    } finally {
      this.active.delete(uri);
    }
  }

  private async runOnce(params: RunGuardedParams, signal: AbortSignal): Promise<RunGuardedResult> {
    const { documents, credentials } = this.deps;
    const { runId, uri } = params;
    await this.deps.parserReady;
    const settings = await this.deps.settings.fresh(uri);
    const options = runOptions(settings, typeof params.defaultAuditLogPath === 'string' ? params.defaultAuditLogPath : undefined);
    const document = documents.get(uri);
    if (!document) return refusal(runId, 'the document is not open in the editor');
    // Checked after every wait above, so the text taken below is the version the user saw.
    if (document.version !== params.version) return refusal(runId, 'the document changed since the command was given; run again');

    // The analysis of the exact version the user saw, when validation has it; else made here.
    const known = await this.deps.state.current(uri, params.version);
    const text = document.getText();
    const analysis = known && known.version === params.version && known.text === text ? known.analysis : this.analyzer.analyze(text);
    const binding = resolveBinding(settings, this.deps.workspace.globPath(uri), analysis.connectionDirective);
    const profile = binding.connection;
    if (!profile) return refusal(runId, noConnection(binding), binding.environment);
    const picked = pickRunText(document, analysis.statements, params);
    if (!picked.ok) return refusal(runId, picked.reason, binding.environment, profile.name);
    const limits = connectionLimits(profile, options);
    if (!limits.ok) return refusal(runId, limits.reason, binding.environment, profile.name);

    const request: RunRequest = {
      text: picked.text,
      // The engine reuses it only when the text it would send is exactly the text analysed.
      analysed: { text, analysis },
      environment: binding.environment,
      connection: { kind: 'profile', profile },
      client: typeof params.agentTool === 'string' ? 'vscode-lm' : 'vscode',
      ...(typeof params.agentTool === 'string' ? { tool: params.agentTool.slice(0, 64) } : {}),
      runId,
      auditLogPath: options.auditLogPath,
      undo: options.undo,
      ...limits.fields,
    };
    return executeGuarded(this.deps, { runId, connection: profile.name, environment: binding.environment }, request, signal, () => credentials.password(profile, true));
  }
}
