/**
 * Quick fixes bound to Safe SQL diagnostics: "Add WHERE clause" for missing-where and
 * "Suppress with a reason". Each one ends with the client command that puts the cursor where
 * the user types next.
 */
import { CodeAction, CodeActionKind, CodeActionParams, Diagnostic, Position, TextEdit } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DocumentPositionArgs, SERVER_COMMANDS } from '../../shared/commands';
import { ServerContext } from './context';
import { findingData, FindingData } from './diagnostics';
import { guard } from './guard';

export function register(ctx: ServerContext): void {
  ctx.connection.onCodeAction(guard(ctx.log, 'codeAction', [], (params) => codeActions(params, ctx.documents.get(params.textDocument.uri))));
}

export function codeActions(params: CodeActionParams, document: TextDocument | undefined): CodeAction[] {
  if (!document) return [];
  const only = params.context.only;
  if (only && !only.some((kind) => kind === CodeActionKind.QuickFix || CodeActionKind.QuickFix.startsWith(`${kind}.`))) return [];
  const actions: CodeAction[] = [];
  for (const diagnostic of params.context.diagnostics) {
    const data = findingData(diagnostic);
    if (!data) continue;
    if (data.rule === 'missing-where' && data.whereInsertAt) actions.push(addWhere(document, diagnostic, data.whereInsertAt));
    if (data.rule !== 'bad-directive' && !data.suppressed) actions.push(suppress(document, diagnostic, data));
  }
  return actions;
}

function addWhere(document: TextDocument, diagnostic: Diagnostic, at: Position): CodeAction {
  const offset = document.offsetAt(at);
  const text = document.getText();
  // Exactly one space on each side of the condition the user types next: before `;` that is
  // ` WHERE |;`, before RETURNING (already preceded by a space) `WHERE | RETURNING`.
  const before = offset > 0 && /\s/.test(text[offset - 1]) ? '' : ' ';
  const after = offset < text.length && !/[\s;]/.test(text[offset]) ? ' ' : '';
  const insert = `${before}WHERE ${after}`;
  // The cursor is placed after the edit: same line, past the inserted `WHERE `.
  const cursor: Position = { line: at.line, character: at.character + before.length + 'WHERE '.length };
  return quickFix('Add WHERE clause', document, diagnostic, TextEdit.insert(at, insert), cursor, true);
}

/** Inserts `-- safe-sql-ignore <rule>: ` on its own line just above the statement, indented like it. */
function suppress(document: TextDocument, diagnostic: Diagnostic, data: FindingData): CodeAction {
  const start = data.statementStart;
  const before = document.getText({ start: { line: start.line, character: 0 }, end: start });
  const indent = /^[ \t]*/.exec(before)?.[0] ?? '';
  const comment = `-- safe-sql-ignore ${data.rule}: `;
  const title = `Suppress ${data.rule} with a reason`;
  if (before.length === indent.length) {
    // The statement starts its line: the comment goes on a new line above it.
    const edit = TextEdit.insert({ line: start.line, character: 0 }, `${indent}${comment}\n`);
    return quickFix(title, document, diagnostic, edit, { line: start.line, character: indent.length + comment.length }, false);
  }
  // Another statement precedes it on the same line: break the line so the comment sits right above it.
  const edit = TextEdit.insert(start, `\n${indent}${comment}\n${indent}`);
  return quickFix(title, document, diagnostic, edit, { line: start.line + 1, character: indent.length + comment.length }, false);
}

function quickFix(title: string, document: TextDocument, diagnostic: Diagnostic, edit: TextEdit, cursor: Position, preferred: boolean): CodeAction {
  const args: DocumentPositionArgs = [document.uri, cursor];
  return {
    title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    isPreferred: preferred,
    edit: { changes: { [document.uri]: [edit] } },
    command: { title: 'Place the cursor', command: SERVER_COMMANDS.placeCursor, arguments: args },
  };
}
