import { invalidOperands, overflow, shiftOutOfRange } from './int-operand.ts';
import { isU32, U32_MAX } from './int-range.ts';
import { ok, type Result } from './result.ts';

// Checked u32 arithmetic. Every function validates its operands (MATH_INVALID_OPERAND) and returns
// MATH_OVERFLOW instead of a wrong answer. The wrapping variants live in wrapping-int.ts. Results are
// normalized with `>>> 0`, so a zero computed from a `-0` operand is returned as +0.

/**
 * `a + b` for u32 operands, or `MATH_OVERFLOW` when the sum exceeds `U32_MAX`.
 *
 * @param a - the first operand
 * @param b - the second operand
 *
 * @example
 * ```ts
 * import { checkedAddU32 } from '@vyre/foundation';
 * checkedAddU32(0xffff_fffe, 1); // { ok: true, value: 4294967295 }
 * checkedAddU32(0xffff_ffff, 1); // { ok: false, error: StackError [MATH_OVERFLOW] }
 * ```
 *
 * @public
 */
export function checkedAddU32(a: number, b: number): Result<number> {
  if (!(isU32(a) && isU32(b))) {
    return invalidOperands('checkedAddU32', a, b, 'u32');
  }
  const sum = a + b;
  return sum <= U32_MAX
    ? ok(sum >>> 0)
    : overflow(`checkedAddU32(${a}, ${b})`, 'u32', BigInt(sum));
}

/**
 * `a - b` for u32 operands, or `MATH_OVERFLOW` when `b > a`.
 *
 * @param a - the first operand
 * @param b - the second operand
 *
 * @public
 */
export function checkedSubU32(a: number, b: number): Result<number> {
  if (!(isU32(a) && isU32(b))) {
    return invalidOperands('checkedSubU32', a, b, 'u32');
  }
  const difference = a - b;
  return difference >= 0
    ? ok(difference >>> 0)
    : overflow(`checkedSubU32(${a}, ${b})`, 'u32', BigInt(difference));
}

/**
 * `a * b` for u32 operands, or `MATH_OVERFLOW` when the product exceeds `U32_MAX`.
 *
 * @param a - the first operand
 * @param b - the second operand
 *
 * @public
 */
export function checkedMulU32(a: number, b: number): Result<number> {
  if (!(isU32(a) && isU32(b))) {
    return invalidOperands('checkedMulU32', a, b, 'u32');
  }
  const product = a * b;
  return product <= U32_MAX
    ? ok(product >>> 0)
    : overflow(`checkedMulU32(${a}, ${b})`, 'u32', BigInt(a) * BigInt(b));
}

/**
 * `a << amount` for u32 operands when no set bit is shifted out, so that the result is exactly
 * `a * 2**amount`.
 *
 * @remarks
 * `MATH_SHIFT_OUT_OF_RANGE` when `amount >= 32`; `MATH_OVERFLOW` when a set bit would be lost.
 * This is stricter than Rust's `checked_shl`, which only checks the amount: a byte-length computed as
 * `words << 2` must never silently drop bits.
 *
 * @param a - the first operand
 * @param amount - the shift amount
 *
 * @public
 */
export function checkedShlU32(a: number, amount: number): Result<number> {
  if (!(isU32(a) && isU32(amount))) {
    return invalidOperands('checkedShlU32', a, amount, 'u32', 'u32', [
      'a',
      'amount',
    ]);
  }
  if (amount >= 32) {
    return shiftOutOfRange('checkedShlU32', amount);
  }
  const shifted = a * 2 ** amount;
  return shifted <= U32_MAX
    ? ok(shifted >>> 0)
    : overflow(
        `checkedShlU32(${a}, ${amount})`,
        'u32',
        BigInt(a) << BigInt(amount),
      );
}

/**
 * `a >>> amount` for u32 operands, or `MATH_SHIFT_OUT_OF_RANGE` when `amount >= 32`.
 *
 * @remarks
 * A right shift discards low bits by definition (it is floor division by `2**amount`), so only the
 * amount is checked.
 *
 * @param a - the first operand
 * @param amount - the shift amount
 *
 * @public
 */
export function checkedShrU32(a: number, amount: number): Result<number> {
  if (!(isU32(a) && isU32(amount))) {
    return invalidOperands('checkedShrU32', a, amount, 'u32', 'u32', [
      'a',
      'amount',
    ]);
  }
  return amount < 32
    ? ok(a >>> amount)
    : shiftOutOfRange('checkedShrU32', amount);
}
