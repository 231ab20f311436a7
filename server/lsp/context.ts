/**
 * The server's composition root hands every feature one context: the connection, the open
 * documents and what is known of them, settings, workspace folders and credentials. Each feature
 * file exports `register(ctx)`; server.ts calls them all, once.
 */
import { Connection, TextDocuments } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Credentials } from './credentials';
import { DocumentState } from './documentState';
import { Log } from './guard';
import { SettingsStore } from './settings';
import { WorkspaceFolders } from './workspace';

export interface ServerContext {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  state: DocumentState;
  settings: SettingsStore;
  workspace: WorkspaceFolders;
  credentials: Credentials;
  /** Resolves once the PostgreSQL parser is loaded (or failed to: every parse then fails closed). */
  parserReady: Promise<void>;
  log: Log;
  /** What the client can do, from `initialize`. */
  client: { codeLensRefresh: boolean };
  /** Work to finish on shutdown (open estimate connections). */
  onShutdown(fn: () => Promise<void>): void;
}
