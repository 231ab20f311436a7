/**
 * Reads a row type's text output, `(1,"a b",,"x""y")`, back into its fields: an unquoted empty field
 * is NULL, quotes are doubled inside quotes, a backslash escapes the next character. Used to pair an
 * old row with its new row by the table's key, which both print alike.
 */
export function recordFields(text: string): Array<string | null> {
  if (!text.startsWith('(') || !text.endsWith(')')) throw new Error('not a row value');
  const out: Array<string | null> = [];
  let i = 1;
  const end = text.length - 1;
  for (;;) {
    let value = '';
    let quoted = false;
    while (i < end && text[i] !== ',') {
      const c = text[i];
      if (c === '"') {
        quoted = true;
        i++;
        while (i < end) {
          if (text[i] === '"' && text[i + 1] === '"') {
            value += '"';
            i += 2;
          } else if (text[i] === '"') {
            i++;
            break;
          } else if (text[i] === '\\') {
            value += text[i + 1];
            i += 2;
          } else {
            value += text[i++];
          }
        }
      } else if (c === '\\') {
        value += text[i + 1];
        i += 2;
      } else {
        value += c;
        i++;
      }
    }
    out.push(value === '' && !quoted ? null : value);
    if (i >= end) return out;
    i++;
  }
}

/** The key of a row as one string: its key fields, in order, as JSON. */
export function rowKey(text: string, positions: number[]): string {
  const fields = recordFields(text);
  return JSON.stringify(positions.map((p) => fields[p]));
}

/** A row type's text from its fields, every value quoted (the row type's input reads it back). */
export function recordText(fields: Array<string | null>): string {
  return `(${fields.map((f) => (f === null ? '' : `"${f.replace(/["\\]/g, (c) => `\\${c}`)}"`)).join(',')})`;
}
