/**
 * The one Safe SQL status bar item: the active SQL document's connection and environment (error
 * background on production, warning on staging; click: Select Connection), or, while a guarded
 * transaction is open, that transaction, ticking each second.
 */
import * as vscode from 'vscode';
import { connectionLabel, formatCount } from '../shared/labels';
import { DocumentBindingParams, RunStateParams } from '../shared/protocol';
import { OpenTransaction } from './run/transactionState';

export const STATUS_BAR_ID = 'safeSql.connection';
const SHORT = { production: 'PROD', staging: 'STAGING', development: 'DEV' } as const;

export class ConnectionStatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly bindings = new Map<string, DocumentBindingParams>();
  private readonly subscriptions: vscode.Disposable[] = [];
  private ticker: NodeJS.Timeout | undefined;

  constructor(selectCommand: string, private readonly transaction: OpenTransaction) {
    this.item = vscode.window.createStatusBarItem(STATUS_BAR_ID, vscode.StatusBarAlignment.Left, 100);
    this.item.name = 'Safe SQL connection';
    this.item.command = selectCommand;
    this.subscriptions.push(
      this.item,
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      vscode.workspace.onDidCloseTextDocument((d) => this.bindings.delete(d.uri.toString())),
      transaction.onDidChange(() => this.update()),
    );
    this.update();
  }

  /** From the server's documentBinding notification. */
  setBinding(params: DocumentBindingParams): void {
    this.bindings.set(params.uri, params);
    this.update();
  }

  /**
   * Right after the user selects a connection, before the server has answered: binding to a
   * stricter environment shows at once (it can only get stricter, never laxer, by selecting).
   */
  expect(uri: string, environment: DocumentBindingParams['environment'], name: string): void {
    const known = this.bindings.get(uri);
    const rank = { development: 0, staging: 1, production: 2 };
    if (known && rank[known.environment] >= rank[environment]) return;
    this.bindings.set(uri, { uri, environment, connection: { name }, sources: ['selection'] });
    this.update();
  }

  binding(uri: string): DocumentBindingParams | undefined {
    return this.bindings.get(uri);
  }

  private update(): void {
    const tx = this.transaction.current;
    if (tx) return this.showTransaction(tx);
    this.stopTicking();
    const doc = vscode.window.activeTextEditor?.document;
    const binding = doc && doc.languageId === 'sql' ? this.bindings.get(doc.uri.toString()) : undefined;
    if (!binding) {
      this.item.hide();
      return;
    }
    const name = binding.connection?.name;
    const env = binding.environment;
    this.item.text = `$(database) ${env === 'production' ? 'PRODUCTION' : env}${name ? ` · ${name}` : ' · no connection'}`;
    this.item.backgroundColor = background(env);
    this.item.tooltip = tooltip(binding);
    this.item.accessibilityInformation = { label: `Safe SQL: ${env}${name ? `, connection ${name}` : ', no connection'}. Select a connection.` };
    this.item.show();
  }

  private showTransaction(tx: RunStateParams): void {
    const seconds = Math.max(0, Math.floor((Date.now() - tx.startedAt) / 1000));
    const clock = `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
    const state = tx.state === 'awaiting-confirmation' ? 'uncommitted' : 'running';
    const locked = tx.locks && tx.locks.length > 0 ? ` · $(lock) ${tx.locks.length} locked, ${formatCount(tx.waitingSessions ?? 0)} waiting` : '';
    this.item.text = `$(warning) ${SHORT[tx.environment]} ${tx.connection} · ${state} · ${formatCount(tx.rows)} row${tx.rows === 1 ? '' : 's'}${locked} · ${clock}`;
    this.item.backgroundColor = background(tx.environment);
    this.item.tooltip = `A guarded transaction is open on ${tx.connection} (${tx.environment}). Nothing is committed until you confirm.`;
    this.item.show();
    if (!this.ticker) this.ticker = setInterval(() => this.update(), 1000);
  }

  private stopTicking(): void {
    if (this.ticker) clearInterval(this.ticker);
    this.ticker = undefined;
  }

  dispose(): void {
    this.stopTicking();
    for (const s of this.subscriptions) s.dispose();
  }
}

function background(env: DocumentBindingParams['environment']): vscode.ThemeColor | undefined {
  if (env === 'production') return new vscode.ThemeColor('statusBarItem.errorBackground');
  if (env === 'staging') return new vscode.ThemeColor('statusBarItem.warningBackground');
  return undefined;
}

function tooltip(b: DocumentBindingParams): vscode.MarkdownString {
  const c = b.connection;
  const lines = [`**Safe SQL: ${b.environment}**`];
  if (c) {
    lines.push(`Connection \`${c.name}\`: ${connectionLabel(c) || 'the PostgreSQL defaults'}${c.readOnly ? ' (read-only)' : ''}`);
  } else {
    lines.push('No connection is bound.');
  }
  lines.push(`Bound by: ${b.sources.join(', ')}`, '', 'Click to select a connection for this file.');
  const md = new vscode.MarkdownString(lines.join('\n\n'));
  md.isTrusted = false;
  return md;
}
