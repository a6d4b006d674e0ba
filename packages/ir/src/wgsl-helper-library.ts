import { assertNever } from '@vyre/foundation';
import type { ValueType } from './value-type.ts';

// The fixed helper functions of emitted WGSL: each pins a behaviour that WGSL leaves open or does not
// offer (docs/semantics.md, "Pinned behaviour"). A module contains only the helpers it uses, in the
// order listed here, each once. Calls to them are never constant expressions, so their operands need
// no constant-operand temporaries, and each operand is evaluated exactly once, in IR order.

interface HelperEntry {
  /** Helpers this one calls. */
  readonly requires: readonly WgslHelper[];
  readonly text: string;
}

// i32's minimum; WGSL cannot spell it as a literal.
const I32_MIN = 'bitcast<i32>(0x80000000u)';

// `vyre_select_<type>(c, t, f)`: a select whose operands are evaluated in IR order (c, t, f) where
// WGSL's `select(f, t, c)` would evaluate them in the opposite order; used when an operand has an
// atomic in it.
function orderedSelect(suffix: string, type: string): HelperEntry {
  return {
    requires: [],
    text: `fn vyre_select_${suffix}(c: bool, t: ${type}, f: ${type}) -> ${type} {
  return select(f, t, c);
}`,
  };
}

// The fixed helpers, in the order a module lists them.
const WGSL_HELPERS = [
  'is_nan',
  'is_inf',
  'is_finite',
  'div_u32',
  'mod_u32',
  'div_i32',
  'mod_i32',
  'mul_high_u32',
  'saturating_add_u32',
  'saturating_sub_u32',
  'saturating_mul_u32',
  'abs_diff_u32',
  'rotl_u32',
  'rotr_u32',
  'eq_f32',
  'ne_f32',
  'lt_f32',
  'le_f32',
  'gt_f32',
  'ge_f32',
  'div_f32',
  'min_f32',
  'max_f32',
  'sign_f32',
  'f32_to_u32',
  'f32_to_i32',
  'u32_to_f32',
  'i32_to_f32',
  'i32_to_i64',
  'select_u32',
  'select_i32',
  'select_f32',
  'select_f16',
  'select_bool',
  'select_vec2u32',
  'select_vec4u32',
] as const;

/**
 * A fixed helper function: `div_u32` is `vyre_div_u32`.
 *
 * @internal
 */
export type WgslHelper = (typeof WGSL_HELPERS)[number];

