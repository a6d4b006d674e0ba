import { assertNever, InternalError } from '@vyre/foundation';
import type { ValueType } from '@vyre/ir';

// How the CPU reference holds a value of each IR value type (docs/semantics.md, "Values and types"):
// u32 a number in 0..2^32-1, i32 a number in -2^31..2^31-1 (never -0), f32 a number equal to its
// Math.fround (or NaN), f16 a number exactly representable in binary16 (or NaN), bool a boolean,
// u64/i64/vec2u32 a (low, high) pair of u32 words (i64 in two's complement), vec4u32 four u32 lanes.
// Tuples are never mutated, so constants may be shared.

/** A value of any IR value type, as the CPU reference holds it. */
export type Value = number | boolean | readonly number[];

/** A u64, i64 or vec2u32 value: its low and high u32 words. */
export type WordPair = readonly [lo: number, hi: number];

/** A vec4u32 value: four u32 lanes. */
export type WordQuad = readonly [number, number, number, number];

const ZERO_PAIR: WordPair = Object.freeze([0, 0] as const);
const ZERO_QUAD: WordQuad = Object.freeze([0, 0, 0, 0] as const);

/**
 * Whether a condition value holds: a bool as it is, a u32 when nonzero.
 *
 * @param v - a bool or u32 value (the only condition types)
 */
export function isTruthy(v: Value): boolean {
  if (typeof v === 'boolean') {
    return v;
  }
  if (typeof v === 'number') {
    return v !== 0;
  }
  throw new InternalError(
    `isTruthy expected a bool or u32 condition, found a ${String(v.length)}-word vector`,
  );
}

/**
 * The zero of a value type: what an out-of-bounds load yields and fresh memory holds.
 *
 * @param type - a value type
 */
export function zeroOf(type: ValueType): Value {
  switch (type) {
    case 'u32':
    case 'i32':
    case 'f32':
    case 'f16':
      return 0;
    case 'bool':
      return false;
    case 'u64':
    case 'i64':
    case 'vec2u32':
      return ZERO_PAIR;
    case 'vec4u32':
      return ZERO_QUAD;
    default:
      return assertNever(type, 'zeroOf');
  }
}
