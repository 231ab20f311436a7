/**
 * A document's binding (the connection and environment it runs against) as the client hears of it,
 * whenever it changes: for the status bar and the production banner.
 */
import { Binding } from '../config/settings';
import { DocumentBindingNotification, DocumentBindingParams } from '../../shared/protocol';
import { ServerContext } from './context';

export function bindingParams(uri: string, binding: Binding): DocumentBindingParams {
  const params: DocumentBindingParams = { uri, environment: binding.environment, sources: binding.sources };
  const c = binding.connection;
  if (c) {
    params.connection = { name: c.name };
    for (const key of ['host', 'port', 'database', 'user', 'readOnly'] as const) {
      if (c[key] !== undefined) (params.connection as Record<string, unknown>)[key] = c[key];
    }
  }
  return params;
}

/** Tells the client of each document's binding whenever it changes (status bar, banner). */
export function registerBindingNotifications(ctx: ServerContext, onChanged: (uri: string) => void): void {
  /** The last binding sent per document, as JSON, so only changes are sent. */
  const sent = new Map<string, string>();
  ctx.state.onDidAnalyse((document) => {
    const params = bindingParams(document.uri, document.binding);
    const json = JSON.stringify(params);
    if (sent.get(document.uri) === json) return;
    sent.set(document.uri, json);
    void ctx.connection.sendNotification(DocumentBindingNotification.type, params);
    onChanged(document.uri);
  });
  ctx.state.onDidForget((uri) => sent.delete(uri));
}