const LIBRARY: Readonly<Record<WgslHelper, HelperEntry>> = {
  is_nan: {
    requires: [],
    text: `fn vyre_is_nan(x: f32) -> bool {
  return (bitcast<u32>(x) & 0x7fffffffu) > 0x7f800000u;
}`,
  },
  is_inf: {
    requires: [],
    text: `fn vyre_is_inf(x: f32) -> bool {
  return (bitcast<u32>(x) & 0x7fffffffu) == 0x7f800000u;
}`,
  },
  is_finite: {
    requires: [],
    text: `fn vyre_is_finite(x: f32) -> bool {
  return (bitcast<u32>(x) & 0x7fffffffu) < 0x7f800000u;
}`,
  },
  div_u32: {
    requires: [],
    text: `fn vyre_div_u32(a: u32, b: u32) -> u32 {
  return select(a / select(b, 1u, b == 0u), 0xffffffffu, b == 0u);
}`,
  },
  mod_u32: {
    requires: [],
    text: `fn vyre_mod_u32(a: u32, b: u32) -> u32 {
  return select(a % select(b, 1u, b == 0u), 0u, b == 0u);
}`,
  },
  div_i32: {
    requires: [],
    text: `fn vyre_div_i32(a: i32, b: i32) -> i32 {
  return a / select(b, 1i, b == 0i || (a == ${I32_MIN} && b == -1i));
}`,
  },
  mod_i32: {
    requires: [],
    text: `fn vyre_mod_i32(a: i32, b: i32) -> i32 {
  return a % select(b, 1i, b == 0i || (a == ${I32_MIN} && b == -1i));
}`,
  },
  mul_high_u32: {
    requires: [],
    text: `fn vyre_mul_high_u32(a: u32, b: u32) -> u32 {
  let a_lo = a & 0xffffu;
  let a_hi = a >> 16u;
  let b_lo = b & 0xffffu;
  let b_hi = b >> 16u;
  let lo_lo = a_lo * b_lo;
  let hi_lo = a_hi * b_lo;
  let lo_hi = a_lo * b_hi;
  let mid = (lo_lo >> 16u) + (hi_lo & 0xffffu) + (lo_hi & 0xffffu);
  return a_hi * b_hi + (hi_lo >> 16u) + (lo_hi >> 16u) + (mid >> 16u);
}`,
  },
  saturating_add_u32: {
    requires: [],
    text: `fn vyre_saturating_add_u32(a: u32, b: u32) -> u32 {
  let s = a + b;
  return select(s, 0xffffffffu, s < a);
}`,
  },
  saturating_sub_u32: {
    requires: [],
    text: `fn vyre_saturating_sub_u32(a: u32, b: u32) -> u32 {
  return select(a - b, 0u, b > a);
}`,
  },
  saturating_mul_u32: {
    requires: ['mul_high_u32'],
    text: `fn vyre_saturating_mul_u32(a: u32, b: u32) -> u32 {
  return select(a * b, 0xffffffffu, vyre_mul_high_u32(a, b) != 0u);
}`,
  },
  abs_diff_u32: {
    requires: [],
    text: `fn vyre_abs_diff_u32(a: u32, b: u32) -> u32 {
  return select(b - a, a - b, a > b);
}`,
  },
  rotl_u32: {
    requires: [],
    text: `fn vyre_rotl_u32(x: u32, r: u32) -> u32 {
  let s = r & 31u;
  return (x << s) | (x >> ((32u - s) & 31u));
}`,
  },
  rotr_u32: {
    requires: [],
    text: `fn vyre_rotr_u32(x: u32, r: u32) -> u32 {
  let s = r & 31u;
  return (x >> s) | (x << ((32u - s) & 31u));
}`,
  },
  // f32 comparisons test NaN on the bits first: WGSL implementations may assume NaN never occurs.
  eq_f32: {
    requires: ['is_nan'],
    text: `fn vyre_eq_f32(a: f32, b: f32) -> bool {
  return !vyre_is_nan(a) && !vyre_is_nan(b) && a == b;
}`,
  },
  ne_f32: {
    requires: ['is_nan'],
    text: `fn vyre_ne_f32(a: f32, b: f32) -> bool {
  return vyre_is_nan(a) || vyre_is_nan(b) || a != b;
}`,
  },
  lt_f32: {
    requires: ['is_nan'],
    text: `fn vyre_lt_f32(a: f32, b: f32) -> bool {
  return !vyre_is_nan(a) && !vyre_is_nan(b) && a < b;
}`,
  },
  le_f32: {
    requires: ['is_nan'],
    text: `fn vyre_le_f32(a: f32, b: f32) -> bool {
  return !vyre_is_nan(a) && !vyre_is_nan(b) && a <= b;
}`,
  },
  gt_f32: {
    requires: ['is_nan'],
    text: `fn vyre_gt_f32(a: f32, b: f32) -> bool {
  return !vyre_is_nan(a) && !vyre_is_nan(b) && a > b;
}`,
  },
  ge_f32: {
    requires: ['is_nan'],
    text: `fn vyre_ge_f32(a: f32, b: f32) -> bool {
  return !vyre_is_nan(a) && !vyre_is_nan(b) && a >= b;
}`,
  },
  // Division by zero, built from the bits (WGSL does not bound x / 0): ±∞ with the sign of a, whatever
  // the zero's sign (GPUs do not keep it), or NaN for 0 / 0 and NaN / 0. A subnormal counts as a zero
  // on both sides (its exponent field is 0): GPUs that flush subnormals divide by it as by a zero, and
  // NVIDIA even carries a subnormal constant's bits through arithmetic that makes it zero (H200:
  // bitcast<f32>(0x80000019u) * 0.0 gave 0x80000019), so only the exponent field is reliable. The NaN is made from b's bits
  // so that it is not a constant expression (Tint rejects a constant NaN). WGSL bounds division only
  // for divisors of magnitude in [2^-126, 2^126]; GPUs compute a * (1 / b), whose reciprocal underflows
  // beyond (NVIDIA H200: 2^24 / FLT_MAX gave 0, not 4.9e-32), so a larger finite divisor is divided by a
  // quarter and the quotient scaled back, both exact while the quotient is normal.
  div_f32: {
    requires: ['is_nan'],
    text: `fn vyre_div_f32(a: f32, b: f32) -> f32 {
  if ((bitcast<u32>(b) & 0x7f800000u) == 0u) {
    if (vyre_is_nan(a) || (bitcast<u32>(a) & 0x7f800000u) == 0u) {
      return bitcast<f32>(bitcast<u32>(b) | 0x7fc00000u);
    }
    return bitcast<f32>((bitcast<u32>(a) & 0x80000000u) | 0x7f800000u);
  }
  if ((bitcast<u32>(b) & 0x7fffffffu) > 0x7e800000u && (bitcast<u32>(b) & 0x7fffffffu) < 0x7f800000u) {
    return (a / (b * 0.25f)) * 0.25f;
  }
  return a / b;
}`,
  },
  min_f32: {
    requires: ['is_nan'],
    text: `fn vyre_min_f32(a: f32, b: f32) -> f32 {
  if (vyre_is_nan(a)) {
    return b;
  }
  if (vyre_is_nan(b)) {
    return a;
  }
  if (a == b) {
    return bitcast<f32>(bitcast<u32>(a) | bitcast<u32>(b));
  }
  return select(b, a, a < b);
}`,
  },
  max_f32: {
    requires: ['is_nan'],
    text: `fn vyre_max_f32(a: f32, b: f32) -> f32 {
  if (vyre_is_nan(a)) {
    return b;
  }
  if (vyre_is_nan(b)) {
    return a;
  }
  if (a == b) {
    return bitcast<f32>(bitcast<u32>(a) & bitcast<u32>(b));
  }
  return select(b, a, a > b);
}`,
  },
  // The sign is taken from the bits, so a GPU that flushes subnormal inputs still gives ±1 for them.
  sign_f32: {
    requires: [],
    text: `fn vyre_sign_f32(x: f32) -> f32 {
  let m = bitcast<u32>(x) & 0x7fffffffu;
  return select(bitcast<f32>((bitcast<u32>(x) & 0x80000000u) | 0x3f800000u), x, m == 0u || m > 0x7f800000u);
}`,
  },
  f32_to_u32: {
    requires: ['is_nan'],
    text: `fn vyre_f32_to_u32(x: f32) -> u32 {
  if (vyre_is_nan(x)) {
    return 0u;
  }
  if (x >= 4294967296.0f) {
    return 0xffffffffu;
  }
  if (x > 0.0f) {
    return u32(x);
  }
  return 0u;
}`,
  },
  f32_to_i32: {
    requires: ['is_nan'],
    text: `fn vyre_f32_to_i32(x: f32) -> i32 {
  if (vyre_is_nan(x)) {
    return 0i;
  }
  if (x >= 2147483648.0f) {
    return 2147483647i;
  }
  if (x <= -2147483648.0f) {
    return ${I32_MIN};
  }
  return i32(x);
}`,
  },
  // WGSL lets an inexact conversion (and an inexact add) give either neighbour, so the f32 is built
  // from its bits in integer arithmetic: e is the position of the leading one; with more than 24
  // significant bits the dropped bits `rem` are compared with half an ulp, a tie going to the even
  // mantissa, and a mantissa that rounds up to 2^24 moves to the next exponent. Results lie in
  // [1, 2^32]: never infinite, never subnormal.
  u32_to_f32: {
    requires: [],
    text: `fn vyre_u32_to_f32(x: u32) -> f32 {
  if (x == 0u) {
    return 0.0f;
  }
  var e = 31u - countLeadingZeros(x);
  if (e <= 23u) {
    return bitcast<f32>(((e + 127u) << 23u) | ((x << (23u - e)) & 0x7fffffu));
  }
  let shift = e - 23u;
  var m = x >> shift;
  let rem = x & ((1u << shift) - 1u);
  let half = 1u << (shift - 1u);
  if (rem > half || (rem == half && (m & 1u) == 1u)) {
    m = m + 1u;
  }
  if (m == 0x1000000u) {
    m = m >> 1u;
    e = e + 1u;
  }
  return bitcast<f32>(((e + 127u) << 23u) | (m & 0x7fffffu));
}`,
  },
  // The u32 rule on the magnitude (MIN's is 0x80000000), then the sign bit.
  i32_to_f32: {
    requires: ['u32_to_f32'],
    text: `fn vyre_i32_to_f32(x: i32) -> f32 {
  let bits = bitcast<u32>(x);
  let magnitude = select(bits, 0u - bits, x < 0i);
  return bitcast<f32>(bitcast<u32>(vyre_u32_to_f32(magnitude)) | (bits & 0x80000000u));
}`,
  },
  i32_to_i64: {
    requires: [],
    text: `fn vyre_i32_to_i64(x: i32) -> vec2<u32> {
  return vec2<u32>(bitcast<u32>(x), select(0u, 0xffffffffu, x < 0i));
}`,
  },
  select_u32: orderedSelect('u32', 'u32'),
  select_i32: orderedSelect('i32', 'i32'),
  select_f32: orderedSelect('f32', 'f32'),
  select_f16: orderedSelect('f16', 'f16'),
  select_bool: orderedSelect('bool', 'bool'),
  select_vec2u32: orderedSelect('vec2u32', 'vec2<u32>'),
  select_vec4u32: orderedSelect('vec4u32', 'vec4<u32>'),
};

