/** Settings from a `--config` JSON file: plain keys, `safeSql.`-prefixed keys, or a `safeSql` object. */
import * as assert from 'node:assert/strict';
import { ConfigFileError, settingsFromJsonText } from '../../../server/config/file';
import { UNDO_LIMIT_DEFAULTS } from '../../../shared/settings';

const CONNECTIONS = [{ name: 'local', environment: 'development' }];

describe('settingsFromJsonText', () => {
  it('reads the three spellings into the same settings', () => {
    const spellings = [
      { connections: CONNECTIONS, documentConnections: { 'dev/*.sql': 'local' } },
      { 'safeSql.connections': CONNECTIONS, 'safeSql.documentConnections': { 'dev/*.sql': 'local' } },
      { safeSql: { connections: CONNECTIONS, documentConnections: { 'dev/*.sql': 'local' } } },
    ];
    for (const raw of spellings) {
      const { settings, problems } = settingsFromJsonText(JSON.stringify(raw), 'production');
      assert.deepEqual(problems, []);
      assert.deepEqual(settings, { connections: CONNECTIONS, documentConnections: { 'dev/*.sql': 'local' }, defaultEnvironment: 'production', confirmTimeout: 120, lockedConfirmTimeout: 30, auditLogPath: '', undo: UNDO_LIMIT_DEFAULTS });
    }
  });

  it('skips other extensions\' settings silently and reports unknown Safe SQL keys', () => {
    const { problems } = settingsFromJsonText(JSON.stringify({ 'editor.tabSize': 2, 'safeSql.conections': [], confirmTimeout: 60, 'safeSql.auditLogPath': '' }), 'production');
    assert.deepEqual(problems.map((p) => p.message), [
      'unknown setting "safeSql.conections" is ignored; known: safeSql.connections, safeSql.documentConnections, safeSql.defaultEnvironment, safeSql.confirmTimeout, safeSql.lockedConfirmTimeout, safeSql.auditLogPath, safeSql.undo',
    ]);
  });

  it('reads safeSql.undo.maxRows as settings.json spells it into the undo limits', () => {
    const { settings, problems } = settingsFromJsonText(JSON.stringify({ 'safeSql.undo.maxRows': 7, 'safeSql.undo.retentionDays': 2 }), 'production');
    assert.deepEqual(problems, []);
    assert.deepEqual(settings.undo, { ...UNDO_LIMIT_DEFAULTS, maxRows: 7, retentionDays: 2 });
  });

  it('reports a setting given twice', () => {
    const { settings, problems } = settingsFromJsonText(JSON.stringify({ defaultEnvironment: 'development', 'safeSql.defaultEnvironment': 'staging' }), 'production');
    assert.equal(settings.defaultEnvironment, 'staging');
    assert.match(problems[0].message, /"safeSql.defaultEnvironment" is given more than once/);
  });

  it('throws ConfigFileError for text that is not a JSON object', () => {
    for (const text of ['', '{', '[]', '"x"', 'null']) {
      assert.throws(() => settingsFromJsonText(text, 'production'), ConfigFileError, JSON.stringify(text));
    }
  });

  it('accepts a byte-order mark', () => {
    assert.deepEqual(settingsFromJsonText('\uFEFF{}', 'development').settings.defaultEnvironment, 'development');
  });
});
