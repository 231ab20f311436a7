/**
 * Every custom message between the Safe SQL client (`src/`) and the language server (`server/`),
 * typed in one place. Both sides import this file, so it imports nothing from `vscode`.
 *
 * Each entry says which side sends it.
 */
import type { Position } from 'vscode-languageserver-protocol';

/**
 * Command `safeSql.placeCursor`, sent by the server as the `command` of a quick fix and
 * executed by the client after the fix's edit is applied: it moves the cursor to where the user
 * types next (the WHERE condition, or the reason of a suppression).
 */
export const PLACE_CURSOR_COMMAND = 'safeSql.placeCursor';

/** Arguments of {@link PLACE_CURSOR_COMMAND}: the document URI and the position (after the edit). */
export type PlaceCursorArguments = [uri: string, position: Position];
