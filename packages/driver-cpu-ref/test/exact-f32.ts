import { bitsOfF32 } from './pinned-witnesses.ts';

// An f32 oracle from first principles: f32 values decoded to exact rationals (BigInt), operations
// computed exactly, and one rounding to nearest even written out here. It shares nothing with the
// implementation under test (no Math.fround, no double arithmetic on results).

interface Exact {
  readonly negative: boolean;
  /** |x| = significand * 2^exponent, exactly. */
  readonly significand: bigint;
  readonly exponent: number;
}

/** The exact value of a finite f32, decoded from its bits. */
export function exactOf(x: number): Exact {
  const bits = bitsOfF32(x);
  const biased = (bits >>> 23) & 0xff;
  const fraction = bits & 0x7fffff;
  return {
    negative: bits >>> 31 === 1,
    significand: BigInt(biased === 0 ? fraction : fraction | 0x800000),
    exponent: biased === 0 ? -149 : biased - 150,
  };
}

function bitLength(n: bigint): number {
  return n === 0n ? 0 : n.toString(2).length;
}

/**
 * The f32 nearest to `sign * num / den * 2^scale` (num >= 0, den > 0), ties to even, with gradual
 * underflow and overflow to infinity. A zero result takes the sign given.
 */
export function roundRational(
  negative: boolean,
  num: bigint,
  den: bigint,
  scale = 0,
): number {
  const signed = (m: number): number => (negative ? -m : m);
  if (num === 0n) {
    return signed(0);
  }
  // Find e with 2^23 <= num / den * 2^(scale - e) < 2^24, then clamp e to the subnormal exponent.
  let e = bitLength(num) - bitLength(den) - 24 + scale;
  const quotient = (exp: number): [bigint, bigint] => {
    const shift = scale - exp;
    return shift >= 0
      ? [num << BigInt(shift), den]
      : [num, den << BigInt(-shift)];
  };
  for (;;) {
    const [n, d] = quotient(e);
    const q = n / d;
    if (q >= 1n << 24n) {
      e += 1;
    } else if (q < 1n << 23n) {
      e -= 1;
    } else {
      break;
    }
  }
  if (e < -149) {
    e = -149;
  }
  const [n, d] = quotient(e);
  let q = n / d;
  const twiceRest = 2n * (n - q * d);
  if (twiceRest > d || (twiceRest === d && (q & 1n) === 1n)) {
    q += 1n;
  }
  if (q === 1n << 24n) {
    q = 1n << 23n;
    e += 1;
  }
  if (e > 104) {
    return signed(Infinity);
  }
  return signed(Number(q) * 2 ** e);
}

function rationalOf(x: Exact): { num: bigint; scale: number } {
  return { num: x.significand, scale: x.exponent };
}

/** The correctly rounded f32 sum a + b, with IEEE special cases. */
export function exactAdd(a: number, b: number): number {
  if (Number.isNaN(a) || Number.isNaN(b)) {
    return NaN;
  }
  if (!Number.isFinite(a) || !Number.isFinite(b)) {
    if (!Number.isFinite(a) && !Number.isFinite(b) && a !== b) {
      return NaN;
    }
    return Number.isFinite(a) ? b : a;
  }
  const x = exactOf(a);
  const y = exactOf(b);
  const scale = Math.min(x.exponent, y.exponent);
  const sx = x.significand << BigInt(x.exponent - scale);
  const sy = y.significand << BigInt(y.exponent - scale);
  const sum = (x.negative ? -sx : sx) + (y.negative ? -sy : sy);
  if (sum === 0n) {
    // An exact zero is +0 under round-to-nearest, unless both operands are -0.
    return x.negative && y.negative ? -0 : 0;
  }
  return roundRational(sum < 0n, sum < 0n ? -sum : sum, 1n, scale);
}

/** The correctly rounded f32 difference a - b. */
export function exactSub(a: number, b: number): number {
  return exactAdd(a, -b);
}

