/**
 * What the server last learned about each open document: its analysis and its binding (the
 * connection and environment it runs against). The client hears of a binding whenever it changes
 * (status bar), and code lenses are drawn from it.
 */
import { Connection } from 'vscode-languageserver/node';
import { DocumentAnalysis } from '../analysis/analyze';
import { Binding } from '../config/settings';
import { DocumentBindingNotification, DocumentBindingParams } from '../../shared/protocol';

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

/** How long a code-lens request waits for the analysis of the version it was asked about. */
const CURRENT_WAIT_MS = 5_000;

export class DocumentBindings {
  private readonly documents = new Map<string, AnalysedDocument>();
  /** Requests waiting for a document's analysis to reach a version. */
  private readonly waiting = new Map<string, Array<{ version: number; done: () => void }>>();
  /** The last binding sent per document, as JSON, so only changes are sent. */
  private readonly sent = new Map<string, string>();

  constructor(
    private readonly connection: Connection,
    /** Called when a document's binding changed (after the client was told). */
    private readonly onBindingChanged: (uri: string) => void,
  ) {}

  analysed(document: AnalysedDocument): void {
    this.documents.set(document.uri, document);
    this.wake(document.uri, document.version);
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

  /**
   * The analysis of `version` or newer, waiting (a bounded time) for it. Code lenses drawn from an
   * older analysis would show the old statements' estimates, or no production banner yet.
   */
  async current(uri: string, version: number | undefined): Promise<AnalysedDocument | undefined> {
    const known = this.documents.get(uri);
    // Asked before the document's didOpen was read: wait for its first analysis.
    const wanted = version ?? (known ? undefined : 0);
    if (wanted === undefined || (known && known.version >= wanted)) return known;
    version = wanted;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, CURRENT_WAIT_MS);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      const list = this.waiting.get(uri) ?? [];
      list.push({ version, done });
      this.waiting.set(uri, list);
    });
    return this.documents.get(uri);
  }

  forget(uri: string): void {
    this.documents.delete(uri);
    this.sent.delete(uri);
    this.wake(uri, Number.POSITIVE_INFINITY);
  }

  private wake(uri: string, version: number): void {
    const list = this.waiting.get(uri);
    if (!list) return;
    const still = list.filter((w) => w.version > version);
    for (const w of list) if (w.version <= version) w.done();
    if (still.length > 0) this.waiting.set(uri, still);
    else this.waiting.delete(uri);
  }
}
