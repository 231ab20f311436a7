import * as assert from 'node:assert/strict';
import { tokenize, TokenKind } from '../../../server/analysis/lexer';

/** Tokens as `kind:text`, for compact assertions. */
function lex(text: string): string[] {
  return tokenize(text).tokens.map((t) => `${t.kind}:${text.slice(t.start, t.end)}`);
}

function kinds(text: string): TokenKind[] {
  return tokenize(text).tokens.map((t) => t.kind);
}

describe('lexer', () => {
  describe('strings', () => {
    it('reads a backslash in a standard string as a literal character', () => {
      assert.deepEqual(lex(`'a\\' x`), [`string:'a\\'`, 'word:x']);
    });

    it('reads a backslash in an E string as an escape', () => {
      assert.deepEqual(lex(`E'a\\' x'`), [`string:E'a\\' x'`]);
      assert.deepEqual(lex(`e'\\\\' y`), [`string:e'\\\\'`, 'word:y']);
    });

    it('reads a doubled quote as an escaped quote', () => {
      assert.deepEqual(lex(`'it''s' z`), [`string:'it''s'`, 'word:z']);
      assert.deepEqual(lex(`"a""b" c`), ['qident:"a""b"', 'word:c']);
    });

    it('knows the B, X, N and U& prefixes', () => {
      assert.deepEqual(kinds(`B'101' X'ff' N'n' U&'d\\0061' U&"x"`), ['string', 'string', 'string', 'string', 'qident']);
    });

    it('does not read a word ending in e as a string prefix', () => {
      assert.deepEqual(lex(`some'x'`), ['word:some', `string:'x'`]);
    });

    it('reports unclosed strings, identifiers and E strings ending in an escaped quote', () => {
      assert.deepEqual(tokenize(`SELECT 'abc`).unterminated, { what: 'quoted string', start: 7 });
      assert.deepEqual(tokenize(`SELECT E'abc\\'`).unterminated, { what: 'quoted string', start: 7 });
      assert.deepEqual(tokenize(`SELECT "abc`).unterminated, { what: 'quoted identifier', start: 7 });
    });
  });

  describe('dollar quotes', () => {
    it('reads $$ and tagged dollar quotes, with other tags inside', () => {
      assert.deepEqual(lex('$$ a $$ b'), ['dollar:$$ a $$', 'word:b']);
      assert.deepEqual(lex('$x$ $$ ; $y$ $x$;'), ['dollar:$x$ $$ ; $y$ $x$', 'punct:;']);
      assert.deepEqual(lex('$a1_$ q $a1_$'), ['dollar:$a1_$ q $a1_$']);
    });

    it('reads $1 as a parameter and a $ inside a word as part of the word', () => {
      assert.deepEqual(lex('$1 $23'), ['param:$1', 'param:$23']);
      assert.deepEqual(lex('foo$$bar$$ x'), ['word:foo$$bar$$', 'word:x']);
    });

    it('reports an unclosed dollar quote, also when only a different tag closes', () => {
      assert.deepEqual(tokenize('DO $$ BEGIN').unterminated, { what: 'dollar-quoted string', start: 3 });
      assert.deepEqual(tokenize('DO $a$ BEGIN $b$').unterminated, { what: 'dollar-quoted string', start: 3 });
    });

    it('matches tags case-sensitively', () => {
      assert.equal(tokenize('$A$ x $a$').unterminated?.what, 'dollar-quoted string');
    });
  });

  describe('comments', () => {
    it('nests block comments', () => {
      assert.deepEqual(lex('/* a /* b */ c */ d'), ['block-comment:/* a /* b */ c */', 'word:d']);
    });

    it('reports an unclosed nested block comment', () => {
      assert.deepEqual(tokenize('x /* a /* b */ c').unterminated, { what: 'block comment', start: 2 });
    });

    it('ends a line comment at LF, CRLF or CR', () => {
      assert.deepEqual(lex('-- a\nb'), ['line-comment:-- a', 'word:b']);
      assert.deepEqual(lex('-- a\r\nb'), ['line-comment:-- a', 'word:b']);
      assert.deepEqual(lex('-- a\rb'), ['line-comment:-- a', 'word:b']);
    });

    it('hides quotes inside comments', () => {
      assert.equal(tokenize(`-- it's\n/* "x */ SELECT 1`).unterminated, undefined);
    });
  });

  describe('operators versus comments', () => {
    it('stops an operator where a comment starts', () => {
      assert.deepEqual(lex('a--b'), ['word:a', 'line-comment:--b']);
      assert.deepEqual(lex('a+--b'), ['word:a', 'op:+', 'line-comment:--b']);
      assert.deepEqual(lex('a-/*x*/b'), ['word:a', 'op:-', 'block-comment:/*x*/', 'word:b']);
      assert.deepEqual(lex('a</*x*/b'), ['word:a', 'op:<', 'block-comment:/*x*/', 'word:b']);
    });

    it('keeps multi-character operators together', () => {
      assert.deepEqual(lex('a<>b>=c||d'), ['word:a', 'op:<>', 'word:b', 'op:>=', 'word:c', 'op:||', 'word:d']);
    });

    it('reads punctuation and numbers', () => {
      assert.deepEqual(lex('f(1.5e-3, .5, 0x1F, 1_000)::int;'), [
        'word:f', 'punct:(', 'number:1.5e-3', 'punct:,', 'number:.5', 'punct:,', 'number:0x1F', 'punct:,', 'number:1_000', 'punct:)', 'punct::', 'punct::', 'word:int', 'punct:;',
      ]);
    });
  });

  describe('psql and odd input', () => {
    it('reads a backslash command to the end of its line', () => {
      assert.deepEqual(lex('\\set x 1\nSELECT'), ['meta:\\set x 1', 'word:SELECT']);
      assert.deepEqual(lex('SELECT 1 \\gset\nx'), ['word:SELECT', 'number:1', 'meta:\\gset', 'word:x']);
    });

    it('reads non-ASCII letters as identifier characters with UTF-16 offsets', () => {
      const text = '🚀 café';
      const t = tokenize(text).tokens;
      assert.deepEqual(t.map((x) => [x.start, x.end]), [[0, 2], [3, 7]]);
    });

    it('turns control characters into one-character tokens without stopping', () => {
      assert.deepEqual(lex('a\u0001\u0000b'), ['word:a', 'op:\u0001', 'op:\u0000', 'word:b']);
    });
  });
});
