/** readSettings: untrusted settings in, typed settings and clear problems out. */
import * as assert from 'node:assert/strict';
import { readSettings } from '../../../server/config/settings';
import { UNDO_LIMIT_DEFAULTS } from '../../../shared/settings';

const messages = (raw: unknown) => readSettings(raw).problems.map((p) => p.message);

describe('readSettings', () => {
  it('reads well-formed settings without problems', () => {
    const { settings, problems } = readSettings({
      connections: [{ name: 'prod-main', environment: 'production', host: 'db.internal', port: 5432, database: 'app', user: 'deploy', ssl: 'verify-full', maxAffectedRows: 500, statementTimeout: '30s', lockTimeout: '5s', readOnly: false }],
      documentConnections: { '**/prod/**/*.sql': 'prod-main' },
      defaultEnvironment: 'staging',
      confirmTimeout: 120,
      lockedConfirmTimeout: 30,
      auditLogPath: '',
      undo: { maxRows: 10, maxBytes: 2048, retentionDays: 7, retentionBytes: 4096 },
    });
    assert.deepEqual(problems, []);
    assert.deepEqual(settings, {
      connections: [{ name: 'prod-main', environment: 'production', host: 'db.internal', port: 5432, database: 'app', user: 'deploy', ssl: 'verify-full', maxAffectedRows: 500, statementTimeout: '30s', lockTimeout: '5s', readOnly: false }],
      documentConnections: { '**/prod/**/*.sql': 'prod-main' },
      defaultEnvironment: 'staging',
      confirmTimeout: 120,
      lockedConfirmTimeout: 30,
      auditLogPath: '',
      undo: { maxRows: 10, maxBytes: 2048, retentionDays: 7, retentionBytes: 4096 },
    });
  });

  it('defaults: no connections, no globs, development unless told otherwise', () => {
    assert.deepEqual(readSettings(undefined), { settings: { connections: [], documentConnections: {}, defaultEnvironment: 'development', confirmTimeout: 120, lockedConfirmTimeout: 30, auditLogPath: '', undo: UNDO_LIMIT_DEFAULTS }, problems: [] });
    assert.equal(readSettings({}, 'production').settings.defaultEnvironment, 'production');
  });

  it('an unknown environment is a problem and counts as production', () => {
    const { settings, problems } = readSettings({ connections: [{ name: 'x', environment: 'prod' }] });
    assert.equal(settings.connections[0].environment, 'production');
    assert.match(problems[0].message, /connection "x" has environment "prod"; expected production, staging or development; treated as production/);
    const missing = readSettings({ connections: [{ name: 'y' }] });
    assert.equal(missing.settings.connections[0].environment, 'production');
    assert.match(missing.problems[0].message, /connection "y" has environment undefined/);
  });

  it('an unknown defaultEnvironment is a problem and counts as production', () => {
    const { settings, problems } = readSettings({ defaultEnvironment: 'dev' });
    assert.equal(settings.defaultEnvironment, 'production');
    assert.match(problems[0].message, /safeSql.defaultEnvironment "dev" is not production, staging or development/);
  });

  it('a duplicate name is a problem; the first connection is used', () => {
    const { settings, problems } = readSettings({ connections: [{ name: 'a', environment: 'production' }, { name: 'a', environment: 'development' }] });
    assert.deepEqual(settings.connections, [{ name: 'a', environment: 'production' }]);
    assert.match(problems[0].message, /two connections named "a"; the first one is used/);
  });

  it('a document glob naming a missing connection is a problem, and is kept (it resolves to production)', () => {
    const { settings, problems } = readSettings({ documentConnections: { 'prod/*.sql': 'ghost' } });
    assert.deepEqual(settings.documentConnections, { 'prod/*.sql': 'ghost' });
    assert.match(problems[0].message, /documentConnections\["prod\/\*\.sql"\] names connection "ghost", which is not in safeSql.connections/);
  });

  it('a password field is a problem, is dropped, and its value is never repeated', () => {
    const { settings, problems } = readSettings({ connections: [{ name: 'p', environment: 'production', password: 's3cret-value' }] });
    assert.deepEqual(settings.connections, [{ name: 'p', environment: 'production' }]);
    assert.equal(problems.length, 1);
    assert.match(problems[0].message, /connection "p" has a password field; it is ignored/);
    assert.doesNotMatch(JSON.stringify({ settings, problems }), /s3cret-value/);
  });

  it('wrong field types and unknown fields are problems, never guessed', () => {
    const { settings, problems } = readSettings({ connections: [{ name: 'q', environment: 'staging', port: '5432', maxAffectedRows: -1, ssl: 'yes', readOnly: 'true', enviroment: 'development', toString: 1 }] });
    assert.deepEqual(settings.connections, [{ name: 'q', environment: 'staging' }]);
    assert.deepEqual(problems.map((p) => p.message), [
      'connection "q": port must be a port number; it is ignored',
      'connection "q": maxAffectedRows must be a whole number of rows; it is ignored',
      'connection "q": ssl must be disable, require or verify-full; it is ignored',
      'connection "q": readOnly must be true or false; it is ignored',
      'connection "q" has an unknown field "enviroment"; it is ignored',
      'connection "q" has an unknown field "toString"; it is ignored',
    ]);
  });

  it('undo is a true or false per connection', () => {
    const { settings, problems } = readSettings({ connections: [{ name: 'a', environment: 'production', undo: false }, { name: 'b', environment: 'staging', undo: 'yes' }] });
    assert.deepEqual(settings.connections, [{ name: 'a', environment: 'production', undo: false }, { name: 'b', environment: 'staging' }]);
    assert.deepEqual(problems.map((p) => p.message), ['connection "b": undo must be true or false; it is ignored']);
  });

  it('wrong shapes are problems, not exceptions', () => {
    assert.match(messages([1, 2]).join('\n'), /must be an object/);
    assert.match(messages({ connections: {} }).join('\n'), /safeSql.connections must be an array/);
    assert.match(messages({ connections: [null, 'x', { environment: 'production' }] }).join('\n'), /connections\[0\] must be an object[\s\S]*connections\[1\] must be an object[\s\S]*connections\[2\] has no name/);
    assert.match(messages({ documentConnections: ['a'] }).join('\n'), /documentConnections must be an object/);
    assert.match(messages({ documentConnections: { '*.sql': 3 } }).join('\n'), /documentConnections\["\*\.sql"\] must be a connection name/);
  });
});

