/** The settings schema in package.json agrees with what readSettings accepts, and has no password. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ConnectionProfile, PROFILE_FIELDS, readSettings } from '../../../shared/settings';

interface Schema {
  type?: string;
  enum?: string[];
  default?: unknown;
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
    assert.deepEqual(Object.keys(settings).sort(), ['safeSql.auditLogPath', 'safeSql.confirmTimeout', 'safeSql.connections', 'safeSql.defaultEnvironment', 'safeSql.documentConnections']);
    for (const [key, schema] of Object.entries(settings)) assert.ok((schema.markdownDescription ?? schema.description ?? '').length > 20, `${key} has a description`);
    assert.deepEqual(settings['safeSql.connections'].default, []);
    assert.deepEqual(settings['safeSql.documentConnections'].default, {});
    assert.equal(settings['safeSql.defaultEnvironment'].default, 'development');
    assert.deepEqual(settings['safeSql.defaultEnvironment'].enum, ['production', 'staging', 'development']);
    assert.equal(settings['safeSql.confirmTimeout'].default, 120);
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

  it('the schema defaults read without problems', () => {
    const defaults = Object.fromEntries(Object.entries(settings).map(([key, schema]) => [key.slice('safeSql.'.length), schema.default]));
    assert.deepEqual(readSettings(defaults).problems, []);
  });
});
