/**
 * The short commands' code cache (server/cli/codeCache.ts): a cache is used only for the exact
 * bundle it was made from and only when intact; anything else is ignored and written again.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cacheFolder, checksum, loadWithCodeCache, pruneStale } from '../../../server/cli/codeCache';

describe('code cache', () => {
  let root: string;
  let bundle: string;
  let folder: string;
  const cacheFiles = () => fs.readdirSync(folder).filter((f) => f.endsWith('.v8cache'));
  const cacheFile = () => path.join(folder, cacheFiles()[0]);
  const inode = () => fs.statSync(cacheFile()).ino;

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'safe-sql-code-cache-'));
    bundle = path.join(root, 'cli-test.js');
    fs.writeFileSync(bundle, 'exports.answer = () => 42; exports.where = __filename;\n');
    folder = path.join(root, 'cache');
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  const load = () => {
    const loaded = loadWithCodeCache(bundle, folder);
    const exports = loaded.exports as { answer(): number; where: string };
    assert.equal(exports.answer(), 42);
    assert.equal(exports.where, bundle);
    loaded.save();
  };

  it('writes a cache after the first run and keeps it while it is usable', () => {
    load();
    assert.equal(cacheFiles().length, 1);
    assert.equal(fs.statSync(cacheFile()).mode & 0o777, 0o600);
    const first = inode();
    load();
    assert.equal(inode(), first, 'an intact cache for the same bundle is not written again');
  });

  it('ignores and rewrites a damaged cache', () => {
    load();
    const file = cacheFile();
    const bytes = fs.readFileSync(file);
    bytes[bytes.length - 3] ^= 0xff;
    fs.writeFileSync(file, bytes);
    const damaged = inode();
    load();
    assert.notEqual(inode(), damaged, 'the damaged cache was replaced');
    assert.notDeepEqual(fs.readFileSync(file), bytes);
  });

  it('ignores a truncated cache and a cache for another text of the same length', () => {
    load();
    const file = cacheFile();
    fs.truncateSync(file, 40);
    let before = inode();
    load();
    assert.notEqual(inode(), before);

    const text = fs.readFileSync(bundle, 'utf8');
    const other = text.replace('=> 42;', '=>42 ;');
    assert.equal(other.length, text.length);
    fs.writeFileSync(bundle, other);
    before = inode();
    load();
    assert.notEqual(inode(), before, 'a cache made for other code is not used');
  });

  it('works without a cache folder, and a folder that cannot be written is no error', () => {
    const loaded = loadWithCodeCache(bundle, undefined);
    assert.equal((loaded.exports as { answer(): number }).answer(), 42);
    loaded.save();
    fs.writeFileSync(folder, 'a file where the folder should be');
    load();
  });

  it('lives in the user cache folder, never elsewhere, and can be turned off', () => {
    assert.equal(cacheFolder({ XDG_CACHE_HOME: '/x/cache', HOME: '/home/u' }), path.join('/x/cache', 'safe-sql'));
    assert.equal(cacheFolder({ HOME: '/home/u' }), path.join('/home/u', '.cache', 'safe-sql'));
    assert.equal(cacheFolder({}), undefined);
    assert.equal(cacheFolder({ HOME: '/home/u', SAFE_SQL_CODE_CACHE: 'off' }), undefined);
  });

  it('removes caches and half-written files not written for 30 days, and nothing else', () => {
    load();
    const kept = cacheFile();
    const day = 24 * 60 * 60 * 1000;
    const old = (name: string, days: number) => {
      const file = path.join(folder, name);
      fs.writeFileSync(file, 'x');
      const t = new Date(Date.now() - days * day);
      fs.utimesSync(file, t, t);
      return file;
    };
    const stale = [old('cli-check.js-1-v18.0.0-x64.v8cache', 31), old('cli-run.js-2-v20.0.0-x64.v8cache.4242.partial', 40)];
    const recent = old('cli-run.js-3-v20.0.0-x64.v8cache', 29);
    const other = old('notes.txt', 400);
    fs.utimesSync(kept, new Date(0), new Date(0));
    pruneStale(folder, kept, Date.now());
    for (const f of stale) assert.equal(fs.existsSync(f), false, f);
    for (const f of [recent, other, kept]) assert.equal(fs.existsSync(f), true, f);
  });

  it('checksums every byte, aligned or not', () => {
    const data = Buffer.from(Array.from({ length: 103 }, (_, i) => (i * 7) & 0xff));
    const unaligned = Buffer.concat([Buffer.from([0]), data]).subarray(1);
    assert.equal(checksum(unaligned), checksum(data));
    for (const i of [0, 50, 101, 102]) {
      const changed = Buffer.from(data);
      changed[i] ^= 1;
      assert.notEqual(checksum(changed), checksum(data), `byte ${i}`);
    }
  });
});
