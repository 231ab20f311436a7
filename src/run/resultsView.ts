/**
 * Rows returned by SELECT or RETURNING, in a plain table. Every value is escaped, and the page has
 * no scripts: its Content-Security-Policy allows only its own inline style (by nonce).
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { RunGuardedResult } from '../../shared/protocol';
import { firstLine } from './format';
import { impactLines, locksLine } from './impactText';

export const RESULTS_VIEW_TYPE = 'safeSql.results';

/** One results panel, reused from run to run. */
export class ResultsView implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;

  /** Shows the rows of the run, if it returned any, and its impact. */
  show(result: RunGuardedResult): void {
    const withRows = result.statements.filter((s) => s.fields && s.fields.length > 0);
    if (withRows.length === 0 && !(result.impact && result.impact.tables.length > 0)) return;
    if (!this.panel) {
      const panel = vscode.window.createWebviewPanel(RESULTS_VIEW_TYPE, 'Safe SQL Results', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, { enableScripts: false });
      panel.onDidDispose(() => (this.panel = undefined));
      this.panel = panel;
    } else {
      this.panel.reveal(undefined, true);
    }
    this.panel.webview.html = resultsHtml(result);
  }

  dispose(): void {
    this.panel?.dispose();
  }
}

export function resultsHtml(result: RunGuardedResult): string {
  const nonce = randomBytes(16).toString('base64');
  const tables = result.statements.filter((s) => s.fields && s.fields.length > 0).map((s) => {
    const head = (s.fields ?? []).map((f) => `<th>${escapeHtml(f)}</th>`).join('');
    const rows = (s.sample ?? []).map((r) => `<tr>${r.map((v) => (v === null ? '<td class="null">NULL</td>' : `<td>${escapeHtml(v)}</td>`)).join('')}</tr>`).join('\n');
    const shown = s.sample?.length ?? 0;
    const note = s.rows !== null && s.rows > shown ? ` (first ${shown} of ${s.rows})` : '';
    return `<h2>Line ${s.line}: ${escapeHtml(firstLine(s.text, 120))}</h2>\n<p>${escapeHtml(s.command ?? '')} ${s.rows ?? ''} row${s.rows === 1 ? '' : 's'}${note}</p>\n<table><thead><tr>${head}</tr></thead><tbody>\n${rows}\n</tbody></table>`;
  });
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-${nonce}';">
<style nonce="${nonce}">
body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); }
table { border-collapse: collapse; font-family: var(--vscode-editor-font-family); }
th, td { border: 1px solid var(--vscode-panel-border); padding: 2px 6px; text-align: left; white-space: pre; }
td.null { color: var(--vscode-disabledForeground); font-style: italic; }
h2 { font-size: 1em; }
</style></head><body>
<p>${escapeHtml(result.connection)} · ${escapeHtml(result.outcome)}: ${escapeHtml(result.reason)}</p>
${[...impactLines(result.impact, result.statements), locksLine(result.locks, result.waitingSessions) ?? ''].filter((l) => l).map((l) => `<p class="impact">${escapeHtml(l)}</p>`).join('\n')}
${tables.join('\n')}
</body></html>`;
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}
