/**
 * The open guarded transaction, as the status bar and dialogs show it. The client context owns one;
 * the run session sets it from the server's runState notifications, and the status bar listens.
 */
import * as vscode from 'vscode';
import { RunStateParams } from '../../shared/protocol';

export class OpenTransaction implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<RunStateParams | undefined>();
  private state: RunStateParams | undefined;

  /** Fires with the open transaction's state, and with undefined once no transaction is open. */
  readonly onDidChange = this.emitter.event;

  get current(): RunStateParams | undefined {
    return this.state;
  }

  set(state: RunStateParams | undefined): void {
    this.state = state && state.state !== 'finished' ? state : undefined;
    this.emitter.fire(this.state);
  }

  dispose(): void {
    this.emitter.dispose();
  }
}
