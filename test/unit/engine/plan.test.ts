/** planRun: a ready analysis is used only for exactly the text it analysed. */
import * as assert from 'node:assert/strict';
import { Analyzer } from '../../../server/analysis/analyze';
import { planRun } from '../../../server/engine/plan';

describe('planRun and a caller\'s analysis', () => {
  it('reuses the analysis of exactly the text it would send', async () => {
    const text = 'UPDATE t SET a = 1 WHERE id = 1;';
    const analysis = new Analyzer().analyze(text);
    const plan = await planRun(text, 'production', false, undefined, { text, analysis });
    assert.equal(plan.ok, true);
  });

  it('analyses the text itself when it differs from the analysed text, so a stale analysis cannot let a statement through', async () => {
    const seen = 'DELETE FROM t WHERE id = 1;';
    const plan = await planRun('DELETE FROM t;', 'production', false, undefined, { text: seen, analysis: new Analyzer().analyze(seen) });
    assert.equal(plan.ok, false);
    assert.match(plan.ok ? '' : plan.reason, /missing-where/);
  });
});
