/**
 * libpg-query reports node locations as UTF-8 byte offsets and syntax-error positions as code
 * points. LSP and JavaScript count UTF-16 code units. These maps convert, per parsed text.
 */

const ASCII_ONLY = /^[\x00-\x7f]*$/;

export interface OffsetMap {
  /** UTF-16 offset of a UTF-8 byte offset. */
  fromBytes(byteOffset: number): number;
  /** UTF-16 offset of a code-point offset. */
  fromCodePoints(cpOffset: number): number;
}

const IDENTITY: OffsetMap = {
  fromBytes: (n) => n,
  fromCodePoints: (n) => n,
};

export function offsetMap(text: string): OffsetMap {
  if (ASCII_ONLY.test(text)) return IDENTITY;
  let bytes: Uint32Array | undefined;
  let points: Uint32Array | undefined;
  // Built lazily: most statements with non-ASCII text never need a position.
  const build = () => {
    const b: number[] = [];
    const p: number[] = [];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      const isHigh = c >= 0xd800 && c <= 0xdbff && isLowSurrogate(text.charCodeAt(i + 1));
      const width = c < 0x80 ? 1 : c < 0x800 ? 2 : isHigh ? 4 : 3;
      for (let k = 0; k < width; k++) b.push(i);
      p.push(i);
      if (isHigh) i++;
    }
    b.push(text.length);
    p.push(text.length);
    bytes = Uint32Array.from(b);
    points = Uint32Array.from(p);
  };
  return {
    fromBytes(n) {
      if (!bytes) build();
      return bytes![Math.max(0, Math.min(n, bytes!.length - 1))];
    },
    fromCodePoints(n) {
      if (!points) build();
      return points![Math.max(0, Math.min(n, points!.length - 1))];
    },
  };
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}
