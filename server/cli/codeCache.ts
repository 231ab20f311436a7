/**
 * Loads a command's bundle with V8's code cache, so that a short command does not compile the same
 * JavaScript on every start (Node 20 has no `module.enableCompileCache`).
 *
 * The cache is an optimisation only. It lives in the user's own cache folder (never a shared one:
 * cached code is trusted as the bundle itself is), and each file keeps the bundle's full text and a
 * checksum of V8's data: a cache made for other code, truncated or damaged, or rejected by V8
 * (another Node version or other flags) is ignored and rewritten. Any failure to read, check or
 * write it falls back to compiling the bundle as `require` would.
 */
import { isAscii } from 'node:buffer';
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { Script } from 'node:vm';

const MAGIC = 'safe-sql-v8-cache-2';
const HEADER = 4 + 4 + 4; // source length, data length, checksum (uint32, little-endian)

export interface LoadedBundle {
  exports: unknown;
  /** Writes the cache when it was missing or unusable; call when the command is done. */
  save(): void;
}

/** The folder for the cache, or undefined when the user has none (or turned it off). */
export function cacheFolder(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.SAFE_SQL_CODE_CACHE === 'off') return undefined;
  const base = env.XDG_CACHE_HOME || (env.HOME ? join(env.HOME, '.cache') : undefined);
  return base ? join(base, 'safe-sql') : undefined;
}

export function loadWithCodeCache(file: string, folder: string | undefined): LoadedBundle {
  const source = readFileSync(file);
  // One file per bundle path, Node version and architecture (V8 rejects another version's data anyway).
  const key = `${basename(file)}-${checksum(Buffer.from(file)).toString(16)}-${process.version}-${process.arch}`;
  const cacheFile = folder ? join(folder, `${key}.v8cache`) : undefined;
  const cached = cacheFile ? cachedData(cacheFile, source) : undefined;
  // The bundles are ASCII (scripts/build.mjs): read as Latin-1 that is the same text, decoded faster.
  const text = isAscii(source) ? source.toString('latin1') : source.toString('utf8');
  const script = new Script(Module.wrap(text), { filename: file, ...(cached ? { cachedData: cached } : {}) });
  const usable = cached !== undefined && script.cachedDataRejected !== true;
  const module = { exports: {} as unknown };
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
  wrapper.call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
  return {
    exports: module.exports,
    save() {
      if (usable || !cacheFile || !folder) return;
      try {
        // Made after the run, so it holds the functions the command compiled on its way.
        writeCache(folder, cacheFile, source, script.createCachedData());
        pruneStale(folder, cacheFile, Date.now());
      } catch {
        // No cache this time; the next start compiles again.
      }
    },
  };
}

/** The V8 data of a cache file made for exactly `source`, or undefined. */
function cachedData(cacheFile: string, source: Buffer): Buffer | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(cacheFile);
  } catch {
    return undefined;
  }
  const magic = Buffer.from(MAGIC);
  const start = magic.length + HEADER;
  if (bytes.length < start || !bytes.subarray(0, magic.length).equals(magic)) return undefined;
  const sourceLength = bytes.readUInt32LE(magic.length);
  const dataLength = bytes.readUInt32LE(magic.length + 4);
  const sum = bytes.readUInt32LE(magic.length + 8);
  const dataStart = aligned(start + sourceLength);
  if (sourceLength !== source.length || bytes.length !== dataStart + dataLength) return undefined;
  if (!bytes.subarray(start, start + sourceLength).equals(source)) return undefined;
  const data = bytes.subarray(dataStart);
  return checksum(data) === sum ? data : undefined;
}

function writeCache(folder: string, cacheFile: string, source: Buffer, data: Buffer): void {
  const magic = Buffer.from(MAGIC);
  const header = Buffer.alloc(HEADER);
  header.writeUInt32LE(source.length, 0);
  header.writeUInt32LE(data.length, 4);
  header.writeUInt32LE(checksum(data), 8);
  const start = magic.length + HEADER;
  const padding = Buffer.alloc(aligned(start + source.length) - (start + source.length));
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  // Written aside and renamed: a reader sees the old file or the whole new one.
  const partial = `${cacheFile}.${process.pid}.partial`;
  writeFileSync(partial, Buffer.concat([magic, header, source, padding, data]), { mode: 0o600 });
  renameSync(partial, cacheFile);
}

const STALE_MS = 30 * 24 * 60 * 60 * 1000;

/**
 * Removes caches not written for 30 days (other installs, other Node versions) and files left
 * half-written. Runs only when a cache was written, so a start that uses its cache does no more.
 * A cache still in use that goes is simply written again on its next start.
 */
export function pruneStale(folder: string, keep: string, now: number): void {
  for (const name of readdirSync(folder)) {
    const path = join(folder, name);
    if (path === keep || !(name.endsWith('.v8cache') || name.endsWith('.partial'))) continue;
    try {
      if (now - statSync(path).mtimeMs > STALE_MS) unlinkSync(path);
    } catch {
      // Gone already, or not ours to remove.
    }
  }
}

/** The data starts on an 8-byte boundary, so that its checksum can read it a word at a time. */
function aligned(offset: number): number {
  return Math.ceil(offset / 8) * 8;
}

/**
 * FNV-1a over 32-bit words, then the tail bytes: catches a damaged or truncated file, not a
 * deliberate forgery (the folder is the user's own). Word by word when the data is aligned: the
 * check runs on every start.
 */
export function checksum(data: Buffer): number {
  const words = data.length >>> 2;
  let h = 0x811c9dc5;
  if ((data.byteOffset & 3) === 0) {
    const view = new Int32Array(data.buffer, data.byteOffset, words);
    for (let i = 0; i < words; i++) h = Math.imul(h ^ view[i], 0x01000193);
  } else {
    for (let i = 0; i < words; i++) h = Math.imul(h ^ data.readInt32LE(i * 4), 0x01000193);
  }
  for (let i = words * 4; i < data.length; i++) h = Math.imul(h ^ data[i], 0x01000193);
  return h >>> 0;
}
