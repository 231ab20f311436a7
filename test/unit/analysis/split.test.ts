import * as assert from 'node:assert/strict';
import { loadParser } from '../../../server/analysis/parser';
import { splitStatements } from '../../../server/analysis/split';

/** The statements' texts. */
function pieces(text: string): string[] {
  return splitStatements(text).statements.map((s) => text.slice(s.start, s.end));
}

describe('splitter', () => {
  // COPY … FROM STDIN is recognised by PostgreSQL's parser.
  before(() => loadParser());

  it('keeps psql\'s \\; inside one query', () => {
    assert.deepEqual(pieces('SELECT 1 \\; DELETE FROM t;\nSELECT 2;'), ['SELECT 1 \\; DELETE FROM t;', 'SELECT 2;']);
  });

  it('reads SQL after \\\\ on a meta-command line', () => {
    assert.deepEqual(pieces('\\pset border 2 \\\\ DELETE FROM t;'), ['DELETE FROM t;']);
    assert.deepEqual(pieces("\\echo 'a \\\\ b' \\\\ SELECT 1;"), ['SELECT 1;']);
  });

  it('makes meta-commands that run unseen SQL statements of their own', () => {
    assert.deepEqual(pieces('\\i a.sql\nSELECT 1;\n\\timing\nSELECT 2 \\gexec\n\\! ls \\\\ x'), ['\\i a.sql', 'SELECT 1;', 'SELECT 2', '\\gexec', '\\! ls \\\\ x']);
  });

  it('never lets begin, end, case or atomic used as names move a boundary', () => {
    assert.deepEqual(pieces("CREATE FUNCTION f(begin int) RETURNS int LANGUAGE sql AS 'select 1'; DELETE FROM t;"), ["CREATE FUNCTION f(begin int) RETURNS int LANGUAGE sql AS 'select 1';", 'DELETE FROM t;']);
    assert.deepEqual(pieces('CREATE FUNCTION begin() RETURNS int LANGUAGE sql RETURN 1; SELECT 1;'), ['CREATE FUNCTION begin() RETURNS int LANGUAGE sql RETURN 1;', 'SELECT 1;']);
    const atomic = 'CREATE FUNCTION f(atomic int) RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT atomic AS end, t.case FROM t; END;';
    assert.deepEqual(pieces(`${atomic} SELECT 2;`), [atomic, 'SELECT 2;']);
  });

  it('skips COPY data only when the parser reads COPY … FROM STDIN', () => {
    assert.deepEqual(pieces("COPY t FROM '/stdin';\nDELETE FROM t;"), ["COPY t FROM '/stdin';", 'DELETE FROM t;']);
    assert.deepEqual(pieces('COPY t FROM STDIN WITH (FORMAT csv);\n1,x;\n\\.\nSELECT 1;'), ['COPY t FROM STDIN WITH (FORMAT csv);', 'SELECT 1;']);
    assert.deepEqual(pieces('COPY t FROM STDIN WITH (FORMAT nonsense'), ['COPY t FROM STDIN WITH (FORMAT nonsense']);
  });
  it('splits at semicolons outside quotes and comments', () => {
    assert.deepEqual(pieces(`SELECT ';'; SELECT 2 /* ; */;\n-- ;\nSELECT $$;$$`), [`SELECT ';';`, 'SELECT 2 /* ; */;', 'SELECT $$;$$']);
  });

  it('finds no statement in empty text, whitespace or comments', () => {
    assert.deepEqual(pieces(''), []);
    assert.deepEqual(pieces('  \n\t'), []);
    assert.deepEqual(pieces('-- x\n/* y */'), []);
  });

  it('does not split inside parentheses, and records their depth', () => {
    const { statements } = splitStatements('SELECT ((1;2)); SELECT 3;');
    assert.equal(statements.length, 2);
    assert.equal(statements[0].maxDepth, 2);
    assert.equal(statements[1].maxDepth, 0);
  });

  it('ends a statement at a psql backslash command', () => {
    assert.deepEqual(pieces('SELECT 1\n\\g\nDELETE FROM t;'), ['SELECT 1', 'DELETE FROM t;']);
    assert.deepEqual(pieces('\\set a 1\n\\timing on\nSELECT 1;'), ['SELECT 1;']);
    assert.deepEqual(pieces('SELECT 1 AS x \\gset\nSELECT 2;'), ['SELECT 1 AS x', 'SELECT 2;']);
  });

  it('skips the data after COPY … FROM STDIN up to the \\. line', () => {
    const text = 'COPY t FROM STDIN;\n1\tDELETE FROM t;\n2\t\'x\n\\.\nSELECT 1;';
    assert.deepEqual(pieces(text), ['COPY t FROM STDIN;', 'SELECT 1;']);
  });

  it('skips the data after \\copy … from stdin, also with CRLF lines', () => {
    const text = '\\copy t from stdin\r\n1\t;\r\n\\.\r\nSELECT 1;';
    assert.deepEqual(pieces(text), ['SELECT 1;']);
  });

  it('treats COPY data without a terminator as running to the end', () => {
    assert.deepEqual(pieces('COPY t FROM stdin;\nDELETE FROM t;'), ['COPY t FROM stdin;']);
  });

  it('does not skip anything after COPY … TO STDOUT', () => {
    assert.deepEqual(pieces('COPY t TO STDOUT;\nSELECT 1;'), ['COPY t TO STDOUT;', 'SELECT 1;']);
  });

  it('keeps a BEGIN ATOMIC body in one statement', () => {
    const text = 'CREATE OR REPLACE PROCEDURE p() LANGUAGE sql BEGIN ATOMIC DELETE FROM t; SELECT CASE WHEN true THEN 1 END; END; SELECT 1;';
    assert.deepEqual(pieces(text), [
      'CREATE OR REPLACE PROCEDURE p() LANGUAGE sql BEGIN ATOMIC DELETE FROM t; SELECT CASE WHEN true THEN 1 END; END;',
      'SELECT 1;',
    ]);
  });

  it('does not treat a top-level BEGIN as a block', () => {
    assert.deepEqual(pieces('BEGIN; DELETE FROM t; END;'), ['BEGIN;', 'DELETE FROM t;', 'END;']);
  });

  it('attaches safe-sql directives to the next statement only', () => {
    const text = '-- safe-sql-ignore truncate: x\n-- plain\nTRUNCATE t;\nSELECT 1;\n-- safe-sql: expect-rows 1';
    const { statements, directives } = splitStatements(text);
    assert.equal(directives.length, 2);
    assert.deepEqual(statements.map((s) => s.directives.map((d) => text.slice(d.start, d.end))), [['-- safe-sql-ignore truncate: x'], []]);
  });

  it('makes the rest of the text after an unclosed quote one unterminated statement', () => {
    const text = 'SELECT 1;\nSELECT \'a;\nDELETE FROM t;';
    const { statements } = splitStatements(text);
    assert.equal(statements.length, 2);
    assert.equal(statements[1].start, 10);
    assert.equal(statements[1].end, text.length);
    assert.deepEqual(statements[1].unterminated, { what: 'quoted string', start: 17 });
  });

  it('starts the unterminated statement at an unclosed comment between statements', () => {
    const { statements } = splitStatements('SELECT 1; /* open');
    assert.equal(statements.length, 2);
    assert.equal(statements[1].start, 10);
    assert.equal(statements[1].unterminated?.what, 'block comment');
  });
});
