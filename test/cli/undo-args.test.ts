/** `safe-sql undo`'s arguments, refused before anything is read or connected. */
import * as assert from 'node:assert/strict';
import { runCli } from './cli-process';

describe('safe-sql undo arguments', () => {
  it('needs either a run id or --last', async () => {
    const r = await runCli(['undo']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /give either a RUN_ID or --last/);
  });

  it('refuses the --undo-* options of safe-sql run: an undo keeps no undo of its own', async () => {
    const r = await runCli(['undo', '--last', '--undo-max-rows', '10']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /--undo-\* options belong to safe-sql run/);
  });
});