describe('readSettings: run settings', () => {
  it('reads confirmTimeout and auditLogPath typed, and says when a value cannot be used', () => {
    assert.deepEqual(readSettings({ confirmTimeout: 30, auditLogPath: ' /var/log/safe-sql.jsonl ' }).settings.confirmTimeout, 30);
    assert.equal(readSettings({ auditLogPath: ' /var/log/a.jsonl ' }).settings.auditLogPath, '/var/log/a.jsonl');
    const bad = readSettings({ confirmTimeout: -1, auditLogPath: 7 });
    assert.equal(bad.settings.confirmTimeout, 120);
    assert.equal(bad.settings.auditLogPath, '');
    assert.equal(bad.problems.length, 2);
  });

  it('reads the undo limits one by one: a wrong value or an unknown field is a problem and the default stays', () => {
    const { settings, problems } = readSettings({ undo: { maxRows: 5, maxBytes: -1, retentionDays: 0, retentionBytes: 1.5, keep: true } });
    assert.deepEqual(settings.undo, { ...UNDO_LIMIT_DEFAULTS, maxRows: 5 });
    assert.deepEqual(problems.map((p) => p.message), [
      'safeSql.undo.maxBytes must be a whole number of at least 0; 67108864 is used',
      'safeSql.undo.retentionDays must be a whole number of at least 1; 30 is used',
      'safeSql.undo.retentionBytes must be a whole number of at least 1; 1073741824 is used',
      'safeSql.undo has an unknown field "keep"; it is ignored',
    ]);
    assert.equal(readSettings({ undo: 3 }).problems.length, 1);
  });
});