/** The correctly rounded f32 product a * b. */
export function exactMul(a: number, b: number): number {
  if (Number.isNaN(a) || Number.isNaN(b)) {
    return NaN;
  }
  const negative = (bitsOfF32(a) ^ bitsOfF32(b)) >>> 31 === 1;
  if (!Number.isFinite(a) || !Number.isFinite(b)) {
    return a === 0 || b === 0 ? NaN : negative ? -Infinity : Infinity;
  }
  const x = rationalOf(exactOf(a));
  const y = rationalOf(exactOf(b));
  return roundRational(negative, x.num * y.num, 1n, x.scale + y.scale);
}

/** The correctly rounded f32 quotient a / b. */
export function exactDiv(a: number, b: number): number {
  if (Number.isNaN(a) || Number.isNaN(b)) {
    return NaN;
  }
  const negative = (bitsOfF32(a) ^ bitsOfF32(b)) >>> 31 === 1;
  const aInf = !Number.isFinite(a);
  const bInf = !Number.isFinite(b);
  // docs/semantics.md: a zero or subnormal divisor is a zero whose sign is ignored; a zero or
  // subnormal dividend of one gives NaN.
  const zeroLike = (x: number): boolean => Math.abs(x) < 2 ** -126;
  if ((aInf && bInf) || (zeroLike(a) && zeroLike(b))) {
    return NaN;
  }
  if (zeroLike(b)) {
    return a < 0 ? -Infinity : Infinity;
  }
  if (aInf) {
    return negative ? -Infinity : Infinity;
  }
  if (bInf || a === 0) {
    return negative ? -0 : 0;
  }
  const x = rationalOf(exactOf(a));
  const y = rationalOf(exactOf(b));
  return roundRational(negative, x.num, y.num, x.scale - y.scale);
}

function isqrt(n: bigint): bigint {
  if (n < 2n) {
    return n;
  }
  let x = 1n << BigInt(Math.ceil(bitLength(n) / 2));
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (y >= x) {
      return x;
    }
    x = y;
  }
}

// floor(sqrt(n)) plus a half when inexact: on the same side of every rounding boundary as the true
// root, once the root has at least 26 bits (the boundaries are then integers).
function rootWithSticky(n: bigint): bigint {
  const s = isqrt(n);
  return 2n * s + (s * s === n ? 0n : 1n);
}

/** The correctly rounded f32 square root, IEEE special cases included. */
export function exactSqrt(a: number): number {
  if (Number.isNaN(a) || a < 0) {
    return NaN;
  }
  if (a === 0 || a === Infinity) {
    return a;
  }
  const x = exactOf(a);
  // a = m * 2^e with e even; sqrt(a) = sqrt(m * 2^160) * 2^(e/2 - 80).
  const odd = (x.exponent & 1) !== 0;
  const m = odd ? x.significand << 1n : x.significand;
  const e = odd ? x.exponent - 1 : x.exponent;
  return roundRational(false, rootWithSticky(m << 160n), 2n, e / 2 - 80);
}

/** The correctly rounded f32 of 1 / sqrt(a), IEEE special cases included. */
export function exactInverseSqrt(a: number): number {
  if (Number.isNaN(a) || a < 0) {
    return NaN;
  }
  if (a === 0) {
    return Object.is(a, -0) ? -Infinity : Infinity;
  }
  if (a === Infinity) {
    return 0;
  }
  const x = exactOf(a);
  const odd = (x.exponent & 1) !== 0;
  const m = odd ? x.significand << 1n : x.significand;
  const e = odd ? x.exponent - 1 : x.exponent;
  // 1/sqrt(m * 2^e) = sqrt(2^320 / m) * 2^(-e/2 - 160); floor(2^320 / m) keeps the sticky bit as long
  // as its own remainder is folded in.
  const n = (1n << 320n) / m;
  const exact = n * m === 1n << 320n;
  const root = rootWithSticky(n);
  return roundRational(false, exact ? root : root | 1n, 2n, -e / 2 - 160);
}

/** The distance between two f32 values in units in the last place (sign-aware, -0 and +0 apart by 0). */
export function ulpDistance(a: number, b: number): number {
  const key = (x: number): number => {
    const bits = bitsOfF32(x);
    return bits >>> 31 === 1 ? -(bits & 0x7fffffff) : bits;
  };
  return Math.abs(key(a) - key(b));
}
