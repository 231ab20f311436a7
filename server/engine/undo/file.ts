/**
 * The undo file: one per run, in a folder only its owner can enter (0700), readable only by its
 * owner (0600). Written and flushed before COMMIT; a last line `{"committed":true}` is appended
 * once COMMIT succeeded, so a file without it belongs to a run that may never have committed.
 */
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { appendFile, chmod, mkdir, open, readdir, readFile, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { UndoHeader, UndoRows } from './types';

export function newRunId(now = new Date()): string {
  return `${now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}-${randomBytes(4).toString('hex')}`;
}

export function undoPath(dir: string, id: string): string {
  return join(dir, `${id}.undo.jsonl`);
}

async function ensureDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  // An existing folder keeps its mode: narrow it, the rows in it are the database's own data.
  await chmod(dir, 0o700);
}

export async function writeUndoFile(dir: string, header: UndoHeader, rows: UndoRows[]): Promise<string> {
  await ensureDir(dir);
  const path = undoPath(dir, header.id);
  const handle = await open(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600);
  try {
    // Lines of at most 1,000 rows, gathered into writes of about 1 MB: few system calls, bounded strings.
    let pending = `${JSON.stringify(header)}\n`;
    for (const r of rows) {
      for (let i = 0; i < r.rows.length || i === 0; i += 1000) {
        pending += `${JSON.stringify({ statement: r.statement, rows: r.rows.slice(i, i + 1000) })}\n`;
        if (pending.length > 1_000_000) {
          await handle.write(pending);
          pending = '';
        }
      }
    }
    await handle.write(pending);
    await handle.sync();
  } finally {
    await handle.close();
  }
  return path;
}

export async function markCommitted(path: string): Promise<void> {
  await appendFile(path, `${JSON.stringify({ committed: true, at: new Date().toISOString() })}\n`, { mode: 0o600 });
}

export interface UndoFile {
  header: UndoHeader;
  rows: Map<number, Array<[string | null, string | null]>>;
  committed: boolean;
}

export async function readUndoFile(path: string): Promise<UndoFile> {
  const lines = (await readFile(path, 'utf8')).split('\n').filter((l) => l.length > 0);
  const header = JSON.parse(lines[0] ?? '{}') as UndoHeader;
  if (header.kind !== 'safe-sql-undo' || header.version !== 1) throw new Error(`${path} is not an undo file of this version`);
  const rows = new Map<number, Array<[string | null, string | null]>>();
  let committed = false;
  for (const line of lines.slice(1)) {
    const item = JSON.parse(line) as UndoRows | { committed: boolean };
    if ('committed' in item) committed = item.committed === true;
    else rows.set(item.statement, [...(rows.get(item.statement) ?? []), ...item.rows]);
  }
  return { header, rows, committed };
}

/** Removes undo files older than `days`, then the oldest until the rest fit in `bytes`. */
export async function pruneUndoFiles(dir: string, days: number, bytes: number, now = Date.now()): Promise<string[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith('.undo.jsonl'));
  } catch {
    return [];
  }
  const files: Array<{ path: string; mtime: number; size: number }> = [];
  for (const name of names) {
    const s = await stat(join(dir, name)).catch(() => undefined);
    if (s) files.push({ path: join(dir, name), mtime: s.mtimeMs, size: s.size });
  }
  files.sort((a, b) => b.mtime - a.mtime);
  const removed: string[] = [];
  let kept = 0;
  for (const f of files) {
    if (now - f.mtime > days * 86_400_000 || kept + f.size > bytes) removed.push(f.path);
    else kept += f.size;
  }
  for (const path of removed) await unlink(path).catch(() => undefined);
  return removed;
}
