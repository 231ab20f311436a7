/**
 * The client's half of guarded runs: sends the run request, answers the server's confirmation
 * request with the modal, mirrors the open transaction for the status bar, and reports the end.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/node';
import {
  CancelRunNotification, ConfirmRunRequest, RunGuardedParams, RunGuardedRequest, RunGuardedResult, RunStateNotification, UndoRunParams, UndoRunRequest, UndoRunResult,
} from '../../shared/protocol';
import { askToConfirm } from './confirmDialog';
import { reportOutcome } from './outcome';
import { ResultsView } from './resultsView';
import { OpenTransaction } from './transactionState';

export class RunSession implements vscode.Disposable {
  /** runId → the document it runs from. */
  private readonly active = new Map<string, { uri: string; client: LanguageClient }>();

  private readonly results = new ResultsView();

  constructor(
    private readonly globalStorage: vscode.Uri,
    private readonly transaction: OpenTransaction,
  ) {}

  dispose(): void {
    this.results.dispose();
  }

  /** Called for every new client (the server may be restarted). */
  attach(client: LanguageClient): void {
    client.onRequest(ConfirmRunRequest.type, (params, token) => askToConfirm(params, token));
    client.onNotification(RunStateNotification.type, (state) => {
      if (this.active.has(state.runId)) this.transaction.set(state);
    });
  }

  isRunning(uri: string): boolean {
    return [...this.active.values()].some((r) => r.uri === uri);
  }

  /** The audit log when `safeSql.auditLogPath` is empty: the server uses it for runs and for the runs it lists to undo. */
  get defaultAuditLogPath(): string {
    return join(this.globalStorage.fsPath, 'audit.jsonl');
  }

  run(client: LanguageClient, params: Omit<RunGuardedParams, 'runId' | 'defaultAuditLogPath'>): Promise<RunGuardedResult | undefined> {
    return this.track(client, params.uri, (runId) => client.sendRequest(RunGuardedRequest.type, { ...params, runId, defaultAuditLogPath: this.defaultAuditLogPath }));
  }

  /** Undo a Run…: the undo of `undoId` on the document's connection, a guarded run like any other. */
  undo(client: LanguageClient, params: Omit<UndoRunParams, 'runId' | 'defaultAuditLogPath'>): Promise<UndoRunResult | undefined> {
    return this.track(client, params.uri, (runId) => client.sendRequest(UndoRunRequest.type, { ...params, runId, defaultAuditLogPath: this.defaultAuditLogPath }));
  }

  private async track<T extends RunGuardedResult>(client: LanguageClient, uri: string, send: (runId: string) => Promise<T>): Promise<T | undefined> {
    const runId = randomUUID();
    this.active.set(runId, { uri, client });
    try {
      const result = await send(runId);
      reportOutcome(result);
      this.results.show(result);
      return result;
    } catch (error) {
      void vscode.window.showErrorMessage(`Safe SQL: the guarded run did not finish: ${error instanceof Error ? error.message : String(error)}. If a transaction was open, the database rolls it back when the connection ends.`);
      return undefined;
    } finally {
      this.active.delete(runId);
      if (this.transaction.current?.runId === runId) this.transaction.set(undefined);
    }
  }

  /** Cancels the runs of `uri`, or every run when no document is given. Returns how many. */
  cancel(uri?: string): number {
    let n = 0;
    for (const [runId, run] of this.active) {
      if (uri !== undefined && run.uri !== uri) continue;
      void run.client.sendNotification(CancelRunNotification.type, { runId });
      n++;
    }
    return n;
  }
}
