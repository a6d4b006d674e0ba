// Wrapping (modular) integer arithmetic: the explicitly named alternative to the checked functions.
// Operands are first reduced to 32 bits as JavaScript's ToUint32/ToInt32 do, so every function is
// total. Shift amounts are masked with `& 31`, exactly as the vyre IR pins Shl/Shr (docs/semantics.md).

/**
 * `(a + b) mod 2**32`.
 *
 * @public
 */
export function wrappingAddU32(a: number, b: number): number {
  return ((a >>> 0) + (b >>> 0)) >>> 0;
}

/**
 * `(a - b) mod 2**32`.
 *
 * @public
 */
export function wrappingSubU32(a: number, b: number): number {
  return ((a >>> 0) - (b >>> 0)) >>> 0;
}

/**
 * `(a * b) mod 2**32`, exact for every operand pair (not rounded through a float product).
 *
 * @public
 */
export function wrappingMulU32(a: number, b: number): number {
  return Math.imul(a, b) >>> 0;
}

/**
 * `a << (amount & 31)` as a u32.
 *
 * @public
 */
export function wrappingShlU32(a: number, amount: number): number {
  return (a << (amount & 31)) >>> 0;
}

/**
 * `a >>> (amount & 31)`: a logical right shift.
 *
 * @public
 */
export function wrappingShrU32(a: number, amount: number): number {
  return a >>> (amount & 31);
}

/**
 * `a + b` wrapped to i32 (two's complement).
 *
 * @public
 */
export function wrappingAddI32(a: number, b: number): number {
  return ((a | 0) + (b | 0)) | 0;
}

/**
 * `a - b` wrapped to i32 (two's complement).
 *
 * @public
 */
export function wrappingSubI32(a: number, b: number): number {
  return ((a | 0) - (b | 0)) | 0;
}

/**
 * `a * b` wrapped to i32 (two's complement), exact for every operand pair.
 *
 * @public
 */
export function wrappingMulI32(a: number, b: number): number {
  return Math.imul(a, b);
}

/**
 * `-a` wrapped to i32: `I32_MIN` negates to itself.
 *
 * @public
 */
export function wrappingNegI32(a: number): number {
  return (0 - (a | 0)) | 0;
}

/**
 * `a << (amount & 31)` as an i32.
 *
 * @public
 */
export function wrappingShlI32(a: number, amount: number): number {
  return a << (amount & 31);
}

/**
 * `a >> (amount & 31)`: an arithmetic right shift that keeps the sign.
 *
 * @public
 */
export function wrappingShrI32(a: number, amount: number): number {
  return a >> (amount & 31);
}
