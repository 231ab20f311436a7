/** The runs that can be undone, from the audit log, and how the editor's quick pick words them. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuditRecord } from '../../server/engine/audit';
import { firstStatementLine, FIRST_LINE_MAX, lastUndoable, listUndoableRuns, readAudit } from '../../server/engine/undo/history';
import { undoableRunText, undoLine } from '../../src/run/undoText';

describe('undoable runs from the audit log', () => {
  let dir: string;
  let log: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'safe-sql-undohistory-'));
    log = join(dir, 'audit.jsonl');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** A committed run on `connection` with an undo file that exists (unless `file` is false). */
  function record(id: string, connection: string, extra: Partial<AuditRecord> = {}, file = true): AuditRecord {
    const path = join(dir, `${id}.undo.jsonl`);
    if (file) writeFileSync(path, '{}\n');
    return {
      ts: '2026-11-30T10:00:00.000Z', runId: `run-${id}`, client: 'vscode', connection, database: null, environment: 'production', user: 'ana',
      statements: [{ text: `\n\n  -- fix the emails\n  UPDATE users SET email = lower(email) WHERE id < ${id.length};\n  -- more`, command: 'UPDATE', rows: 2, ms: 1 }],
      totalRows: 2, impact: null, locks: [], expectation: null, ending: 'committed', outcome: 'committed', reason: 'committed 2 rows', durationMs: 3,
      undo: { available: true, partial: false, rows: 2, path, id, reason: 'undo available for 2 rows', committed: true },
      ...extra,
    };
  }
  const write = (records: AuditRecord[], torn = '') => writeFileSync(log, records.map((r) => `${JSON.stringify(r)}\n`).join('') + torn);

  it('lists committed runs on the connection, newest first; skips other connections, uncommitted, undone and pruned runs', async () => {
    write([
      record('a', 'prod'),
      record('b', 'other'),
      record('c', 'prod', { outcome: 'rolled-back', ending: 'declined' }),
      record('d', 'prod', { undo: { available: true, partial: false, rows: 2, id: 'd', reason: '', committed: false } }),
      record('e', 'prod', {}, false),
      record('f', 'prod'),
      { ...record('undo-of-f', 'prod'), undo: undefined, undoOf: 'f' },
      record('g', 'prod', { undo: { available: true, partial: true, rows: 1, path: join(dir, 'g.undo.jsonl'), id: 'g', reason: 'undo is partial: t has triggers', committed: true } }),
    ], '{"torn');
    const runs = await listUndoableRuns(log, 'prod');
    assert.deepEqual(runs.map((r) => r.id), ['g', 'a']);
    assert.deepEqual(runs[1], {
      id: 'a', runId: 'run-a', ts: '2026-11-30T10:00:00.000Z', user: 'ana', connection: 'prod', environment: 'production',
      firstStatement: 'UPDATE users SET email = lower(email) WHERE id < 1;', statements: 1, totalRows: 2, undoRows: 2, partial: false, reason: 'undo available for 2 rows',
    });
    assert.equal(runs[0].partial, true);
    assert.equal(lastUndoable(await readAudit(log), 'prod'), 'g');
    assert.equal(lastUndoable(await readAudit(log), 'nowhere'), undefined);
    assert.deepEqual(await listUndoableRuns(join(dir, 'missing.jsonl'), 'prod'), []);
  });

  it('the first statement is its first line of SQL, bounded, whatever surrounds it', () => {
    assert.equal(firstStatementLine({ statements: [] }), '');
    assert.equal(firstStatementLine({ statements: [{ text: '-- only a comment', command: null, rows: null, ms: 0 }] }), '-- only a comment');
    const long = firstStatementLine({ statements: [{ text: `DELETE FROM t WHERE id IN (${'1, '.repeat(100)}1);`, command: 'DELETE', rows: 1, ms: 0 }] });
    assert.equal(long.length, FIRST_LINE_MAX);
    assert.ok(long.endsWith('…'));
  });

  it('the quick pick shows time, statement, user and counts, marks a partial undo, and escapes control characters', () => {
    const view = { id: 'x', ts: '2026-11-30T10:00:00.000Z', user: 'ana', firstStatement: 'UPDATE t SET v = 1 /*\u202e*/;', statements: 2, totalRows: 1234, undoRows: 1234, partial: true, reason: 'undo is partial: t has triggers' };
    const text = undoableRunText(view);
    assert.match(text.label, /^\$\(warning\) \d{4}-\d\d-\d\d \d\d:\d\d:\d\d · UPDATE t SET v = 1 \/\*\\u202E\*\/;$/);
    assert.equal(text.description, 'ana · 2 statements · 1,234 rows');
    assert.equal(text.detail, 'Partial: t has triggers');
    assert.equal(undoableRunText({ ...view, partial: false, reason: 'undo available for 1,234 rows' }).label.startsWith('$(warning)'), false);
    assert.equal(undoLine({ available: false, partial: false, rows: 0, reason: 'undo unavailable: 3 rows over the limit (1 rows, 10 bytes)' }), 'Undo unavailable: 3 rows over the limit (1 rows, 10 bytes).');
  });
});
