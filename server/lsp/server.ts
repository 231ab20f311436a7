/**
 * The Safe SQL language server: the composition root. Both entry points (the bundled
 * `dist/server.js` and `safe-sql lsp --stdio`) call {@link startServer}, which builds the one
 * server context and lets each feature register itself on it.
 */
import {
  CodeActionKind,
  Connection,
  DidChangeConfigurationNotification,
  InitializeResult,
  TextDocuments,
  TextDocumentSyncKind,
  WorkspaceFolder,
  WorkspaceFoldersChangeEvent,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { loadParser } from '../analysis/parser';
import { SETTINGS_SECTION } from '../../shared/settings';
import * as bindingFeatures from './bindingFeatures';
import * as checkSql from './checkSql';
import * as codeActions from './codeActions';
import { ServerContext } from './context';
import { Credentials } from './credentials';
import { DocumentState } from './documentState';
import { describeError, guard, installProcessGuards } from './guard';
import { keepHeapSmall } from './memory';
import * as guardedRuns from './run/guardedRuns';
import { SettingsStore } from './settings';
import * as validation from './validation';
import { WorkspaceFolders } from './workspace';

/** Starts serving on the connection. Resolves when the client sends `exit`. */
export function startServer(connection: Connection): Promise<void> {
  installProcessGuards(connection);
  keepHeapSmall();
  const log = (message: string) => connection.console.error(message);
  const parserReady = loadParser().catch((error: unknown) => {
    // Analysis still runs: every parse then fails, and fails closed as unverifiable.
    log(`Safe SQL: the PostgreSQL parser did not load: ${describeError(error)}`);
  });
  const shutdown: Array<() => Promise<void>> = [];
  const ctx: ServerContext = {
    connection,
    documents: new TextDocuments(TextDocument),
    state: new DocumentState(),
    settings: new SettingsStore(connection, false),
    workspace: new WorkspaceFolders(),
    // First: it takes the password channel's key out of the environment.
    credentials: new Credentials(connection),
    parserReady,
    log,
    client: { codeLensRefresh: false },
    onShutdown: (fn) => shutdown.push(fn),
  };
  const validator = validation.register(ctx);
  bindingFeatures.register(ctx);
  codeActions.register(ctx);
  checkSql.register(ctx);
  guardedRuns.register(ctx);

  let registerConfigurationChanges = false;
  let watchFolders = false;
  connection.onInitialize(
    guard(log, 'initialize', { capabilities: {} }, (params): InitializeResult => {
      const client = params.capabilities.workspace;
      ctx.settings.setCanPull(client?.configuration === true);
      registerConfigurationChanges = client?.didChangeConfiguration?.dynamicRegistration === true;
      watchFolders = client?.workspaceFolders === true;
      ctx.client.codeLensRefresh = client?.codeLens?.refreshSupport === true;
      ctx.workspace.set(params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []));
      return {
        capabilities: {
          textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
          codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
          codeLensProvider: { resolveProvider: false },
          workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
        },
        serverInfo: { name: 'safe-sql' },
      };
    }),
  );
  connection.onInitialized(
    guard(log, 'initialized', undefined, async () => {
      if (registerConfigurationChanges) await connection.client.register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION });
      if (watchFolders) {
        connection.workspace.onDidChangeWorkspaceFolders((event: WorkspaceFoldersChangeEvent) => {
          ctx.workspace.change(event.added.map((f: WorkspaceFolder) => f.uri), event.removed.map((f: WorkspaceFolder) => f.uri));
          ctx.settings.forgetAll();
          validator.scheduleAll();
        });
      }
    }),
  );
  connection.onShutdown(async () => {
    await Promise.all(shutdown.map((fn) => fn()));
  });
  const exited = new Promise<void>((resolve) => connection.onExit(() => resolve()));
  ctx.documents.listen(connection);
  connection.listen();
  return exited;
}
