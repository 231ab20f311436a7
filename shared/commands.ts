/**
 * The commands the server puts into code lenses and quick fixes, which the client executes: their
 * ids and typed arguments in one place. The server builds the arguments with these types; the
 * client reads them back with {@link parseDocumentPosition}, its one parser.
 */
import type { Position } from 'vscode-languageserver-protocol';

export const SERVER_COMMANDS = {
  /** Quick fixes: after the edit, move the cursor to where the user types next. Arguments: {@link DocumentPositionArgs}. */
  placeCursor: 'safeSql.placeCursor',
  /** "▶ Run guarded" lens: run the statement at the position. Arguments: {@link DocumentPositionArgs}. */
  runGuarded: 'safeSql.runGuarded',
  /** The production banner: choose the document's connection. Arguments: `[uri]`. */
  selectConnection: 'safeSql.selectConnection',
} as const;

/** A document and a position in it. */
export type DocumentPositionArgs = [uri: string, position: Position];

/** `(uri, {line, character})` as a command receives it; undefined when it is anything else. */
export function parseDocumentPosition(uri: unknown, position: unknown): { uri: string; line: number; character: number } | undefined {
  const text = typeof uri === 'string' ? uri : uri !== null && typeof uri === 'object' && typeof (uri as { toString(): string }).toString === 'function' ? String(uri) : undefined;
  const p = position as { line?: unknown; character?: unknown } | null | undefined;
  if (!text || !p || !Number.isInteger(p.line) || !Number.isInteger(p.character) || (p.line as number) < 0 || (p.character as number) < 0) return undefined;
  return { uri: text, line: p.line as number, character: p.character as number };
}
