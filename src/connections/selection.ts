/**
 * The connection chosen for a document with "Select Connection for This File", remembered per
 * document in the workspace state. It reaches the server as one more field of the document's
 * `safeSql` configuration (see {@link selectionMiddleware}), where the stricter binding wins.
 */
import * as vscode from 'vscode';
import { Middleware } from 'vscode-languageclient/node';
import { SETTINGS_SECTION } from '../../shared/settings';

const STATE_KEY = 'safeSql.selectedConnections';

export class ConnectionSelection {
  private readonly changed = new vscode.EventEmitter<string>();
  /** Fires with the document URI whose selection changed. */
  readonly onDidChange = this.changed.event;

  constructor(private readonly state: vscode.Memento) {}

  get(uri: string): string | undefined {
    return this.all()[uri];
  }

  async set(uri: string, name: string | undefined): Promise<void> {
    const all = { ...this.all() };
    if (name === undefined) delete all[uri];
    else all[uri] = name;
    await this.state.update(STATE_KEY, all);
    this.changed.fire(uri);
  }

  private all(): Record<string, string> {
    const value = this.state.get<Record<string, string>>(STATE_KEY);
    return value && typeof value === 'object' ? value : {};
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/** Adds `selectedConnection` to the `safeSql` section the server pulls for a selected document. */
export function selectionMiddleware(selection: ConnectionSelection): Middleware {
  return {
    workspace: {
      configuration: async (params, token, next) => {
        const result: unknown = await next(params, token);
        if (!Array.isArray(result)) return result as never;
        return result.map((value: unknown, i) => {
          const item = params.items[i];
          const name = item?.section === SETTINGS_SECTION && item.scopeUri ? selection.get(item.scopeUri) : undefined;
          if (!name || !value || typeof value !== 'object') return value;
          return { ...(value as Record<string, unknown>), selectedConnection: name };
        });
      },
    },
  };
}
