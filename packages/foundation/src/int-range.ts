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
 * Whether `value` is a number that is an integer in `0..U32_MAX` (`-0` counts as 0).
 *
 * @remarks
 * Accepts any value and never throws, so it can guard untyped input (a bigint is not a u32).
 *
 * @param value - anything
 *
 * @public
 */
export function isU32(value: unknown): boolean {
  return typeof value === 'number' && value >>> 0 === value;
}

/**
 * Whether `value` is a number that is an integer in `I32_MIN..I32_MAX` (`-0` counts as 0).
 *
 * @param value - anything; never throws
 *
 * @public
 */
export function isI32(value: unknown): boolean {
  return typeof value === 'number' && (value | 0) === value;
}

/**
 * Whether `value` is a number that is a non-negative safe integer (`0..2**53 - 1`): a valid
 * JavaScript length (`-0` counts as 0).
 *
 * @param value - anything; never throws
 *
 * @public
 */
export function isLength(value: unknown): boolean {
  return Number.isSafeInteger(value) && (value as number) >= 0;
}
