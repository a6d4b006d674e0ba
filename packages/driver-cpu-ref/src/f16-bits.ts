import { f32ToBits } from './f32-bits.ts';

// IEEE-754 binary16 conversions for f16 buffers and casts (docs/semantics.md: f32 <-> f16 is "nearest
// value"). Rounding is done on the integer bits, so it is exact: no double rounding through a float.

/**
 * The binary16 bit pattern nearest to an f32 value, ties to even.
 *
 * @remarks
 * Magnitudes from 65520 up round to infinity (65504 is the largest finite f16, 65520 the midpoint to
 * the next power of two); values below half the smallest subnormal (2^-25) round to a zero of the same
 * sign. Every NaN gives the quiet NaN `0x7e00` with the input's sign.
 *
 * @param value - an f32 value (a number equal to its `Math.fround`)
 *
 * @example
 * ```ts
 * import { f32ToF16Bits } from '@vyre/driver-cpu-ref';
 * f32ToF16Bits(1); // 0x3c00
 * ```
 *
 * @public
 */
export function f32ToF16Bits(value: number): number {
  const bits = f32ToBits(value);
  const sign = (bits >>> 16) & 0x8000;
  const biased = (bits >>> 23) & 0xff;
  const fraction = bits & 0x7fffff;
  if (biased === 0xff) {
    return sign | (fraction === 0 ? 0x7c00 : 0x7e00);
  }
  const exponent = biased - 127;
  if (exponent > 15) {
    return sign | 0x7c00;
  }
  if (exponent >= -14) {
    // A normal f16: keep the top 10 of the 23 fraction bits and round on the 13 dropped ones. A carry
    // out of the fraction bumps the exponent, and from 0x7bff reaches 0x7c00 (infinity), as it should.
    const kept = ((exponent + 15) << 10) | (fraction >>> 13);
    const dropped = fraction & 0x1fff;
    return (
      sign |
      (dropped > 0x1000 || (dropped === 0x1000 && (kept & 1) === 1)
        ? kept + 1
        : kept)
    );
  }
  // A subnormal f16 (a multiple of 2^-24), or zero. Inputs below 2^-25 (including every f32 subnormal)
  // are under half the smallest f16 subnormal and round to zero; 2^-25 itself is a tie and goes to 0.
  const shift = -exponent - 1;
  if (biased === 0 || shift > 24) {
    return sign;
  }
  const significand = fraction | 0x800000;
  const kept = significand >>> shift;
  const dropped = significand & ((1 << shift) - 1);
  const half = 1 << (shift - 1);
  // A carry to 0x400 is the smallest normal f16, whose encoding follows the largest subnormal's.
  return (
    sign |
    (dropped > half || (dropped === half && (kept & 1) === 1) ? kept + 1 : kept)
  );
}

/**
 * The value of a binary16 bit pattern (every f16 value is exactly an f32).
 *
 * @param bits - a binary16 bit pattern (the low 16 bits are used)
 *
 * @public
 */
export function f16BitsToF32(bits: number): number {
  const negative = (bits & 0x8000) !== 0;
  const biased = (bits >>> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  let magnitude: number;
  if (biased === 0) {
    magnitude = fraction * 2 ** -24;
  } else if (biased === 0x1f) {
    if (fraction !== 0) {
      return NaN;
    }
    magnitude = Infinity;
  } else {
    magnitude = (0x400 | fraction) * 2 ** (biased - 25);
  }
  return negative ? -magnitude : magnitude;
}

/**
 * The f16 value nearest to an f32 value, ties to even (as a number).
 *
 * @param value - an f32 value
 */
export function roundToF16(value: number): number {
  return f16BitsToF32(f32ToF16Bits(value));
}
