/**
 * The exact text a guarded run sends: the statement at the cursor, the selection, or the whole file.
 *
 * The text is preceded by blank lines and spaces up to where it starts in the document, so every
 * line and column the engine reports (findings, failed statements, the confirmation) is the
 * document's own. Leading whitespace changes nothing PostgreSQL runs.
 */
import { Position } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Span } from '../../analysis/types';
import { RunGuardedParams } from '../../../shared/protocol';

export type Picked = { ok: true; text: string } | { ok: false; reason: string };

export function pickRunText(document: TextDocument, statements: readonly { span: Span }[], params: Pick<RunGuardedParams, 'scope' | 'position' | 'range'>): Picked {
  const text = document.getText();
  switch (params.scope) {
    case 'file':
      return { ok: true, text };
    case 'selection': {
      if (!params.range) return { ok: false, reason: 'a selection run needs the selected range' };
      const start = document.offsetAt(params.range.start);
      const end = document.offsetAt(params.range.end);
      if (text.slice(start, end).trim() === '') return { ok: false, reason: 'the selection is empty' };
      return { ok: true, text: blankUpTo(document.positionAt(start)) + text.slice(start, end) };
    }
    case 'statement': {
      if (!params.position) return { ok: false, reason: 'a statement run needs the cursor position' };
      const at = statementAt(statements, document.offsetAt(params.position));
      if (at === undefined) return { ok: false, reason: 'there is no SQL statement at the cursor' };
      // From the end of the statement before: its directives and comments (expect-rows, safe-sql-ignore) come along.
      const start = at > 0 ? statements[at - 1].span.end : 0;
      return { ok: true, text: blankUpTo(document.positionAt(start)) + text.slice(start, statements[at].span.end) };
    }
    default:
      return { ok: false, reason: `unknown run scope ${JSON.stringify(params.scope)}` };
  }
}

/**
 * The statement the cursor is in, or the one it follows on the same stretch: the first statement
 * that ends at or after the cursor, else the last one (the cursor is past the end of the file's SQL).
 */
export function statementAt(statements: readonly { span: Span }[], offset: number): number | undefined {
  if (statements.length === 0) return undefined;
  const i = statements.findIndex((s) => s.span.end >= offset);
  return i === -1 ? statements.length - 1 : i;
}

function blankUpTo(p: Position): string {
  return '\n'.repeat(p.line) + ' '.repeat(p.character);
}
