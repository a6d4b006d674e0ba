import {
  invalidOperand,
  invalidOperands,
  overflow,
  shiftOutOfRange,
} from './int-operand.ts';
import { I32_MAX, I32_MIN, isI32, isU32 } from './int-range.ts';
import { ok, type Result } from './result.ts';

// Checked i32 arithmetic, the signed counterpart of checked-u32.ts. Results are normalized with `| 0`
// so that a mathematically zero result is never the float -0.

/**
 * `a + b` for i32 operands, or `MATH_OVERFLOW` outside `I32_MIN..I32_MAX`.
 *
 * @param a - the first operand
 * @param b - the second operand
 *
 * @public
 */
export function checkedAddI32(a: number, b: number): Result<number> {
  if (!(isI32(a) && isI32(b))) {
    return invalidOperands('checkedAddI32', a, b, 'i32');
  }
  return inI32(a + b)
    ? ok((a + b) | 0)
    : overflow(`checkedAddI32(${a}, ${b})`, 'i32', BigInt(a + b));
}

/**
 * `a - b` for i32 operands, or `MATH_OVERFLOW` outside `I32_MIN..I32_MAX`.
 *
 * @param a - the first operand
 * @param b - the second operand
 *
 * @public
 */
export function checkedSubI32(a: number, b: number): Result<number> {
  if (!(isI32(a) && isI32(b))) {
    return invalidOperands('checkedSubI32', a, b, 'i32');
  }
  return inI32(a - b)
    ? ok((a - b) | 0)
    : overflow(`checkedSubI32(${a}, ${b})`, 'i32', BigInt(a - b));
}

/**
 * `a * b` for i32 operands, or `MATH_OVERFLOW` outside `I32_MIN..I32_MAX`.
 *
 * @param a - the first operand
 * @param b - the second operand
 *
 * @public
 */
export function checkedMulI32(a: number, b: number): Result<number> {
  if (!(isI32(a) && isI32(b))) {
    return invalidOperands('checkedMulI32', a, b, 'i32');
  }
  const product = a * b;
  return inI32(product)
    ? ok(product | 0)
    : overflow(`checkedMulI32(${a}, ${b})`, 'i32', BigInt(a) * BigInt(b));
}

/**
 * `-a` for an i32 operand, or `MATH_OVERFLOW` for `I32_MIN`, whose negation does not fit.
 *
 * @param a - the first operand
 *
 * @public
 */
export function checkedNegI32(a: number): Result<number> {
  if (!isI32(a)) {
    return invalidOperand('checkedNegI32', 'a', 'i32', a);
  }
  return a === I32_MIN
    ? overflow(`checkedNegI32(${a})`, 'i32', -BigInt(a))
    : ok((0 - a) | 0);
}

/**
 * `a << amount` for an i32 `a` when the result is exactly `a * 2**amount` and fits in i32.
 *
 * @remarks
 * `MATH_SHIFT_OUT_OF_RANGE` when `amount >= 32`; `MATH_OVERFLOW` when the value does not fit.
 *
 * @param a - the first operand
 * @param amount - the shift amount
 *
 * @public
 */
export function checkedShlI32(a: number, amount: number): Result<number> {
  if (!(isI32(a) && isU32(amount))) {
    return invalidOperands('checkedShlI32', a, amount, 'i32', 'u32', [
      'a',
      'amount',
    ]);
  }
  if (amount >= 32) {
    return shiftOutOfRange('checkedShlI32', amount);
  }
  const shifted = a * 2 ** amount;
  return inI32(shifted)
    ? ok(shifted | 0)
    : overflow(
        `checkedShlI32(${a}, ${amount})`,
        'i32',
        BigInt(a) << BigInt(amount),
      );
}

/**
 * `a >> amount` (arithmetic: the sign is kept) for an i32 `a`, or `MATH_SHIFT_OUT_OF_RANGE` when
 * `amount >= 32`.
 *
 * @param a - the first operand
 * @param amount - the shift amount
 *
 * @public
 */
export function checkedShrI32(a: number, amount: number): Result<number> {
  if (!(isI32(a) && isU32(amount))) {
    return invalidOperands('checkedShrI32', a, amount, 'i32', 'u32', [
      'a',
      'amount',
    ]);
  }
  return amount < 32
    ? ok(a >> amount)
    : shiftOutOfRange('checkedShrI32', amount);
}

function inI32(value: number): boolean {
  return value >= I32_MIN && value <= I32_MAX;
}
