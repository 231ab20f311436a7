/** Connection profiles: TLS defaults, the editor's selection as a binding source, and the banner. */
import * as assert from 'node:assert/strict';
import { effectiveSsl, isLoopback, readSettings, resolveBinding, SafeSqlSettings } from '../../../server/config/settings';
import { resolveConnection } from '../../../server/engine/connect';
import { bannerTitle, estimateTitle } from '../../../server/lsp/codeLens';
import { connectionLabel } from '../../../shared/labels';
import { UNDO_LIMIT_DEFAULTS } from '../../../shared/settings';

const settings: SafeSqlSettings = {
  connections: [
    { name: 'prod-main', environment: 'production', host: 'db.example.com', database: 'shop' },
    { name: 'stage', environment: 'staging' },
    { name: 'dev-a', environment: 'development' },
    { name: 'dev-b', environment: 'development' },
  ],
  documentConnections: { 'prod/**': 'prod-main', 'dev/**': 'dev-a' },
  defaultEnvironment: 'development',
  confirmTimeout: 120,
  lockedConfirmTimeout: 30,
  auditLogPath: '',
  undo: UNDO_LIMIT_DEFAULTS,
};

describe('TLS defaults of a connection profile', () => {
  it('loopback hosts (and no host, and socket folders) default to disable', () => {
    for (const host of [undefined, '', 'localhost', 'LOCALHOST', 'app.localhost', '127.0.0.1', '127.1.2.3', '::1', '[::1]', '/var/run/postgresql']) {
      assert.equal(isLoopback(host), true, String(host));
      assert.equal(effectiveSsl({ environment: 'production', host }), 'disable', String(host));
    }
  });

  it('a production host elsewhere defaults to verify-full; other environments to PostgreSQL\'s default', () => {
    for (const host of ['db.example.com', '10.0.0.5', '128.0.0.1', 'localhost.example.com', '::2']) {
      assert.equal(isLoopback(host), false, host);
      assert.equal(effectiveSsl({ environment: 'production', host }), 'verify-full', host);
      assert.equal(effectiveSsl({ environment: 'staging', host }), undefined, host);
    }
  });

  it('an explicit ssl wins', () => {
    assert.equal(effectiveSsl({ environment: 'production', host: 'db.example.com', ssl: 'require' }), 'require');
    assert.equal(effectiveSsl({ environment: 'development', host: 'localhost', ssl: 'verify-full' }), 'verify-full');
  });

  it('is applied where the profile becomes a connection', () => {
    const remote = resolveConnection({ kind: 'profile', profile: { name: 'p', environment: 'production', host: 'db.example.com' } });
    assert.ok(remote.ok);
    assert.deepEqual(remote.value.config.ssl, { rejectUnauthorized: true, ca: undefined });
    const local = resolveConnection({ kind: 'profile', profile: { name: 'p', environment: 'production', host: '127.0.0.1' } });
    assert.ok(local.ok);
    assert.equal(local.value.config.ssl, false);
  });
});

describe('the connection selected in the editor', () => {
  it('binds a document no glob binds', () => {
    const b = resolveBinding({ ...settings, selectedConnection: 'prod-main' }, 'misc/a.sql', undefined);
    assert.equal(b.environment, 'production');
    assert.equal(b.connection?.name, 'prod-main');
    assert.deepEqual(b.sources, ['selection']);
  });

  it('raises a development file to production at once, and never lowers a production one', () => {
    assert.equal(resolveBinding(settings, 'dev/a.sql', undefined, 'prod-main').environment, 'production');
    const lowered = resolveBinding(settings, 'prod/a.sql', undefined, 'dev-a');
    assert.equal(lowered.environment, 'production');
    assert.equal(lowered.connection?.name, 'prod-main');
    assert.deepEqual(lowered.sources, ['glob prod/**', 'selection']);
  });

  it('on equal strictness the selection names the connection', () => {
    const b = resolveBinding(settings, 'dev/a.sql', undefined, 'dev-b');
    assert.equal(b.connection?.name, 'dev-b');
    assert.equal(b.environment, 'development');
  });

  it('an unknown selected name counts as production, and readSettings says so', () => {
    const { settings: read, problems } = readSettings({ connections: [{ name: 'dev-a', environment: 'development' }], selectedConnection: 'gone' });
    assert.equal(read.selectedConnection, 'gone');
    assert.match(problems[0].message, /"gone", is not in safeSql.connections; the document is treated as production/);
    assert.equal(resolveBinding(read, 'x.sql', undefined).environment, 'production');
    assert.match(readSettings({ selectedConnection: 3 }).problems[0].message, /must be a connection name/);
  });

  it('a directive and a selection: the stricter wins', () => {
    assert.equal(resolveBinding(settings, 'x.sql', 'stage', 'dev-a').environment, 'staging');
    assert.equal(resolveBinding(settings, 'x.sql', 'dev-a', 'stage').environment, 'staging');
  });
});

describe('code lens titles', () => {
  it('the production banner names the connection and where it points', () => {
    const prod = resolveBinding(settings, 'prod/a.sql', undefined);
    assert.equal(bannerTitle(prod), 'PRODUCTION · prod-main · db.example.com/shop');
    const readOnly = resolveBinding({ ...settings, connections: [{ name: 'ro', environment: 'production', host: 'h', port: 6543, readOnly: true }] }, 'x', 'ro');
    assert.equal(bannerTitle(readOnly), 'PRODUCTION · ro · h:6543 · read-only');
    assert.equal(bannerTitle(resolveBinding(settings, 'x', 'nope')), 'PRODUCTION · unknown connection "nope"');
    assert.equal(bannerTitle({ environment: 'production', sources: ['default'] }), 'PRODUCTION · default environment');
    assert.equal(bannerTitle(resolveBinding(settings, 'dev/a.sql', undefined)), undefined);
    assert.equal(bannerTitle(resolveBinding(settings, 'x', 'stage')), undefined);
  });

  it('estimates read as counts', () => {
    assert.equal(estimateTitle(8012), '≈ 8,012 rows (estimate)');
    assert.equal(estimateTitle(1), '≈ 1 row (estimate)');
  });
});

describe('connection labels', () => {
  it('one format everywhere: user@host:port/database, the default port left out, nothing when nothing is set', () => {
    assert.equal(connectionLabel({ user: 'app', host: 'db', port: 5432, database: 'shop' }), 'app@db/shop');
    assert.equal(connectionLabel({ host: 'db', port: 6543 }), 'db:6543');
    assert.equal(connectionLabel({ database: 'shop' }), 'localhost/shop');
    assert.equal(connectionLabel({}), '');
  });
});
