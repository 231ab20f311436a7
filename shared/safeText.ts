/**
 * Statement text made safe to show in a terminal or a dialog: every character that could move the
 * cursor, recolour, hide or reorder what is shown becomes a visible escape. A carriage return can no
 * longer overwrite the line before it, an ESC cannot start a terminal sequence, and a bidi override
 * cannot make `DELETE … WHERE` read as something else.
 *
 * Escaped: C0 controls (U+0000–001F) but newline and tab where the layout keeps lines, DEL, C1
 * controls (U+0080–009F), the bidi embeddings and overrides U+202A–202E and isolates U+2066–2069,
 * the invisible direction marks U+200E, U+200F, U+061C, and the line and paragraph separators
 * U+2028, U+2029. A backslash is left as it is: the escapes below are for reading, not decoding.
 */

export interface SafeTextOptions {
  /** Keep `\n` (multi-line views). Otherwise it is shown as `\n` like any other control. Default false. */
  newlines?: boolean;
}

const NAMED: Record<number, string> = { 0x09: '\\t', 0x0a: '\\n', 0x0d: '\\r', 0x1b: '\\e', 0x00: '\\0' };

// Built with new RegExp so the source file itself holds no control characters.
const UNSAFE = new RegExp('[\\u0000-\\u0008\\u000a-\\u001f\\u007f-\\u009f\\u061c\\u200e\\u200f\\u2028\\u2029\\u202a-\\u202e\\u2066-\\u2069]', 'g');
const UNSAFE_KEEP_NEWLINES = new RegExp('[\\u0000-\\u0008\\u000b-\\u001f\\u007f-\\u009f\\u061c\\u200e\\u200f\\u2028\\u2029\\u202a-\\u202e\\u2066-\\u2069]', 'g');

export function safeText(text: string, options: SafeTextOptions = {}): string {
  const unsafe = options.newlines ? UNSAFE_KEEP_NEWLINES : UNSAFE;
  return text.replace(unsafe, escape);
}

function escape(ch: string): string {
  const code = ch.charCodeAt(0);
  const named = NAMED[code];
  if (named) return named;
  const hex = code.toString(16).toUpperCase();
  return code <= 0xff ? `\\x${hex.padStart(2, '0')}` : `\\u${hex.padStart(4, '0')}`;
}
