/**
 * Safe SQL: Undo a Run… on the server: the runs that can be undone on the document's connection
 * (from the audit log), and the undo of one of them, prepared by the engine and run as a guarded
 * run of its own through the same confirmation as any run. Rows changed since the run are
 * conflicts: they are returned by key and nothing is changed.
 */
import { Analyzer } from '../../analysis/analyze';
import { ConnectionProfile, resolveBinding } from '../../config/settings';
import { ConnectionTarget } from '../../engine';
import { plainMessage } from '../../engine/internalError';
import { listUndoableRuns } from '../../engine/undo/history';
import { prepareUndo, PreparedUndo } from '../../engine/undo/prepare';
import { ListUndoableRunsParams, ListUndoableRunsResult, RunEnvironment, RunOutcome, UndoRunParams, UndoRunResult } from '../../../shared/protocol';
import { ServerContext } from '../context';
import { executeGuarded } from './execute';
import { connectionLimits, runOptions, RunOptions } from './runOptions';
import { noConnection, refusal } from './views';

/** Only for the connection directive when validation has not analysed the document yet. */
const analyzer = new Analyzer();

type Bound = { ok: true; profile: ConnectionProfile; environment: RunEnvironment; options: RunOptions } | { ok: false; reason: string; environment: RunEnvironment };

/** The document's connection with the settings as they are now, as a guarded run of it would bind. */
async function bind(deps: ServerContext, uri: string, defaultAuditLogPath: unknown): Promise<Bound> {
  await deps.parserReady;
  const settings = await deps.settings.fresh(uri);
  const options = runOptions(settings, typeof defaultAuditLogPath === 'string' ? defaultAuditLogPath : undefined);
  const document = deps.documents.get(uri);
  if (!document) return { ok: false, reason: 'the document is not open in the editor', environment: 'production' };
  const known = await deps.state.current(uri, document.version);
  const text = document.getText();
  const analysis = known && known.text === text ? known.analysis : analyzer.analyze(text);
  const binding = resolveBinding(settings, deps.workspace.globPath(uri), analysis.connectionDirective);
  if (!binding.connection) return { ok: false, reason: noConnection(binding), environment: binding.environment };
  return { ok: true, profile: binding.connection, environment: binding.environment, options };
}

export async function listUndoable(deps: ServerContext, params: ListUndoableRunsParams): Promise<ListUndoableRunsResult> {
  if (!params || typeof params.uri !== 'string') return { environment: 'production', runs: [], reason: 'the request is malformed (expected uri)' };
  try {
    const bound = await bind(deps, params.uri, params.defaultAuditLogPath);
    if (!bound.ok) return { environment: bound.environment, runs: [], reason: bound.reason };
    const runs = await listUndoableRuns(bound.options.auditLogPath, bound.profile.name);
    return { connection: bound.profile.name, environment: bound.environment, runs: runs.map((r) => ({ id: r.id, ts: r.ts, user: r.user, firstStatement: r.firstStatement, statements: r.statements, totalRows: r.totalRows, undoRows: r.undoRows, partial: r.partial, reason: r.reason })) };
  } catch (error) {
    return { environment: 'production', runs: [], reason: plainMessage(error) };
  }
}

const OUTCOME: Record<Exclude<PreparedUndo, { ok: true }>['kind'], RunOutcome> = { refused: 'refused', nothing: 'refused', failed: 'failed', conflicts: 'rolled-back' };

export async function runUndo(deps: ServerContext, params: UndoRunParams, signal: AbortSignal): Promise<UndoRunResult> {
  const { runId } = params;
  const bound = await bind(deps, params.uri, params.defaultAuditLogPath);
  if (!bound.ok) return refusal(runId, bound.reason, bound.environment);
  const { profile, environment, options } = bound;
  const limits = connectionLimits(profile, options);
  if (!limits.ok) return refusal(runId, limits.reason, environment, profile.name);
  let password: string | undefined;
  try {
    // Asked before the conflicts are looked for: that already connects.
    password = await deps.credentials.password(profile, true);
  } catch {
    return refusal(runId, 'the password could not be read from the editor\'s secret storage', environment, profile.name);
  }
  const target: ConnectionTarget = { kind: 'profile', profile, ...(password === undefined ? {} : { password }) };
  const prepared = await prepareUndo({
    target,
    auditLog: options.auditLogPath,
    run: { id: params.undoId },
    sameConnection: true,
    base: { environment, client: 'vscode', runId, ...limits.fields },
  });
  const partial = prepared.partial === undefined ? {} : { partial: prepared.partial };
  if (!prepared.ok) {
    return { ...refusal(runId, prepared.reason, environment, profile.name), outcome: OUTCOME[prepared.kind], ...(prepared.conflicts ? { conflicts: prepared.conflicts } : {}), ...partial };
  }
  // The target carries the password already: the run asks for none.
  const result = await executeGuarded(deps, { runId, connection: profile.name, environment }, prepared.request, signal);
  return { ...result, ...partial };
}
