/**
 * Entry point of the bundled language server (dist/server.js), started by the extension.
 * The transport comes from the command line (`--stdio`, as the extension starts it).
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

void startServer(createConnection(ProposedFeatures.all));
