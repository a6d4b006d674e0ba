import { InternalError } from '@vyre/foundation';
import { isCastAllowed, type DataType, type ValueType } from '@vyre/ir';
import type { Value, WordPair, WordQuad } from './cpu-value.ts';
import { roundToF16 } from './f16-bits.ts';

// Conversions as docs/semantics.md pins them ("Conversions"). Integer-like values convert through
// their low 32 bits (widening zero-extends, or sign-extends an i32); f32 <-> integer conversions
// saturate and round to nearest even; vectors take their first lanes. A result has the VALUE type of
// the target: u8/u16 give a masked u32, i8/i16 a sign-extended i32.

/** A conversion specialized to its source type and target. */
export type CastFn = (v: Value) => Value;

type BySource = Readonly<Partial<Record<ValueType, CastFn>>>;

const U32_MAX = 0xffff_ffff;
const I32_MAX = 0x7fff_ffff;
const I32_MIN = -0x8000_0000;
const ONE_PAIR: WordPair = Object.freeze([1, 0] as const);
const ZERO_PAIR: WordPair = Object.freeze([0, 0] as const);
const ONE_QUAD: WordQuad = Object.freeze([1, 0, 0, 0] as const);
const ZERO_QUAD: WordQuad = Object.freeze([0, 0, 0, 0] as const);

const identity: CastFn = (v) => v;

// --- From u32 or i32 (the same 32 bits) -----------------------------------------------------------

const intToU8: CastFn = (v) => (v as number) & 0xff;
const intToU16: CastFn = (v) => (v as number) & 0xffff;
const intToI8: CastFn = (v) => ((v as number) << 24) >> 24;
const intToI16: CastFn = (v) => ((v as number) << 16) >> 16;
const u32ToI32: CastFn = (v) => (v as number) | 0;
const i32ToU32: CastFn = (v) => (v as number) >>> 0;
const intToBool: CastFn = (v) => v !== 0;
const u32ToPair: CastFn = (v) => [v as number, 0];
const i32ToPair: CastFn = (v) => {
  const x = v as number;
  return [x >>> 0, x < 0 ? U32_MAX : 0];
};
const u32ToQuad: CastFn = (v) => [v as number, 0, 0, 0];
const i32ToQuad: CastFn = (v) => [(v as number) >>> 0, 0, 0, 0];
// Every u32 and i32 is a double, so one rounding to f32 gives the nearest f32, ties to even.
const intToF32: CastFn = (v) => Math.fround(v as number);

// --- From bool ------------------------------------------------------------------------------------

const boolToNumber: CastFn = (v) => (v === true ? 1 : 0);
const boolToPair: CastFn = (v) => (v === true ? ONE_PAIR : ZERO_PAIR);
const boolToQuad: CastFn = (v) => (v === true ? ONE_QUAD : ZERO_QUAD);

// --- From u64, i64, vec2u32 or vec4u32: the low word ----------------------------------------------

const wideToU8: CastFn = (v) => (v as WordPair)[0] & 0xff;
const wideToU16: CastFn = (v) => (v as WordPair)[0] & 0xffff;
const wideToI8: CastFn = (v) => ((v as WordPair)[0] << 24) >> 24;
const wideToI16: CastFn = (v) => ((v as WordPair)[0] << 16) >> 16;
const wideToU32: CastFn = (v) => (v as WordPair)[0];
const wideToI32: CastFn = (v) => (v as WordPair)[0] | 0;
const pairToBool: CastFn = (v) => {
  const x = v as WordPair;
  return x[0] !== 0 || x[1] !== 0;
};
const quadToBool: CastFn = (v) => {
  const x = v as WordQuad;
  return x[0] !== 0 || x[1] !== 0 || x[2] !== 0 || x[3] !== 0;
};
const quadToPair: CastFn = (v) => {
  const x = v as WordQuad;
  return [x[0], x[1]];
};

// --- From f32 -------------------------------------------------------------------------------------

