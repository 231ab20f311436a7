/** Control characters and bidi overrides in statement text are shown, never obeyed. */
import * as assert from 'node:assert/strict';
import { statementLine } from '../../server/cli/runPrompt';
import { safeText } from '../../shared/safeText';
import { firstLine } from '../../src/run/format';

describe('safeText', () => {
  it('a carriage return is shown, so it cannot overwrite what came before', () => {
    assert.equal(safeText('DELETE FROM t -- \rSELECT 1'), 'DELETE FROM t -- \\rSELECT 1');
  });
  it('escape sequences, C1 controls and DEL become visible', () => {
    assert.equal(safeText('a\u001b[2Jb\u009bc\u007fd\u0000e\u0007'), 'a\\e[2Jb\\x9Bc\\x7Fd\\0e\\x07');
  });
  it('bidi overrides, isolates and marks become visible', () => {
    const all = '\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c\u2028\u2029';
    const shown = safeText(`x${all}y`);
    assert.equal(shown, 'x\\u202A\\u202B\\u202C\\u202D\\u202E\\u2066\\u2067\\u2068\\u2069\\u200E\\u200F\\u061C\\u2028\\u2029y');
    assert.doesNotMatch(shown, /[\u202a-\u202e\u2066-\u2069]/);
  });
  it('keeps tabs always, newlines only when asked, and ordinary text as it is', () => {
    assert.equal(safeText('a\tb\nc'), 'a\tb\\nc');
    assert.equal(safeText('a\tb\nc\r\n', { newlines: true }), 'a\tb\nc\\r\n');
    assert.equal(safeText("UPDATE t SET v = 'é ✓ 日本' WHERE id = 1"), "UPDATE t SET v = 'é ✓ 日本' WHERE id = 1");
  });
});

describe('statement lines shown in the editor dialog and the terminal', () => {
  it('the editor dialog and results view escape a carriage return and a bidi override', () => {
    assert.equal(firstLine('DELETE FROM t /*\r\u202e*/ WHERE id = 1', 80), 'DELETE FROM t /*\\r\\u202E*/ WHERE id = 1');
  });
  it('the terminal confirmation escapes them too', () => {
    const line = statementLine({ index: 0, line: 1, text: 'DELETE FROM t /*\r\u001b[2K*/ WHERE id = 1', rows: 1, ms: 0, command: 'DELETE' });
    assert.match(line, /DELETE FROM t \/\*\\r\\e\[2K\*\/ WHERE id = 1$/);
  });
});
