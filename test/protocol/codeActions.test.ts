import * as assert from 'node:assert/strict';
import { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { SERVER_COMMANDS } from '../../shared/commands';

const PLACE_CURSOR_COMMAND = SERVER_COMMANDS.placeCursor;
import { fileUri, startClient, TestClient } from './client';

const SETTINGS = { defaultEnvironment: 'production' };

/** Applies the action's edit to the text, as the editor would. */
function apply(text: string, uri: string, action: CodeAction): string {
  const edits: TextEdit[] = action.edit?.changes?.[uri] ?? [];
  assert.ok(edits.length > 0, `${action.title} has no edit for ${uri}`);
  return TextDocument.applyEdits(TextDocument.create(uri, 'sql', 1, text), edits);
}

function titled(actions: CodeAction[], pattern: RegExp): CodeAction {
  const action = actions.find((a) => pattern.test(a.title));
  assert.ok(action, `no action matching ${pattern} in ${JSON.stringify(actions.map((a) => a.title))}`);
  return action;
}

describe('protocol: quick fixes', function () {
  let client: TestClient;
  beforeEach(async () => {
    client = await startClient({ settings: () => SETTINGS });
  });
  afterEach(async () => {
    await client.stop();
  });

  async function actionsFor(uri: string, text: string, rule: string): Promise<{ diagnostic: Diagnostic; actions: CodeAction[] }> {
    const diagnostics = await client.open(uri, text);
    const diagnostic = diagnostics.find((d) => d.code === rule);
    assert.ok(diagnostic, `no ${rule} diagnostic in ${JSON.stringify(diagnostics)}`);
    return { diagnostic, actions: await client.codeActions(uri, [diagnostic]) };
  }

  it('"Add WHERE clause" inserts " WHERE " before the semicolon and places the cursor after it', async () => {
    const uri = fileUri('fix', 'delete.sql');
    const text = '-- 🚀 tidy\nDELETE FROM users;\n';
    const { diagnostic, actions } = await actionsFor(uri, text, 'missing-where');
    const action = titled(actions, /^Add WHERE clause$/);
    assert.equal(action.kind, 'quickfix');
    assert.deepEqual(action.diagnostics, [diagnostic]);
    assert.equal(apply(text, uri, action), '-- 🚀 tidy\nDELETE FROM users WHERE ;\n');
    assert.deepEqual(action.command, {
      title: action.command?.title,
      command: PLACE_CURSOR_COMMAND,
      arguments: [uri, { line: 1, character: 'DELETE FROM users WHERE '.length }],
    });
  });

  it('"Add WHERE clause" goes before RETURNING, leaving the cursor between WHERE and RETURNING', async () => {
    const uri = fileUri('fix', 'returning.sql');
    const text = 'UPDATE accounts SET balance = 0 RETURNING id;';
    const { actions } = await actionsFor(uri, text, 'missing-where');
    const action = titled(actions, /^Add WHERE clause$/);
    assert.equal(apply(text, uri, action), 'UPDATE accounts SET balance = 0 WHERE  RETURNING id;');
    assert.deepEqual(action.command?.arguments, [uri, { line: 0, character: 'UPDATE accounts SET balance = 0 WHERE '.length }]);
  });

  it('the added WHERE clause, once completed, clears the diagnostic', async () => {
    const uri = fileUri('fix', 'complete.sql');
    const text = 'DELETE FROM users;';
    const { actions } = await actionsFor(uri, text, 'missing-where');
    const fixed = apply(text, uri, titled(actions, /^Add WHERE clause$/)).replace('WHERE ', 'WHERE id = 1');
    const end = { line: 0, character: text.length };
    assert.deepEqual(await client.change(uri, 2, [{ range: { start: { line: 0, character: 0 }, end }, text: fixed }]), []);
  });

  it('"Suppress with a reason" adds an indented ignore line above the statement; the finding stays, lowered', async () => {
    const uri = fileUri('fix', 'suppress.sql');
    const text = 'SELECT 1;\n    TRUNCATE audit_log;\n';
    const { actions } = await actionsFor(uri, text, 'truncate');
    const action = titled(actions, /suppress/i);
    const comment = '    -- safe-sql-ignore truncate: ';
    const edited = apply(text, uri, action);
    assert.equal(edited, `SELECT 1;\n${comment}\n    TRUNCATE audit_log;\n`);
    assert.deepEqual(action.command?.command, PLACE_CURSOR_COMMAND);
    assert.deepEqual(action.command?.arguments, [uri, { line: 1, character: comment.length }]);
    // With a reason typed after the colon, the finding is kept as a suppressed warning.
    const withReason = edited.replace(comment, `${comment}nightly rebuild`);
    const after = await client.change(uri, 2, [{ text: withReason }]);
    const truncate = after.find((d) => d.code === 'truncate');
    assert.ok(truncate);
    assert.equal(truncate.severity, 2);
    assert.match(String(truncate.message), /nightly rebuild/);
    assert.ok(!(await client.codeActions(uri, [truncate])).some((a) => /suppress/i.test(a.title)), 'an already suppressed finding offers no second suppression');
  });

  it('"Suppress with a reason" breaks the line when another statement precedes it on the same line', async () => {
    const uri = fileUri('fix', 'sameline.sql');
    const text = 'SELECT 1; DELETE FROM t;';
    const { actions } = await actionsFor(uri, text, 'missing-where');
    const edited = apply(text, uri, titled(actions, /suppress/i));
    assert.equal(edited, 'SELECT 1; \n-- safe-sql-ignore missing-where: \nDELETE FROM t;');
  });

  it('offers no Add WHERE clause for other rules, and nothing for diagnostics of other sources', async () => {
    const uri = fileUri('fix', 'other.sql');
    const { actions } = await actionsFor(uri, 'TRUNCATE t;', 'truncate');
    assert.ok(!actions.some((a) => /WHERE/.test(a.title)));
    const foreign: Diagnostic = { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, message: 'x', source: 'other', code: 'missing-where' };
    assert.deepEqual(await client.codeActions(uri, [foreign]), []);
  });
});
