/** The settings schema in package.json agrees with what readSettings accepts, and has no password. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { UNDO_DEFAULTS } from '../../../server/engine/undo/types';
import { ConnectionProfile, DEFAULT_SETTINGS, PROFILE_FIELDS, readSettings, UNDO_LIMIT_DEFAULTS } from '../../../shared/settings';

interface Schema {
  type?: string;
  enum?: string[];
  default?: unknown;
  minimum?: number;
  scope?: string;
  description?: string;
  markdownDescription?: string;
  required?: string[];
  additionalProperties?: unknown;
  properties?: Record<string, Schema>;
  items?: Schema;
}

const pkg = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8')) as { contributes: { configuration: { properties: Record<string, Schema> } } };
const settings = pkg.contributes.configuration.properties;

/** One valid value per connection field type. */
function sample(schema: Schema): unknown {
  if (schema.enum) return schema.enum[0];
  if (schema.type === 'integer' || schema.type === 'number') return 5432;
  if (schema.type === 'boolean') return true;
  if (schema.type === 'string') return '30s';
  throw new Error(`no sample for ${JSON.stringify(schema)}`);
}

describe('package.json settings schema', () => {
  it('declares every Safe SQL setting with a description and the documented defaults', () => {
    assert.deepEqual(Object.keys(settings).sort(), [
      'safeSql.auditLogPath', 'safeSql.confirmTimeout', 'safeSql.connections', 'safeSql.defaultEnvironment', 'safeSql.documentConnections', 'safeSql.lockedConfirmTimeout',
      'safeSql.undo.maxBytes', 'safeSql.undo.maxRows', 'safeSql.undo.retentionBytes', 'safeSql.undo.retentionDays',
    ]);
    for (const [key, schema] of Object.entries(settings)) assert.ok((schema.markdownDescription ?? schema.description ?? '').length > 20, `${key} has a description`);
    assert.deepEqual(settings['safeSql.connections'].default, []);
    assert.deepEqual(settings['safeSql.documentConnections'].default, {});
    assert.equal(settings['safeSql.defaultEnvironment'].default, 'development');
    assert.deepEqual(settings['safeSql.defaultEnvironment'].enum, ['production', 'staging', 'development']);
    assert.equal(settings['safeSql.confirmTimeout'].default, 120);
    assert.equal(settings['safeSql.lockedConfirmTimeout'].default, 30);
    assert.equal(settings['safeSql.auditLogPath'].default, '');
    assert.equal(settings['safeSql.documentConnections'].scope, 'resource');
  });

  it('connections are closed objects with a required name and environment, and no password field', () => {
    const item = settings['safeSql.connections'].items!;
    assert.equal(item.additionalProperties, false);
    assert.deepEqual(item.required, ['name', 'environment']);
    assert.ok(!('password' in item.properties!));
    assert.match(settings['safeSql.connections'].markdownDescription!, /SecretStorage/);
  });

  it('every field the schema allows is read by readSettings, and nothing more', () => {
    const item = settings['safeSql.connections'].items!;
    const connection: Record<string, unknown> = { name: 'a', environment: 'staging' };
    for (const [key, schema] of Object.entries(item.properties!)) if (!(key in connection)) connection[key] = sample(schema);
    const { settings: read, problems } = readSettings({ connections: [connection] });
    assert.deepEqual(problems, []);
    const profile: ConnectionProfile = read.connections[0];
    assert.deepEqual(Object.keys(profile).sort(), Object.keys(item.properties!).sort());
    assert.deepEqual(Object.keys(PROFILE_FIELDS).sort(), Object.keys(item.properties!).filter((k) => k !== 'name' && k !== 'environment').sort());
  });

  /** The settings as VS Code hands them over: `safeSql.undo.maxRows` becomes `{ undo: { maxRows } }`. */
  function nested(values: Record<string, unknown>): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(values)) {
      const path = key.slice('safeSql.'.length).split('.');
      let at = out;
      for (const part of path.slice(0, -1)) at = (at[part] ??= {}) as Record<string, unknown>;
      at[path[path.length - 1]] = value;
    }
    return out;
  }

  it('the schema defaults read without problems', () => {
    const defaults = nested(Object.fromEntries(Object.entries(settings).map(([key, schema]) => [key, schema.default])));
    const read = readSettings(defaults);
    assert.deepEqual(read.problems, []);
    assert.deepEqual(read.settings, DEFAULT_SETTINGS);
  });

  it('the undo settings are the engine\'s limits: machine-scoped, their defaults and minimums those readSettings applies', () => {
    const undo = Object.entries(settings).filter(([key]) => key.startsWith('safeSql.undo.'));
    assert.deepEqual(undo.map(([key]) => key.slice('safeSql.undo.'.length)).sort(), Object.keys(UNDO_LIMIT_DEFAULTS).sort());
    for (const [key, schema] of undo) {
      const field = key.slice('safeSql.undo.'.length) as keyof typeof UNDO_LIMIT_DEFAULTS;
      assert.equal(schema.scope, 'machine', key);
      assert.equal(schema.type, 'integer', key);
      assert.equal(schema.default, UNDO_LIMIT_DEFAULTS[field], key);
      assert.deepEqual(readSettings({ undo: { [field]: schema.minimum } }).problems, [], `${key} at its minimum`);
      assert.equal(readSettings({ undo: { [field]: (schema.minimum ?? 0) - 1 } }).problems.length, 1, `${key} below its minimum`);
    }
    assert.deepEqual(UNDO_DEFAULTS, UNDO_LIMIT_DEFAULTS);
  });
});
