/** The sealed password channel and the PGPASSWORD / ~/.pgpass look-up. */
import * as assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { passwordFromEnvironment } from '../../../server/engine/pgpass';
import { newChannelKey, seal, unseal } from '../../../shared/secretChannel';

describe('secret channel', () => {
  it('round-trips a password, and the sealed text does not contain it', () => {
    const key = newChannelKey();
    const sealed = seal('s3cr3t-pässword', key);
    assert.ok(!sealed.includes('s3cr3t'));
    assert.equal(unseal(sealed, key), 's3cr3t-pässword');
  });

  it('refuses another key and altered text', () => {
    const sealed = seal('pw', newChannelKey());
    assert.throws(() => unseal(sealed, newChannelKey()));
    const key = newChannelKey();
    const raw = Buffer.from(seal('pw', key), 'base64');
    raw[raw.length - 1] ^= 1;
    assert.throws(() => unseal(raw.toString('base64'), key));
  });
});

describe('password from the environment', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'safe-sql-pgpass-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const pgpass = (text: string, mode = 0o600) => {
    const file = join(dir, `pgpass-${Math.random()}`);
    writeFileSync(file, text);
    chmodSync(file, mode);
    return file;
  };
  const target = { host: 'db.example.com', port: 5432, database: 'shop', user: 'app' };

  it('PGPASSWORD counts', () => {
    assert.ok(passwordFromEnvironment(target, { PGPASSWORD: 'x', PGPASSFILE: join(dir, 'none') }));
  });

  it('a matching .pgpass line counts, with wildcards and escapes', () => {
    assert.ok(passwordFromEnvironment(target, { PGPASSFILE: pgpass('db.example.com:5432:shop:app:pw\n') }));
    assert.ok(passwordFromEnvironment(target, { PGPASSFILE: pgpass('# comment\n*:*:*:app:pw\n') }));
    assert.ok(passwordFromEnvironment({ ...target, user: 'a:b' }, { PGPASSFILE: pgpass('*:*:*:a\\:b:pw\n') }));
  });

  it('no match, a missing file, or a file others can read: no password', () => {
    assert.ok(!passwordFromEnvironment(target, { PGPASSFILE: pgpass('other:5432:shop:app:pw\n') }));
    assert.ok(!passwordFromEnvironment(target, { PGPASSFILE: join(dir, 'missing') }));
    assert.ok(!passwordFromEnvironment(target, { PGPASSFILE: pgpass('*:*:*:*:pw\n', 0o644) }));
  });
});
