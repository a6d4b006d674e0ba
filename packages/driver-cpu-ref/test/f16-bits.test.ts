import { describe, expect, it } from 'vitest';
import { f16BitsToF32, f32ToF16Bits, roundToF16 } from '../src/f16-bits.ts';
import { bitsOfF32, f32OfBits, randomU32s } from './pinned-witnesses.ts';

// binary16 against its definition: every bit pattern decoded by the IEEE formula, and rounding
// checked at every midpoint between neighbouring f16 values and against a nearest-value search.

function decode(bits: number): number {
  const sign = bits >= 0x8000 ? -1 : 1;
  const e = Math.floor((bits & 0x7fff) / 1024);
  const m = bits % 1024;
  if (e === 31) {
    return m === 0 ? sign * Infinity : NaN;
  }
  return e === 0
    ? sign * (m / 1024) * Math.pow(2, -14)
    : sign * (1 + m / 1024) * Math.pow(2, e - 15);
}

// Finite non-negative f16 values in bit order (which is value order), plus 2^16 standing in for the
// infinity that rounding "at unbounded exponent" reaches.
const POSITIVE: readonly number[] = [
  ...Array.from({ length: 0x7c00 }, (_, bits) => decode(bits)),
  65536,
];

// The nearest f16 bit pattern by search: ties go to the even pattern.
function nearest(x: number): number {
  if (Number.isNaN(x)) {
    return 0x7e00;
  }
  const sign = x < 0 || Object.is(x, -0) ? 0x8000 : 0;
  const a = Math.abs(x);
  let lo = 0;
  let hi = POSITIVE.length - 1;
  if (a >= POSITIVE[hi]!) {
    return sign | 0x7c00;
  }
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (POSITIVE[mid]! <= a) {
      lo = mid;
    } else {
      hi = mid;
    }
  }
  const below = a - POSITIVE[lo]!;
  const above = POSITIVE[hi]! - a;
  const pick = below < above ? lo : above < below ? hi : lo % 2 === 0 ? lo : hi;
  return sign | pick;
}

describe('f16 bits', () => {
  // The exhaustive loops collect mismatches and assert once (65536 `expect` calls take seconds).
  it('decodes every bit pattern as the IEEE formula does', () => {
    const wrong: string[] = [];
    for (let bits = 0; bits < 0x10000; bits += 1) {
      if (!Object.is(f16BitsToF32(bits), decode(bits))) {
        wrong.push(`0x${bits.toString(16)}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('encodes every non-NaN f16 value to its own bits', () => {
    const wrong: string[] = [];
    for (let bits = 0; bits < 0x10000; bits += 1) {
      if ((bits & 0x7fff) <= 0x7c00 && f32ToF16Bits(decode(bits)) !== bits) {
        wrong.push(`0x${bits.toString(16)}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('rounds every midpoint to the even neighbour and its f32 neighbours to the nearer one', () => {
    const wrong: string[] = [];
    for (let bits = 0; bits < 0x7c00; bits += 1) {
      for (const sign of [0, 0x8000]) {
        const low = decode(sign | bits);
        const high =
          bits === 0x7bff ? (sign ? -65536 : 65536) : decode(sign | (bits + 1));
        const mid = (low + high) / 2;
        const even = bits % 2 === 0 ? sign | bits : sign | (bits + 1);
        // The midpoint, and its f32 neighbours toward and away from zero.
        const midBits = bitsOfF32(mid);
        if (
          f32ToF16Bits(mid) !== even ||
          f32ToF16Bits(f32OfBits(midBits - 1)) !== (sign | bits) ||
          f32ToF16Bits(f32OfBits(midBits + 1)) !== (sign | (bits + 1))
        ) {
          wrong.push(`midpoint above 0x${(sign | bits).toString(16)}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('agrees with the nearest-value search on seeded random f32 values', () => {
    for (const bits of randomU32s(0x6000, 4096)) {
      // Exponents near the f16 range, where the interesting cases are.
      const x = f32OfBits((bits & 0x807fffff) | ((100 + (bits % 48)) << 23));
      expect(f32ToF16Bits(x), `${x}`).toBe(nearest(x));
      expect(roundToF16(x), `${x}`).toBe(decode(nearest(x)));
    }
  });

  it.each([
    ['the largest f16', 65504, 0x7bff],
    ['just below the overflow midpoint', 65519.99609375, 0x7bff],
    ['the overflow midpoint (to infinity)', 65520, 0x7c00],
    ['far out of range', 1e6, 0x7c00],
    ['-Infinity', -Infinity, 0xfc00],
    ['NaN', NaN, 0x7e00],
    ['-0', -0, 0x8000],
    ['the smallest subnormal', 2 ** -24, 0x0001],
    ['half the smallest subnormal (tie to 0)', 2 ** -25, 0x0000],
    ['just above half the smallest subnormal', 2 ** -25 + 2 ** -48, 0x0001],
    ['1.5 smallest subnormals (tie to 2)', 3 * 2 ** -25, 0x0002],
    ['an f32 subnormal', 2 ** -149, 0x0000],
    ['-(an f32 subnormal) keeps the sign', -(2 ** -149), 0x8000],
    [
      'between the largest subnormal and the smallest normal (tie to even)',
      2 ** -14 - 2 ** -25,
      0x0400,
    ],
    ['1 + 2^-11 ties to even (1)', 1 + 2 ** -11, 0x3c00],
    ['1 + 3 * 2^-11 ties to even (up)', 1 + 3 * 2 ** -11, 0x3c02],
    ['0.1', Math.fround(0.1), 0x2e66],
  ])('encodes %s', (_name, x, bits) => {
    expect(f32ToF16Bits(x)).toBe(bits);
  });

  it('decodes NaN patterns to NaN and keeps -0', () => {
    expect(f16BitsToF32(0x7e00)).toBeNaN();
    expect(f16BitsToF32(0xfc01)).toBeNaN();
    expect(f16BitsToF32(0x8000)).toBe(-0);
  });
});
