/**
 * The Safe SQL language server, wired onto a connection. Both entry points (the bundled
 * `dist/server.js` and `safe-sql lsp --stdio`) call {@link startServer}.
 */
import {
  CodeActionKind,
  Connection,
  DidChangeConfigurationNotification,
  DidChangeConfigurationParams,
  InitializeResult,
  TextDocumentChangeEvent,
  TextDocuments,
  TextDocumentSyncKind,
  WorkspaceFolder,
  WorkspaceFoldersChangeEvent,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { loadParser } from '../analysis/parser';
import { installBindingFeatures } from './bindingFeatures';
import { checkSql } from './checkSql';
import { codeActions } from './codeActions';
import { Credentials } from './credentials';
import { describeError, guard, installProcessGuards } from './guard';
import { keepHeapSmall } from './memory';
import { CheckSqlRequest } from '../../shared/protocol';
import { GuardedRuns } from './run/guardedRuns';
import { SettingsStore } from './settings';
import { Validator } from './validation';
import { WorkspaceFolders } from './workspace';
import { SETTINGS_SECTION } from '../../shared/settings';

/** Starts serving on the connection. Resolves when the client sends `exit`. */
export function startServer(connection: Connection): Promise<void> {
  installProcessGuards(connection);
  keepHeapSmall();
  const log = (message: string) => connection.console.error(message);
  const parserReady = loadParser().catch((error: unknown) => {
    // Analysis still runs: every parse then fails, and fails closed as unverifiable.
    log(`Safe SQL: the PostgreSQL parser did not load: ${describeError(error)}`);
  });
  // First: it takes the password channel's key out of the environment.
  const credentials = new Credentials(connection);
  const documents = new TextDocuments(TextDocument);
  const settings = new SettingsStore(connection, false);
  const workspace = new WorkspaceFolders();
  const bindingFeatures = installBindingFeatures(connection, settings, credentials, log, (uri) => documents.get(uri)?.version);
  const validator = new Validator(connection, documents, settings, parserReady, log, workspace, bindingFeatures.analysed);
  // A client that goes away mid-run: its confirm request fails and the engine rolls back (the server's idle timeout too).
  new GuardedRuns({ connection, documents, settings, workspace, credentials, parserReady, log }).register();
  let registerConfigurationChanges = false;
  let watchFolders = false;

  connection.onInitialize(
    guard(log, 'initialize', { capabilities: {} }, (params): InitializeResult => {
      const client = params.capabilities.workspace;
      settings.setCanPull(client?.configuration === true);
      registerConfigurationChanges = client?.didChangeConfiguration?.dynamicRegistration === true;
      watchFolders = client?.workspaceFolders === true;
      bindingFeatures.setCanRefresh(client?.codeLens?.refreshSupport === true);
      workspace.set(params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []));
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
          workspace.change(event.added.map((f: WorkspaceFolder) => f.uri), event.removed.map((f: WorkspaceFolder) => f.uri));
          settings.forgetAll();
          validator.scheduleAll();
        });
      }
    }),
  );

  connection.onDidChangeConfiguration(
    guard(log, 'didChangeConfiguration', undefined, (params: DidChangeConfigurationParams) => {
      settings.changed(params.settings);
      validator.scheduleAll();
    }),
  );

  documents.onDidChangeContent(guard(log, 'didChange', undefined, (event: TextDocumentChangeEvent<TextDocument>) => validator.schedule(event.document.uri)));
  documents.onDidClose(
    guard(log, 'didClose', undefined, (event: TextDocumentChangeEvent<TextDocument>) => {
      settings.forget(event.document.uri);
      validator.clear(event.document.uri);
      bindingFeatures.forget(event.document.uri);
    }),
  );

  connection.onRequest(CheckSqlRequest.type, async (params) => {
    await parserReady;
    return checkSql(params, settings, workspace);
  });
  connection.onCodeAction(guard(log, 'codeAction', [], (params) => codeActions(params, documents.get(params.textDocument.uri))));

  connection.onShutdown(() => bindingFeatures.dispose());
  const exited = new Promise<void>((resolve) => connection.onExit(() => resolve()));
  documents.listen(connection);
  connection.listen();
  return exited;
}
