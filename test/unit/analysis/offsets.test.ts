import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { offsetMap } from '../../../server/analysis/offsets';

describe('offsets', () => {
  it('maps ASCII one to one', () => {
    const m = offsetMap('SELECT 1');
    assert.equal(m.fromBytes(7), 7);
    assert.equal(m.fromCodePoints(7), 7);
  });

  it('maps UTF-8 bytes and code points to UTF-16 across é and an emoji', () => {
    const m = offsetMap('é🚀a');
    // é: bytes 0-1; 🚀: bytes 2-5 (two UTF-16 units); a: byte 6.
    assert.deepEqual([0, 1, 2, 5, 6, 7].map((b) => m.fromBytes(b)), [0, 0, 1, 1, 3, 4]);
    assert.deepEqual([0, 1, 2, 3].map((p) => m.fromCodePoints(p)), [0, 1, 3, 4]);
  });

  it('clamps offsets past either end', () => {
    const m = offsetMap('ü');
    assert.equal(m.fromBytes(99), 1);
    assert.equal(m.fromBytes(-5), 0);
  });

  it('agrees with Buffer.byteLength and code-point counts at every code-point boundary', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (text) => {
        const m = offsetMap(text);
        for (let i = 0; i <= text.length; i++) {
          const c = text.charCodeAt(i - 1);
          if (i > 0 && c >= 0xd800 && c <= 0xdbff && i < text.length) {
            const d = text.charCodeAt(i);
            if (d >= 0xdc00 && d <= 0xdfff) continue; // inside a surrogate pair
          }
          const prefix = text.slice(0, i);
          assert.equal(m.fromBytes(Buffer.byteLength(prefix, 'utf8')), i);
          assert.equal(m.fromCodePoints([...prefix].length), i);
        }
      }),
      { numRuns: 200 },
    );
  });
});
