/**
 * Exact numbers as PostgreSQL keeps them: an integer type with its range, or numeric with its
 * scale. Never a JavaScript double: `9007199254740993 = 9007199254740992` must be false.
 */

export type NumType = 'int2' | 'int4' | 'int8' | 'numeric';

/** `digits / 10^scale`, with the type PostgreSQL gives the value. */
export interface Num {
  t: NumType;
  n: bigint;
  scale: number;
}

const RANGES: Record<Exclude<NumType, 'numeric'>, [bigint, bigint]> = {
  int2: [-(2n ** 15n), 2n ** 15n - 1n],
  int4: [-(2n ** 31n), 2n ** 31n - 1n],
  int8: [-(2n ** 63n), 2n ** 63n - 1n],
};

const RANK: Record<NumType, number> = { int2: 0, int4: 1, int8: 2, numeric: 3 };

/** The integer in range for its type, else undefined (PostgreSQL raises "out of range"). */
export function checked(v: Num): Num | undefined {
  if (v.t === 'numeric') return v;
  const [lo, hi] = RANGES[v.t];
  return v.n < lo || v.n > hi ? undefined : v;
}

/** A numeric literal as the SQL parser types it: int4, else int8, else numeric. */
export function literal(text: string): Num | undefined {
  const m = /^(-?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return undefined;
  const isInteger = m[3] === undefined && m[4] === undefined;
  const unsigned = decimal(m[2], m[3] ?? '', m[4]);
  if (!unsigned) return undefined;
  const parsed = { ...unsigned, n: m[1] === '-' ? -unsigned.n : unsigned.n };
  if (!isInteger) return parsed;
  for (const t of ['int4', 'int8'] as const) {
    const v = checked({ t, n: parsed.n, scale: 0 });
    if (v) return v;
  }
  return parsed;
}

function decimal(whole: string, fraction: string, exponent: string | undefined): Num | undefined {
  const exp = exponent === undefined ? 0 : Number(exponent);
  if (!Number.isSafeInteger(exp) || Math.abs(exp) > 1000) return undefined;
  let n = BigInt((whole || '0') + fraction);
  let scale = fraction.length - exp;
  if (scale < 0) {
    n *= 10n ** BigInt(-scale);
    scale = 0;
  }
  return { t: 'numeric', n, scale };
}

/** Text input of an integer type or numeric; undefined where the input function would fail or differs between versions. */
export function parseNum(text: string, t: NumType): Num | undefined {
  const s = text.replace(/^[ \t\n\r\v\f]+|[ \t\n\r\v\f]+$/g, '');
  if (t !== 'numeric') {
    const m = /^([+-]?)(\d+)$/.exec(s);
    if (!m) return undefined;
    return checked({ t, n: BigInt(m[1] + m[2]), scale: 0 });
  }
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(s);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return undefined;
  const v = decimal(m[2], m[3] ?? '', m[4]);
  return v && { ...v, n: m[1] === '-' ? -v.n : v.n };
}

function align(a: Num, b: Num): [bigint, bigint, number] {
  const scale = Math.max(a.scale, b.scale);
  return [a.n * 10n ** BigInt(scale - a.scale), b.n * 10n ** BigInt(scale - b.scale), scale];
}

export function compare(a: Num, b: Num): number {
  const [x, y] = align(a, b);
  return x < y ? -1 : x > y ? 1 : 0;
}

function resultType(a: Num, b: Num): NumType {
  return RANK[a.t] >= RANK[b.t] ? a.t : b.t;
}

/** `a op b` for + - * / %; undefined on overflow, division by zero, or numeric division (rounded). */
export function arithmetic(op: string, a: Num, b: Num): Num | undefined {
  const t = resultType(a, b);
  const [x, y, scale] = align(a, b);
  switch (op) {
    case '+':
      return checked({ t, n: x + y, scale });
    case '-':
      return checked({ t, n: x - y, scale });
    case '*':
      return checked({ t, n: a.n * b.n, scale: a.scale + b.scale });
    case '/':
    case '%':
      // Integer division truncates toward zero, as BigInt does; numeric division rounds.
      if (t === 'numeric' || b.n === 0n) return undefined;
      return checked({ t, n: op === '/' ? a.n / b.n : a.n % b.n, scale: 0 });
    default:
      return undefined;
  }
}

/** A number converted to another numeric type; numeric to integer rounds half away from zero. */
export function castNum(v: Num, t: NumType): Num | undefined {
  if (t === 'numeric') return { ...v, t };
  if (v.scale === 0) return checked({ t, n: v.n, scale: 0 });
  const unit = 10n ** BigInt(v.scale);
  const abs = v.n < 0n ? -v.n : v.n;
  let q = abs / unit;
  if ((abs % unit) * 2n >= unit) q += 1n;
  return checked({ t, n: v.n < 0n ? -q : q, scale: 0 });
}

/** The number's text output (numeric keeps its scale: `1.50`). */
export function numText(v: Num): string {
  if (v.scale === 0) return v.n.toString();
  const abs = (v.n < 0n ? -v.n : v.n).toString().padStart(v.scale + 1, '0');
  return `${v.n < 0n ? '-' : ''}${abs.slice(0, -v.scale)}.${abs.slice(-v.scale)}`;
}
