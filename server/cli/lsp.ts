/** `safe-sql lsp --stdio`: the language server for any LSP editor (Neovim, Helix, Zed…). */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from '../lsp/server';

const USAGE = `Usage: safe-sql lsp --stdio

Starts the Safe SQL language server, speaking LSP on stdin/stdout.
`;

export async function lspCommand(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(USAGE);
    return 0;
  }
  const unknown = args.filter((a) => a !== '--stdio');
  if (unknown.length > 0) {
    process.stderr.write(`safe-sql lsp: unknown option ${unknown.join(' ')}; only --stdio is supported\n\n${USAGE}`);
    return 2;
  }
  // stdout carries the protocol from here on: nothing else may write to it.
  await startServer(createConnection(ProposedFeatures.all, process.stdin, process.stdout));
  return 0;
}
