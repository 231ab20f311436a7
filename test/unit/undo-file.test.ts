/** Undo files: modes, the committed mark, and retention by age and total size. */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, statSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { markCommitted, newRunId, pruneUndoFiles, readUndoFile, writeUndoFile } from '../../server/engine/undo/file';
import { UndoHeader } from '../../server/engine/undo/types';

describe('undo files', () => {
  let dir: string;
  beforeEach(() => {
    dir = join(mkdtempSync(join(tmpdir(), 'safe-sql-undofile-')), 'undo');
  });
  afterEach(() => rmSync(join(dir, '..'), { recursive: true, force: true }));

  const header = (id: string): UndoHeader => ({ kind: 'safe-sql-undo', version: 1, id, createdAt: '', connection: 'c', environment: 'production', xid: '1', partial: false, reason: '', tables: [], statements: [] });

  it('is written 0600 in a 0700 folder, and is committed only once marked', async () => {
    const id = newRunId();
    const path = await writeUndoFile(dir, header(id), [{ statement: 0, rows: [['(1,a)', null]] }]);
    assert.equal(statSync(path).mode & 0o777, 0o600);
    assert.equal(statSync(dir).mode & 0o777, 0o700);
    assert.equal((await readUndoFile(path)).committed, false);
    await markCommitted(path);
    const f = await readUndoFile(path);
    assert.equal(f.committed, true);
    assert.deepEqual(f.rows.get(0), [['(1,a)', null]]);
  });

  it('removes files older than the retention, then the oldest beyond the total size', async () => {
    const old = await writeUndoFile(dir, header('old'), []);
    const mid = await writeUndoFile(dir, header('mid'), [{ statement: 0, rows: [['x'.repeat(500), null]] }]);
    const fresh = await writeUndoFile(dir, header('fresh'), [{ statement: 0, rows: [['y'.repeat(500), null]] }]);
    const now = Date.now();
    utimesSync(old, new Date(now - 40 * 86_400_000), new Date(now - 40 * 86_400_000));
    utimesSync(mid, new Date(now - 86_400_000), new Date(now - 86_400_000));
    const removed = await pruneUndoFiles(dir, 30, statSync(fresh).size + 10, now);
    assert.deepEqual(removed.sort(), [mid, old].sort());
    assert.ok(existsSync(fresh));
  });
});
