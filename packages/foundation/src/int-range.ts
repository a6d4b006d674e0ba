/**
 * The largest u32, `2**32 - 1`.
 *
 * @public
 */
export const U32_MAX = 0xffff_ffff;

/**
 * The smallest i32, `-(2**31)`.
 *
 * @public
 */
export const I32_MIN = -0x8000_0000;

/**
 * The largest i32, `2**31 - 1`.
 *
 * @public
 */
export const I32_MAX = 0x7fff_ffff;

/**
 * Whether `value` is an integer in `0..U32_MAX`.
 *
 * @public
 */
export function isU32(value: number): boolean {
  return value >>> 0 === value;
}

/**
 * Whether `value` is an integer in `I32_MIN..I32_MAX`.
 *
 * @public
 */
export function isI32(value: number): boolean {
  return (value | 0) === value;
}

/**
 * Whether `value` is a non-negative safe integer (`0..2**53 - 1`): a valid JavaScript length.
 *
 * @public
 */
export function isLength(value: number): boolean {
  return Number.isSafeInteger(value) && value >= 0;
}
