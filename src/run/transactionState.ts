/**
 * The open guarded transaction, as the status bar and dialogs show it. The run code fires it
 * from the server's runState notifications; the status bar listens.
 */
import * as vscode from 'vscode';
import { RunStateParams } from '../../shared/protocol';

const emitter = new vscode.EventEmitter<RunStateParams | undefined>();
let current: RunStateParams | undefined;

/** Fires with the open transaction's state, and with undefined once no transaction is open. */
export const onDidChangeTransaction = emitter.event;

export function currentTransaction(): RunStateParams | undefined {
  return current;
}

export function setTransaction(state: RunStateParams | undefined): void {
  current = state && state.state !== 'finished' ? state : undefined;
  emitter.fire(current);
}
