/**
 * What the server last learned about each open document: its analysis and its binding (the
 * connection and environment it runs against). The client hears of a binding whenever it changes
 * (status bar), and code lenses are drawn from it.
 */
import { Connection } from 'vscode-languageserver/node';
import { DocumentAnalysis } from '../analysis/analyze';
import { Binding } from '../config/settings';
import { DocumentBindingNotification, DocumentBindingParams } from '../protocol';

export interface AnalysedDocument {
  uri: string;
  version: number;
  /** The text the analysis saw (its offsets refer to it). */
  text: string;
  analysis: DocumentAnalysis;
  binding: Binding;
}

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

export class DocumentBindings {
  private readonly documents = new Map<string, AnalysedDocument>();
  /** The last binding sent per document, as JSON, so only changes are sent. */
  private readonly sent = new Map<string, string>();

  constructor(
    private readonly connection: Connection,
    /** Called when a document's binding changed (after the client was told). */
    private readonly onBindingChanged: (uri: string) => void,
  ) {}

  analysed(document: AnalysedDocument): void {
    this.documents.set(document.uri, document);
    const params = bindingParams(document.uri, document.binding);
    const json = JSON.stringify(params);
    if (this.sent.get(document.uri) === json) return;
    this.sent.set(document.uri, json);
    void this.connection.sendNotification(DocumentBindingNotification.type, params);
    this.onBindingChanged(document.uri);
  }

  get(uri: string): AnalysedDocument | undefined {
    return this.documents.get(uri);
  }

  forget(uri: string): void {
    this.documents.delete(uri);
    this.sent.delete(uri);
  }
}
