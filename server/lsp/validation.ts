/**
 * Re-analyses a document after each change and pushes its diagnostics with the document version.
 *
 * No debounce: a change is analysed on the next turn of the event loop (changes that arrive
 * before that run share it). The analyzer re-analyses only the statements an edit touched. A run
 * whose version is no longer current once the settings are read is dropped, so an older result
 * is never published after a newer one.
 */
import { Connection, Diagnostic, DiagnosticSeverity, TextDocuments } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Analyzer, DocumentAnalysis } from '../analysis/analyze';
import { Binding, resolveBinding } from '../config/settings';
import { ruleDocUri, SOURCE, toDiagnostic } from './diagnostics';
import { describeError, Log } from './guard';
import { SettingsStore } from './settings';
import { WorkspaceFolders } from './workspace';

export class Validator {
  /** One analyzer per open document: each keeps its document's last version, to re-analyse only what an edit changed. */
  private readonly analyzers = new Map<string, Analyzer>();
  private readonly scheduled = new Set<string>();

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly settings: SettingsStore,
    private readonly parserReady: Promise<void>,
    private readonly log: Log,
    private readonly workspace: WorkspaceFolders,
    /** Told of each finished analysis and its binding (status bar, code lenses). */
    private readonly onAnalysed?: (uri: string, version: number, text: string, analysis: DocumentAnalysis, binding: Binding) => void,
  ) {}

  schedule(uri: string): void {
    if (this.scheduled.has(uri)) return;
    this.scheduled.add(uri);
    setImmediate(() => {
      this.scheduled.delete(uri);
      this.validate(uri).catch((error: unknown) => this.log(`Safe SQL: analysing ${uri} failed: ${describeError(error)}`));
    });
  }

  scheduleAll(): void {
    for (const document of this.documents.all()) this.schedule(document.uri);
  }

  /** On close: forget the document and clear its diagnostics. */
  clear(uri: string): void {
    this.analyzers.delete(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  private async validate(uri: string): Promise<void> {
    const first = this.documents.get(uri);
    if (!first) return;
    const version = first.version;
    await this.parserReady;
    const settings = await this.settings.get(uri);
    const document = this.documents.get(uri);
    // A newer version arrived while the settings were read: its own run is already scheduled.
    if (!document || document.version !== version) return;

    let diagnostics: Diagnostic[];
    try {
      let analyzer = this.analyzers.get(uri);
      if (!analyzer) {
        analyzer = new Analyzer();
        this.analyzers.set(uri, analyzer);
      }
      const analysis = analyzer.analyze(document.getText(), { environment: 'production' });
      const binding = resolveBinding(settings, this.workspace.globPath(uri), analysis.connectionDirective);
      diagnostics = analysis.findings.map((f) => toDiagnostic(f, document, binding.environment));
      this.onAnalysed?.(uri, version, document.getText(), analysis, binding);
    } catch (error) {
      // Fail closed: an analysis that broke proves nothing safe.
      this.log(`Safe SQL: analysing ${uri} failed: ${describeError(error)}`);
      diagnostics = [analysisFailed(error)];
    }
    await this.connection.sendDiagnostics({ uri, version, diagnostics });
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