// Truncates toward zero and saturates; NaN and negatives give 0, 2^32 and above U32_MAX.
const f32ToU32: CastFn = (v) => {
  const x = v as number;
  if (!(x > 0)) {
    return 0;
  }
  return x >= 4_294_967_296 ? U32_MAX : Math.trunc(x);
};
// Truncates toward zero and saturates to I32_MIN..I32_MAX; NaN gives 0, and `| 0` turns -0 into 0.
const f32ToI32: CastFn = (v) => {
  const x = v as number;
  if (x !== x) {
    return 0;
  }
  if (x >= 2_147_483_648) {
    return I32_MAX;
  }
  return x <= I32_MIN ? I32_MIN : Math.trunc(x) | 0;
};
// True unless ±0; NaN is true.
const f32ToBool: CastFn = (v) => v !== 0;
const f32ToF16: CastFn = (v) => roundToF16(v as number);

// --- Selection: target, then source ----------------------------------------------------------------

const TO_WIDE: BySource = {
  u32: u32ToPair,
  i32: i32ToPair,
  bool: boolToPair,
  u64: identity,
  i64: identity,
  vec2u32: identity,
  vec4u32: quadToPair,
};

const CASTS: Readonly<Record<DataType, BySource>> = {
  u8: {
    u32: intToU8,
    i32: intToU8,
    bool: boolToNumber,
    u64: wideToU8,
    i64: wideToU8,
  },
  u16: {
    u32: intToU16,
    i32: intToU16,
    bool: boolToNumber,
    u64: wideToU16,
    i64: wideToU16,
  },
  i8: {
    u32: intToI8,
    i32: intToI8,
    bool: boolToNumber,
    u64: wideToI8,
    i64: wideToI8,
  },
  i16: {
    u32: intToI16,
    i32: intToI16,
    bool: boolToNumber,
    u64: wideToI16,
    i64: wideToI16,
  },
  u32: {
    u32: identity,
    i32: i32ToU32,
    bool: boolToNumber,
    u64: wideToU32,
    i64: wideToU32,
    vec2u32: wideToU32,
    vec4u32: wideToU32,
    f32: f32ToU32,
  },
  i32: {
    u32: u32ToI32,
    i32: identity,
    bool: boolToNumber,
    u64: wideToI32,
    i64: wideToI32,
    vec2u32: wideToI32,
    vec4u32: wideToI32,
    f32: f32ToI32,
  },
  bool: {
    u32: intToBool,
    i32: intToBool,
    bool: identity,
    u64: pairToBool,
    i64: pairToBool,
    vec2u32: pairToBool,
    vec4u32: quadToBool,
    f32: f32ToBool,
  },
  u64: TO_WIDE,
  i64: TO_WIDE,
  vec2u32: TO_WIDE,
  vec4u32: {
    u32: u32ToQuad,
    i32: i32ToQuad,
    bool: boolToQuad,
    vec4u32: identity,
  },
  f32: {
    u32: intToF32,
    i32: intToF32,
    bool: boolToNumber,
    f32: identity,
    f16: identity,
  },
  f16: { f32: f32ToF16, f16: identity },
};

/**
 * The pinned conversion of a `from` value to `target`, giving a value of `target`'s value type.
 *
 * @remarks
 * Selected once per IR node. Throws InternalError for a pair the cast table rejects. The selection
 * table may hold conversions that `isCastAllowed` rejects (u64 from vec4u32's first lanes is allowed,
 * i64 from vec4u32 is not): the cast table decides.
 *
 * @param from - the operand's value type
 * @param target - the cast target
 */
export function castImpl(from: ValueType, target: DataType): CastFn {
  if (!isCastAllowed(from, target)) {
    throw new InternalError(
      `castImpl was asked for a cast from ${from} to ${target}, which the cast table rejects`,
    );
  }
  const impl = CASTS[target][from];
  if (impl === undefined) {
    throw new InternalError(
      `castImpl has no conversion from ${from} to ${target}, which the cast table allows`,
    );
  }
  return impl;
}
