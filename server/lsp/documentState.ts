/**
 * What the server knows of each open document: the version it analysed, that version's text, its
 * analysis and its binding. Each version is analysed once (validation.ts); code lenses, binding
 * notifications and guarded runs all read it from here.
 */
import { DocumentAnalysis } from '../analysis/analyze';
import { Binding } from '../config/settings';

export interface AnalysedDocument {
  uri: string;
  version: number;
  /** The text the analysis saw (its offsets refer to it). */
  text: string;
  analysis: DocumentAnalysis;
  binding: Binding;
}

/** How long a reader waits for the analysis of the version it was asked about. */
const CURRENT_WAIT_MS = 5_000;

export class DocumentState {
  private readonly documents = new Map<string, AnalysedDocument>();
  private readonly waiting = new Map<string, Array<{ version: number; done: () => void }>>();
  private readonly listeners: Array<(d: AnalysedDocument) => void> = [];
  private readonly forgetListeners: Array<(uri: string) => void> = [];

  /** Called by validation with each finished analysis. */
  set(document: AnalysedDocument): void {
    this.documents.set(document.uri, document);
    for (const l of this.listeners) l(document);
    this.wake(document.uri, document.version);
  }

  get(uri: string): AnalysedDocument | undefined {
    return this.documents.get(uri);
  }

  onDidAnalyse(listener: (d: AnalysedDocument) => void): void {
    this.listeners.push(listener);
  }

  onDidForget(listener: (uri: string) => void): void {
    this.forgetListeners.push(listener);
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
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, CURRENT_WAIT_MS);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      const list = this.waiting.get(uri) ?? [];
      list.push({ version: wanted, done });
      this.waiting.set(uri, list);
    });
    return this.documents.get(uri);
  }

  /** On close. */
  forget(uri: string): void {
    this.documents.delete(uri);
    this.wake(uri, Number.POSITIVE_INFINITY);
    for (const l of this.forgetListeners) l(uri);
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
