/** resolveBinding: which environment a document gets. The stricter source always wins. */
import * as assert from 'node:assert/strict';
import { readSettings, resolveBinding, stricter, isEnvironment } from '../../../server/config/settings';

const { settings } = readSettings({
  connections: [
    { name: 'prod-main', environment: 'production' },
    { name: 'stage', environment: 'staging' },
    { name: 'local', environment: 'development' },
  ],
  documentConnections: { '**/prod/**/*.sql': 'prod-main', '**/scratch/*.sql': 'local', 'typo/*.sql': 'ghost' },
  defaultEnvironment: 'staging',
});

describe('resolveBinding', () => {
  it('binds by glob, with the connection', () => {
    const b = resolveBinding(settings, '/repo/db/prod/2024/fix.sql', undefined);
    assert.equal(b.environment, 'production');
    assert.equal(b.connection?.name, 'prod-main');
    assert.deepEqual(b.sources, ['glob **/prod/**/*.sql']);
  });

  it('a directive binds an otherwise unbound document', () => {
    const b = resolveBinding(settings, 'notes/q.sql', 'local');
    assert.equal(b.environment, 'development');
    assert.equal(b.connection?.name, 'local');
  });

  it('the stricter wins both ways: a directive cannot lower production, and can raise development', () => {
    const lowered = resolveBinding(settings, 'prod/x.sql', 'local');
    assert.equal(lowered.environment, 'production');
    assert.equal(lowered.connection?.name, 'prod-main');
    const raised = resolveBinding(settings, 'scratch/x.sql', 'prod-main');
    assert.equal(raised.environment, 'production');
    assert.equal(raised.connection?.name, 'prod-main');
  });

  it('two globs that disagree: the stricter wins', () => {
    const b = resolveBinding(settings, 'prod/scratch/x.sql', undefined);
    assert.equal(b.sources.length, 2, b.sources.join('; '));
    assert.equal(b.environment, 'production');
    assert.equal(b.connection?.name, 'prod-main');
  });

  it('an unknown connection, by glob or by directive, counts as production', () => {
    const byGlob = resolveBinding(settings, 'typo/a.sql', undefined);
    assert.equal(byGlob.environment, 'production');
    assert.equal(byGlob.connection, undefined);
    assert.match(byGlob.sources[0], /unknown connection "ghost": treated as production/);
    assert.equal(resolveBinding(settings, 'scratch/a.sql', 'nobody').environment, 'production');
  });

  it('defaultEnvironment applies only when nothing binds the document', () => {
    assert.deepEqual(resolveBinding(settings, 'other/a.sql', undefined), { environment: 'staging', sources: ['default'] });
    assert.deepEqual(resolveBinding(settings, undefined, undefined), { environment: 'staging', sources: ['default'] });
    // Bound to development: the default (staging) does not make it stricter.
    assert.equal(resolveBinding(settings, 'scratch/a.sql', undefined).environment, 'development');
  });
});

describe('stricter and isEnvironment', () => {
  it('orders production > staging > development, either way round', () => {
    assert.equal(stricter('development', 'production'), 'production');
    assert.equal(stricter('production', 'development'), 'production');
    assert.equal(stricter('staging', 'development'), 'staging');
    assert.equal(stricter('development', 'staging'), 'staging');
    assert.equal(stricter('development', 'development'), 'development');
  });

  it('knows the three environments only', () => {
    assert.ok(isEnvironment('staging'));
    for (const v of ['Production', 'prod', '', undefined, 2]) assert.ok(!isEnvironment(v), String(v));
  });
});
