/** The VS Code extension client: thin glue between the VS Code API and the language server. */
import * as vscode from 'vscode';

export function activate(_context: vscode.ExtensionContext): void {
  // Filled in by the client work.
}

export function deactivate(): void {}
