/**
 * Re-analyses a document after each change and pushes its diagnostics with the document version.
 *
 * No debounce: a change is analysed on the next turn of the event loop (changes that arrive
 * before that run share it). The analyzer re-analyses only the statements an edit touched. A run
 * whose version is no longer current once the settings are read is dropped, so an older result
 * is never published after a newer one.
 */
import { DidChangeConfigurationParams, Diagnostic, DiagnosticSeverity, TextDocumentChangeEvent } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Analyzer } from '../analysis/analyze';
import { resolveBinding } from '../config/settings';
import { ServerContext } from './context';
import { ruleDocUri, SOURCE, toDiagnostic } from './diagnostics';
import { describeError, guard } from './guard';

/** Analyses every change, and again for everything when settings or workspace folders change. */
export function register(ctx: ServerContext): Validator {
  const validator = new Validator(ctx);
  const { connection, documents, log } = ctx;
  documents.onDidChangeContent(guard(log, 'didChange', undefined, (event: TextDocumentChangeEvent<TextDocument>) => validator.schedule(event.document.uri)));
  documents.onDidClose(
    guard(log, 'didClose', undefined, (event: TextDocumentChangeEvent<TextDocument>) => {
      ctx.settings.forget(event.document.uri);
      validator.clear(event.document.uri);
      ctx.state.forget(event.document.uri);
    }),
  );
  connection.onDidChangeConfiguration(
    guard(log, 'didChangeConfiguration', undefined, (params: DidChangeConfigurationParams) => {
      ctx.settings.changed(params.settings);
      validator.scheduleAll();
    }),
  );
  return validator;
}

export class Validator {
  /** One analyzer per open document: each keeps its document's last version, to re-analyse only what an edit changed. */
  private readonly analyzers = new Map<string, Analyzer>();
  private readonly scheduled = new Set<string>();

  constructor(private readonly ctx: ServerContext) {}

  schedule(uri: string): void {
    if (this.scheduled.has(uri)) return;
    this.scheduled.add(uri);
    setImmediate(() => {
      this.scheduled.delete(uri);
      this.validate(uri).catch((error: unknown) => this.ctx.log(`Safe SQL: analysing ${uri} failed: ${describeError(error)}`));
    });
  }

  scheduleAll(): void {
    for (const document of this.ctx.documents.all()) this.schedule(document.uri);
  }

  /** On close: forget the document and clear its diagnostics. */
  clear(uri: string): void {
    this.analyzers.delete(uri);
    void this.ctx.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  private async validate(uri: string): Promise<void> {
    const first = this.ctx.documents.get(uri);
    if (!first) return;
    const version = first.version;
    await this.ctx.parserReady;
    const settings = await this.ctx.settings.get(uri);
    const document = this.ctx.documents.get(uri);
    // A newer version arrived while the settings were read: its own run is already scheduled.
    if (!document || document.version !== version) return;

    let diagnostics: Diagnostic[];
    try {
      let analyzer = this.analyzers.get(uri);
      if (!analyzer) {
        analyzer = new Analyzer();
        this.analyzers.set(uri, analyzer);
      }
      const text = document.getText();
      const analysis = analyzer.analyze(text);
      const binding = resolveBinding(settings, this.ctx.workspace.globPath(uri), analysis.connectionDirective);
      diagnostics = analysis.findings.map((f) => toDiagnostic(f, document, binding.environment));
      this.ctx.state.set({ uri, version, text, analysis, binding });
    } catch (error) {
      // Fail closed: an analysis that broke proves nothing safe.
      this.ctx.log(`Safe SQL: analysing ${uri} failed: ${describeError(error)}`);
      diagnostics = [analysisFailed(error)];
    }
    await this.ctx.connection.sendDiagnostics({ uri, version, diagnostics });
  }
}

function analysisFailed(error: unknown): Diagnostic {
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Error,
    code: 'unverifiable',
    codeDescription: { href: ruleDocUri('unverifiable') },
    source: SOURCE,
    message: `Cannot be verified: the analysis of this document failed (${error instanceof Error ? error.message : String(error)}); nothing in it is known to be safe.`,
  };
}
