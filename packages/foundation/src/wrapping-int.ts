// Wrapping (modular) integer arithmetic: the explicitly named alternative to the checked functions.
// Operands are first reduced to 32 bits as JavaScript's ToUint32/ToInt32 do, so every function is
// total. Shift amounts are masked with `& 31`, exactly as the vyre IR pins Shl/Shr (docs/semantics.md).

/**
 * `(a + b) mod 2**32`.
 *
 * @param a - the first operand
 * @param b - the second operand
 *
 * @public
 */
export function wrappingAddU32(a: number, b: number): number {
  return ((a >>> 0) + (b >>> 0)) >>> 0;
}

/**
 * `(a - b) mod 2**32`.
 *
 * @param a - the first operand
 * @param b - the second operand
 *
 * @public
 */
export function wrappingSubU32(a: number, b: number): number {
  return ((a >>> 0) - (b >>> 0)) >>> 0;
}

/**
 * `(a * b) mod 2**32`, exact for every operand pair (not rounded through a float product).
 *
 * @param a - the first operand
 * @param b - the second operand
 *
 * @public
 */
export function wrappingMulU32(a: number, b: number): number {
  return Math.imul(a, b) >>> 0;
}

/**
 * `a << (amount & 31)` as a u32.
 *
 * @param a - the first operand
 * @param amount - the shift amount
 *
 * @public
 */
export function wrappingShlU32(a: number, amount: number): number {
  return (a << (amount & 31)) >>> 0;
}

/**
 * `a >>> (amount & 31)`: a logical right shift.
 *
 * @param a - the first operand
 * @param amount - the shift amount
 *
 * @public
 */
export function wrappingShrU32(a: number, amount: number): number {
  return a >>> (amount & 31);
}

/**
 * `a + b` wrapped to i32 (two's complement).
 *
 * @param a - the first operand
 * @param b - the second operand
 *
 * @public
 */
export function wrappingAddI32(a: number, b: number): number {
  return ((a | 0) + (b | 0)) | 0;
}

/**
 * `a - b` wrapped to i32 (two's complement).
 *
 * @param a - the first operand
 * @param b - the second operand
 *
 * @public
 */
export function wrappingSubI32(a: number, b: number): number {
  return ((a | 0) - (b | 0)) | 0;
}

/**
 * `a * b` wrapped to i32 (two's complement), exact for every operand pair.
 *
 * @param a - the first operand
 * @param b - the second operand
 *
 * @public
 */
export function wrappingMulI32(a: number, b: number): number {
  return Math.imul(a, b);
}

/**
 * `-a` wrapped to i32: `I32_MIN` negates to itself.
 *
 * @param a - the first operand
 *
 * @public
 */
export function wrappingNegI32(a: number): number {
  return (0 - (a | 0)) | 0;
}

/**
 * `a << (amount & 31)` as an i32.
 *
 * @param a - the first operand
 * @param amount - the shift amount
 *
 * @public
 */
export function wrappingShlI32(a: number, amount: number): number {
  return a << (amount & 31);
}

/**
 * `a >> (amount & 31)`: an arithmetic right shift that keeps the sign.
 *
 * @param a - the first operand
 * @param amount - the shift amount
 *
 * @public
 */
export function wrappingShrI32(a: number, amount: number): number {
  return a >> (amount & 31);
}
