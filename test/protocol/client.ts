/**
 * A minimal LSP client for the protocol tests: starts the BUILT server over stdio, like an editor
 * does, answers `workspace/configuration` with per-test settings, and lets tests wait for the
 * diagnostics of a given document version.
 */
import { ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  ClientCapabilities,
  CodeAction,
  CodeActionParams,
  ConfigurationParams,
  createMessageConnection,
  Diagnostic,
  MessageConnection,
  PublishDiagnosticsParams,
  StreamMessageReader,
  StreamMessageWriter,
  TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node';

export const ROOT = path.resolve(__dirname, '..', '..');
export const SERVER = path.join(ROOT, 'dist', 'server.js');
export const CLI = path.join(ROOT, 'dist', 'cli.js');

export type SettingsFor = (scopeUri: string | undefined) => unknown;

export interface StartOptions {
  /** The command line; the bundled server by default. */
  args?: string[];
  /** Answers workspace/configuration; when absent the client does not announce the capability. */
  settings?: SettingsFor;
  /** The server's environment; this process's by default. */
  env?: NodeJS.ProcessEnv;
}

export class TestClient {
  readonly connection: MessageConnection;
  readonly process: ChildProcess;
  /** Every workspace/configuration item the server asked for. */
  readonly configurationRequests: Array<{ scopeUri?: string; section?: string }> = [];
  readonly logs: string[] = [];
  settings: SettingsFor | undefined;
  private readonly published = new Map<string, PublishDiagnosticsParams[]>();
  private waiters: Array<{ test: (p: PublishDiagnosticsParams) => boolean; resolve: (p: PublishDiagnosticsParams) => void }> = [];
  private stderr = '';
  private exited = false;
  private readonly exit: Promise<number | null>;

  constructor(options: StartOptions = {}) {
    this.settings = options.settings;
    this.process = spawn(process.execPath, options.args ?? [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env: options.env ?? process.env });
    this.process.stderr!.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.exit = new Promise((resolve) => this.process.on('exit', (code) => {
      this.exited = true;
      for (const w of this.waiters) w.resolve({ uri: '', diagnostics: [] });
      resolve(code);
    }));
    this.connection = createMessageConnection(new StreamMessageReader(this.process.stdout!), new StreamMessageWriter(this.process.stdin!));
    this.connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      const list = this.published.get(p.uri) ?? [];
      list.push(p);
      this.published.set(p.uri, list);
      this.waiters = this.waiters.filter((w) => (w.test(p) ? (w.resolve(p), false) : true));
    });
    this.connection.onNotification('window/logMessage', (p: { message: string }) => {
      this.logs.push(p.message);
    });
    this.connection.onRequest('workspace/configuration', (p: ConfigurationParams) => {
      this.configurationRequests.push(...p.items);
      return p.items.map((item) => (item.section === 'safeSql' ? (this.settings?.(item.scopeUri) ?? null) : null));
    });
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.listen();
  }

  async initialize(): Promise<void> {
    const capabilities: ClientCapabilities = {
      workspace: { configuration: this.settings !== undefined, didChangeConfiguration: { dynamicRegistration: true } },
      textDocument: { publishDiagnostics: { versionSupport: true }, synchronization: { dynamicRegistration: false } },
    };
    await this.connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities });
    await this.connection.sendNotification('initialized', {});
  }

  /** Waits for the diagnostics of exactly this version of the document. */
  diagnosticsFor(uri: string, version: number): Promise<PublishDiagnosticsParams> {
    const seen = this.published.get(uri)?.find((p) => p.version === version);
    if (seen) return Promise.resolve(seen);
    return this.waitFor((p) => p.uri === uri && p.version === version);
  }

  /** Every publication for the document so far, in arrival order. */
  publications(uri: string): PublishDiagnosticsParams[] {
    return [...(this.published.get(uri) ?? [])];
  }

  /** Waits for the next publication for the document, whatever its version. */
  nextDiagnostics(uri: string): Promise<PublishDiagnosticsParams> {
    return this.waitFor((p) => p.uri === uri);
  }

  private waitFor(test: (p: PublishDiagnosticsParams) => boolean): Promise<PublishDiagnosticsParams> {
    if (this.exited) return Promise.reject(new Error(`the server exited; stderr:\n${this.stderr}`));
    return new Promise((resolve, reject) => {
      this.waiters.push({
        test,
        resolve: (p) => (this.exited && !p.uri ? reject(new Error(`the server exited; stderr:\n${this.stderr}`)) : resolve(p)),
      });
    });
  }

  async open(uri: string, text: string, version = 1): Promise<Diagnostic[]> {
    const published = this.diagnosticsFor(uri, version);
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'sql', version, text } });
    return (await published).diagnostics;
  }

  async change(uri: string, version: number, changes: TextDocumentContentChangeEvent[]): Promise<Diagnostic[]> {
    const published = this.diagnosticsFor(uri, version);
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
    return (await published).diagnostics;
  }

  codeActions(uri: string, diagnostics: Diagnostic[]): Promise<CodeAction[]> {
    const params: CodeActionParams = { textDocument: { uri }, range: diagnostics[0].range, context: { diagnostics } };
    return this.connection.sendRequest('textDocument/codeAction', params);
  }

  get isRunning(): boolean {
    return !this.exited;
  }

  async stop(): Promise<number | null> {
    if (!this.exited) {
      try {
        await this.connection.sendRequest('shutdown');
        await this.connection.sendNotification('exit');
      } catch {
        this.process.kill();
      }
    }
    const code = await this.exit;
    this.connection.dispose();
    return code;
  }
}

export async function startClient(options: StartOptions = {}): Promise<TestClient> {
  const client = new TestClient(options);
  await client.initialize();
  return client;
}

/** A file URI for a document path that need not exist: globs match against it. */
export function fileUri(...segments: string[]): string {
  return pathToFileURL(path.join(path.sep, 'project', ...segments)).href;
}
