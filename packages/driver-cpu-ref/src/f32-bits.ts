// One shared 4-byte scratch: reinterpreting through typed arrays is exact and allocation-free.
const F32 = new Float32Array(1);
const U32 = new Uint32Array(F32.buffer);

/**
 * The IEEE-754 binary32 bit pattern of `value` rounded to f32 (ties to even, as `Math.fround`).
 *
 * @remarks
 * NaN payloads are whatever the JavaScript engine produces; the reference interpreter canonicalizes
 * NaN separately, as pinned in `docs/semantics.md`.
 *
 * @param value - any number; it is rounded to f32 first
 *
 * @example
 * ```ts
 * import { f32ToBits } from '@vyre/driver-cpu-ref';
 * f32ToBits(1); // 0x3f800000
 * ```
 *
 * @public
 */
export function f32ToBits(value: number): number {
  F32[0] = value;
  return U32[0] ?? 0;
}

/**
 * The f32 value whose bit pattern is `bits` (taken modulo `2**32`).
 *
 * @param bits - a binary32 bit pattern
 *
 * @public
 */
export function f32FromBits(bits: number): number {
  U32[0] = bits;
  return F32[0] ?? 0;
}

/** The smallest normal f32, 2^-126: the nonzero values below it are the subnormals. */
export const SMALLEST_NORMAL_F32: number = 2 ** -126;

/** Zero or subnormal (an f32 whose exponent field is 0): what the pinned division treats as a zero. */
export function isZeroLikeF32(x: number): boolean {
  return Math.abs(x) < SMALLEST_NORMAL_F32;
}
