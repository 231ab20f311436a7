/**
 * Connections in the real editor: Add Connection (password into SecretStorage, never settings.json),
 * Test Connection against the run's PostgreSQL, the production banner and Run guarded lenses,
 * Select Connection and Pin in File, the planner's estimate, and a read-only connection refusing
 * an UPDATE. The commands are driven with arguments (the quick inputs are for people; layer 2
 * shows the screen).
 */
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { closeAllEditors, codeOf, EXTENSION_ID, openNewSqlFile, waitForDiagnostics, workspaceRoot } from './helpers';

interface Pg {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
}

function pg(): Pg {
  const raw = process.env.SAFE_SQL_E2E_PG;
  if (!raw) throw new Error('SAFE_SQL_E2E_PG is not set: the e2e runner starts PostgreSQL (scripts/e2e/postgres.mjs)');
  return JSON.parse(raw) as Pg;
}

const missingWhere = (severity: vscode.DiagnosticSeverity) => (ds: readonly vscode.Diagnostic[]) => ds.some((d) => codeOf(d) === 'missing-where' && d.severity === severity);

/** Asks for the document's code lenses until `accept` holds (lenses have no change event to wait on). */
async function waitForLenses(uri: vscode.Uri, accept: (titles: string[]) => boolean, what: string, timeoutMs = 20_000): Promise<vscode.CodeLens[]> {
  const until = Date.now() + timeoutMs;
  let titles: string[] = [];
  for (;;) {
    const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)) ?? [];
    titles = lenses.map((l) => l.command?.title ?? '');
    if (accept(titles)) return lenses;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}; lenses now: ${JSON.stringify(titles)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('connections', () => {
  const section = () => vscode.workspace.getConfiguration('safeSql');
  let original: unknown;

  before(() => {
    original = section().inspect('connections')?.workspaceValue;
  });
  after(async () => {
    await section().update('connections', original, vscode.ConfigurationTarget.Workspace);
    await closeAllEditors();
  });
  afterEach(closeAllEditors);

  const add = (name: string, password: string, extra: Record<string, unknown> = {}) => {
    const { host, port, user, database } = pg();
    return vscode.commands.executeCommand('safeSql.addConnection', { profile: { name, environment: 'production', host, port, user, database, ...extra }, password, target: 'workspace' });
  };

  it('Add Connection: the profile lands in settings.json, the password only in SecretStorage; Test Connection uses it', async () => {
    assert.equal(await add('e2e-prod', pg().password), 'e2e-prod');
    const settingsFile = vscode.Uri.joinPath(workspaceRoot(), '.vscode', 'settings.json');
    const text = Buffer.from(await vscode.workspace.fs.readFile(settingsFile)).toString('utf8');
    assert.match(text, /"name": "e2e-prod"/);
    assert.ok(!text.includes(pg().password), 'the password was written to settings.json');
    assert.doesNotMatch(text, /password/i);
    // No prompt can answer here: success means the password came from SecretStorage.
    const result = await vscode.commands.executeCommand<{ ok: boolean; serverVersion?: string; roundTripMs?: number; reason?: string }>('safeSql.testConnection', 'e2e-prod');
    assert.ok(result?.ok, JSON.stringify(result));
    assert.match(result.serverVersion ?? '', /^\d+\.\d+/);
    assert.ok((result.roundTripMs ?? -1) >= 0);
  });

  it('Test Connection with a wrong password says why in one line', async () => {
    await add('e2e-wrong', 'not-the-password');
    const result = await vscode.commands.executeCommand<{ ok: boolean; reason?: string }>('safeSql.testConnection', 'e2e-wrong');
    assert.deepEqual(result, { ok: false, reason: `password authentication failed for user "${pg().user}"` });
  });

  it('a production-bound file gets the banner and Run guarded lenses; a development file only Run guarded', async () => {
    const prod = await openNewSqlFile('prod', 'SELECT 1;\n\nSELECT 2;\n');
    const lenses = await waitForLenses(prod.document.uri, (t) => t.includes('PRODUCTION · prod-main') && t.filter((x) => x === '▶ Run guarded').length === 2, 'the banner and two Run guarded lenses');
    const run = lenses.filter((l) => l.command?.title === '▶ Run guarded').map((l) => [l.range.start.line, l.command?.command, JSON.stringify(l.command?.arguments)]);
    assert.deepEqual(run, [
      [0, 'safeSql.runGuarded', JSON.stringify([prod.document.uri.toString(), { line: 0, character: 0 }])],
      [2, 'safeSql.runGuarded', JSON.stringify([prod.document.uri.toString(), { line: 2, character: 0 }])],
    ]);
    const dev = await openNewSqlFile('dev', 'SELECT 1;\n');
    const devTitles = (await waitForLenses(dev.document.uri, (t) => t.includes('▶ Run guarded'), 'a Run guarded lens')).map((l) => l.command?.title ?? '');
    assert.ok(!devTitles.some((t) => t.startsWith('PRODUCTION')), JSON.stringify(devTitles));
  });

  it('Select Connection binds a development file to production at once, clearing it undoes that, and Pin in File writes the directive', async () => {
    const editor = await openNewSqlFile('dev', 'DELETE FROM orders;\n');
    const uri = editor.document.uri;
    await waitForDiagnostics(uri, missingWhere(vscode.DiagnosticSeverity.Warning), 'a missing-where warning');
    await vscode.commands.executeCommand('safeSql.selectConnection', uri.toString(), 'prod-main');
    await waitForDiagnostics(uri, missingWhere(vscode.DiagnosticSeverity.Error), 'a missing-where error once production is selected');
    await waitForLenses(uri, (t) => t.includes('PRODUCTION · prod-main'), 'the production banner');
    await vscode.commands.executeCommand('safeSql.selectConnection', uri.toString(), '');
    await waitForDiagnostics(uri, missingWhere(vscode.DiagnosticSeverity.Warning), 'the warning again once the selection is cleared');
    await vscode.commands.executeCommand('safeSql.selectConnection', uri.toString(), 'prod-main', { pin: true });
    assert.equal(editor.document.lineAt(0).text, '-- safe-sql: connection=prod-main');
    assert.equal(editor.document.lineAt(1).text, 'DELETE FROM orders;');
    await waitForDiagnostics(uri, missingWhere(vscode.DiagnosticSeverity.Error), 'a missing-where error from the pinned directive');
  });

  it('shows the planner\'s estimate above a DELETE on a reachable connection', async () => {
    await add('e2e-estimate', pg().password);
    const editor = await openNewSqlFile('dev', '-- safe-sql: connection=e2e-estimate\nDELETE FROM items WHERE id < 100;\n');
    const lenses = await waitForLenses(editor.document.uri, (t) => t.some((x) => /^≈ [\d,]+ rows \(estimate\)$/.test(x)), 'an estimate lens');
    const estimate = lenses.find((l) => l.command?.title.startsWith('≈'))!;
    const rows = Number(/≈ ([\d,]+)/.exec(estimate.command!.title)![1].replace(/,/g, ''));
    assert.ok(rows >= 90 && rows <= 110, `estimate ${rows}`);
    assert.equal(estimate.range.start.line, 1);
  });

  it('the walkthrough has its five steps, and their pages were packaged', () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    const walkthrough = (ext.packageJSON as { contributes: { walkthroughs: Array<{ steps: Array<{ id: string; media: { markdown: string } }> }> } }).contributes.walkthroughs[0];
    assert.deepEqual(walkthrough.steps.map((s) => s.id), ['addConnection', 'tagProduction', 'openBoundFile', 'blockedDelete', 'guardedRun']);
    for (const step of walkthrough.steps) assert.ok(existsSync(join(ext.extensionPath, step.media.markdown)), `${step.media.markdown} is not in the package`);
  });

  it('a read-only connection refuses an UPDATE, before anything runs', async () => {
    await add('e2e-readonly', pg().password, { readOnly: true });
    const editor = await openNewSqlFile('dev', '-- safe-sql: connection=e2e-readonly\nUPDATE orders SET status = \'x\' WHERE id = 1;\n');
    await waitForLenses(editor.document.uri, (t) => t.includes(`PRODUCTION · e2e-readonly · ${pg().user}@127.0.0.1:${pg().port}/shop · read-only`), 'the read-only banner');
    const result = await vscode.commands.executeCommand<{ outcome: string; reason: string }>('safeSql.runGuarded', editor.document.uri.toString(), { line: 1, character: 0 });
    assert.equal(result?.outcome, 'refused', JSON.stringify(result));
    assert.match(result.reason, /read-only/);
  });
});