/**
 * The select helper that evaluates its operands in IR order, for values of `type`.
 *
 * @param type - the type of the select's branches
 *
 * @internal
 */
export function orderedSelectHelper(type: ValueType): WgslHelper {
  switch (type) {
    case 'u32':
      return 'select_u32';
    case 'i32':
      return 'select_i32';
    case 'f32':
      return 'select_f32';
    case 'f16':
      return 'select_f16';
    case 'bool':
      return 'select_bool';
    case 'u64':
    case 'i64':
    case 'vec2u32':
      return 'select_vec2u32';
    case 'vec4u32':
      return 'select_vec4u32';
    default:
      return assertNever(type, 'orderedSelectHelper');
  }
}

/**
 * Adds `helper`, and every helper it calls, to `used`.
 *
 * @param used - the helpers a module needs so far
 * @param helper - the helper to add
 *
 * @internal
 */
export function requireHelper(used: Set<WgslHelper>, helper: WgslHelper): void {
  if (used.has(helper)) {
    return;
  }
  used.add(helper);
  for (const dependency of LIBRARY[helper].requires) {
    requireHelper(used, dependency);
  }
}

/**
 * Appends the text of each used helper to `out`, in the library's fixed order.
 *
 * @param used - the helpers the module needs
 * @param out - the module's sections
 *
 * @internal
 */
export function emitHelperLibrary(
  used: ReadonlySet<WgslHelper>,
  out: string[],
): void {
  if (used.size === 0) {
    return;
  }
  for (const helper of WGSL_HELPERS) {
    if (used.has(helper)) {
      out.push(LIBRARY[helper].text);
    }
  }
}
