import { describe, expect, it } from 'vitest';
import {
  binary,
  f32,
  gidX,
  i32,
  letBind,
  local,
  program,
  shl,
  shr,
  u32,
  unary,
  wgX,
  type Expr,
  type Node,
} from '../src/index.ts';
import { emitWgsl } from '../src/wgsl-module.ts';

// Operators (docs/semantics.md, "Integer arithmetic", "Shifts and bits", "Floating point"): each
// pinned row as the WGSL it becomes. Operands are locals, so the programs need no buffers.

function emit(entry: readonly Node[]): string {
  const result = emitWgsl(program({ buffers: [], entry }));
  if (!result.ok) {
    throw result.error;
  }
  return result.value.code;
}

// `let r = value` after two u32 locals `a` and `b`.
function u32s(value: Expr): string {
  return emit([letBind('a', gidX()), letBind('b', wgX()), letBind('r', value)]);
}

// `let r = value` after two i32 locals `a` and `b`.
function i32s(value: Expr): string {
  return emit([
    letBind('a', i32(-7)),
    letBind('b', i32(2)),
    letBind('r', value),
  ]);
}

// `let r = value` after two f32 locals `a` and `b`.
function f32s(value: Expr): string {
  return emit([
    letBind('a', f32(-0)),
    letBind('b', f32(0.5)),
    letBind('r', value),
  ]);
}

const a = local('a');
const b = local('b');

describe('emitWgsl: integer arithmetic', () => {
  it('wraps add, sub and mul natively', () => {
    expect(
      emit([
        letBind('a', gidX()),
        letBind('x', binary('add', a, a)),
        letBind('y', binary('wrappingSub', a, local('x'))),
        letBind('z', binary('mul', local('y'), a)),
      ]),
    ).toMatchInlineSnapshot(`
      "@compute @workgroup_size(64, 1, 1)
      fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
        let l_a = gid.x;
        let l_x = l_a + l_a;
        let l_y = l_a - l_x;
        let l_z = l_y * l_a;
      }
      "
    `);
  });

  it('pins u32 division and remainder by zero', () => {
    expect(
      emit([
        letBind('a', gidX()),
        letBind('q', binary('div', a, wgX())),
        letBind('r', binary('mod', a, wgX())),
      ]),
    ).toMatchInlineSnapshot(`
      "fn vyre_div_u32(a: u32, b: u32) -> u32 {
        return select(a / select(b, 1u, b == 0u), 0xffffffffu, b == 0u);
      }

      fn vyre_mod_u32(a: u32, b: u32) -> u32 {
        return select(a % select(b, 1u, b == 0u), 0u, b == 0u);
      }

      @compute @workgroup_size(64, 1, 1)
      fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(workgroup_id) wid: vec3<u32>) {
        let l_a = gid.x;
        let l_q = vyre_div_u32(l_a, wid.x);
        let l_r = vyre_mod_u32(l_a, wid.x);
      }
      "
    `);
  });

  it('pins i32 division and remainder by zero and MIN / -1', () => {
    expect(
      emit([
        letBind('a', i32(-7)),
        letBind('q', binary('div', a, i32(-1))),
        letBind('r', binary('mod', a, i32(0))),
      ]),
    ).toMatchInlineSnapshot(`
      "fn vyre_div_i32(a: i32, b: i32) -> i32 {
        return a / select(b, 1i, b == 0i || (a == bitcast<i32>(0x80000000u) && b == -1i));
      }

      fn vyre_mod_i32(a: i32, b: i32) -> i32 {
        return a % select(b, 1i, b == 0i || (a == bitcast<i32>(0x80000000u) && b == -1i));
      }

      @compute @workgroup_size(64, 1, 1)
      fn main() {
        let l_a = -7i;
        let l_q = vyre_div_i32(l_a, -1i);
        let l_r = vyre_mod_i32(l_a, 0i);
      }
      "
    `);
  });

  it('saturates add, sub and mul', () => {
    expect(
      emit([
        letBind('a', gidX()),
        letBind('b', wgX()),
        letBind('s', binary('saturatingAdd', a, b)),
        letBind('d', binary('saturatingSub', a, b)),
        letBind('m', binary('saturatingMul', a, b)),
      ]),
    ).toMatchInlineSnapshot(`
      "fn vyre_mul_high_u32(a: u32, b: u32) -> u32 {
        let a_lo = a & 0xffffu;
        let a_hi = a >> 16u;
        let b_lo = b & 0xffffu;
        let b_hi = b >> 16u;
        let lo_lo = a_lo * b_lo;
        let hi_lo = a_hi * b_lo;
        let lo_hi = a_lo * b_hi;
        let mid = (lo_lo >> 16u) + (hi_lo & 0xffffu) + (lo_hi & 0xffffu);
        return a_hi * b_hi + (hi_lo >> 16u) + (lo_hi >> 16u) + (mid >> 16u);
      }

      fn vyre_saturating_add_u32(a: u32, b: u32) -> u32 {
        let s = a + b;
        return select(s, 0xffffffffu, s < a);
      }

      fn vyre_saturating_sub_u32(a: u32, b: u32) -> u32 {
        return select(a - b, 0u, b > a);
      }

      fn vyre_saturating_mul_u32(a: u32, b: u32) -> u32 {
        return select(a * b, 0xffffffffu, vyre_mul_high_u32(a, b) != 0u);
      }

      @compute @workgroup_size(64, 1, 1)
      fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(workgroup_id) wid: vec3<u32>) {
        let l_a = gid.x;
        let l_b = wid.x;
        let l_s = vyre_saturating_add_u32(l_a, l_b);
        let l_d = vyre_saturating_sub_u32(l_a, l_b);
        let l_m = vyre_saturating_mul_u32(l_a, l_b);
      }
      "
    `);
  });

  it('computes mulHigh with 16-bit limbs', () => {
    expect(u32s(binary('mulHigh', a, b))).toMatchInlineSnapshot(`
      "fn vyre_mul_high_u32(a: u32, b: u32) -> u32 {
        let a_lo = a & 0xffffu;
        let a_hi = a >> 16u;
        let b_lo = b & 0xffffu;
        let b_hi = b >> 16u;
        let lo_lo = a_lo * b_lo;
        let hi_lo = a_hi * b_lo;
        let lo_hi = a_lo * b_hi;
        let mid = (lo_lo >> 16u) + (hi_lo & 0xffffu) + (lo_hi & 0xffffu);
        return a_hi * b_hi + (hi_lo >> 16u) + (lo_hi >> 16u) + (mid >> 16u);
      }

      @compute @workgroup_size(64, 1, 1)
      fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(workgroup_id) wid: vec3<u32>) {
        let l_a = gid.x;
        let l_b = wid.x;
        let l_r = vyre_mul_high_u32(l_a, l_b);
      }
      "
    `);
  });

  it('takes absDiff and integer min and max natively', () => {
    expect(
      emit([
        letBind('a', gidX()),
        letBind('b', wgX()),
        letBind('d', binary('absDiff', a, b)),
        letBind('lo', binary('min', a, b)),
        letBind('hi', binary('max', i32(-1), i32(3))),
      ]),
    ).toMatchInlineSnapshot(`
      "fn vyre_abs_diff_u32(a: u32, b: u32) -> u32 {
        return select(b - a, a - b, a > b);
      }

      @compute @workgroup_size(64, 1, 1)
      fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(workgroup_id) wid: vec3<u32>) {
        let l_a = gid.x;
        let l_b = wid.x;
        let l_d = vyre_abs_diff_u32(l_a, l_b);
        let l_lo = min(l_a, l_b);
        let t0 = -1i;
        let l_hi = max(t0, 3i);
      }
      "
    `);
  });

  it('negates a u32 as 0 - x', () => {
    expect(u32s(unary('negate', a))).toMatchInlineSnapshot(`
      "@compute @workgroup_size(64, 1, 1)
      fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(workgroup_id) wid: vec3<u32>) {
        let l_a = gid.x;
        let l_b = wid.x;
        let l_r = 0u - l_a;
      }
      "
    `);
  });
});

describe('emitWgsl: shifts and bits', () => {
  it('masks a shift amount that is not a literal', () => {
    expect(
      emit([
        letBind('a', gidX()),
        letBind('b', wgX()),
        letBind('x', shl(a, b)),
        letBind('y', shr(i32(-8), binary('add', b, b))),
      ]),
    ).toMatchInlineSnapshot(`
      "@compute @workgroup_size(64, 1, 1)
      fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(workgroup_id) wid: vec3<u32>) {
        let l_a = gid.x;
        let l_b = wid.x;
        let l_x = l_a << (l_b & 31u);
        let l_y = -8i >> ((l_b + l_b) & 31u);
      }
      "
    `);
  });

  it('writes a literal amount below 32 as it is and masks a larger one', () => {
    expect(
      emit([
        letBind('a', gidX()),
        letBind('x', shl(a, u32(31))),
        letBind('y', shr(a, u32(40))),
        letBind('z', shr(a, u32(32))),
      ]),
    ).toMatchInlineSnapshot(`
      "@compute @workgroup_size(64, 1, 1)
      fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
        let l_a = gid.x;
        let l_x = l_a << 31u;
        let l_y = l_a >> 8u;
        let l_z = l_a >> 0u;
      }
      "
    `);
  });

  it('rotates through helpers', () => {
    expect(
      emit([
        letBind('a', gidX()),
        letBind('b', wgX()),
        letBind('l', binary('rotateLeft', a, b)),
        letBind('r', binary('rotateRight', a, b)),
      ]),
    ).toMatchInlineSnapshot(`
      "fn vyre_rotl_u32(x: u32, r: u32) -> u32 {
        let s = r & 31u;
        return (x << s) | (x >> ((32u - s) & 31u));
      }

      fn vyre_rotr_u32(x: u32, r: u32) -> u32 {
        let s = r & 31u;
        return (x >> s) | (x << ((32u - s) & 31u));
      }

      @compute @workgroup_size(64, 1, 1)
      fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(workgroup_id) wid: vec3<u32>) {
        let l_a = gid.x;
        let l_b = wid.x;
        let l_l = vyre_rotl_u32(l_a, l_b);
        let l_r = vyre_rotr_u32(l_a, l_b);
      }
      "
    `);
  });

  it('counts and reverses bits natively', () => {
    expect(
      emit([
        letBind('a', gidX()),
        letBind('c', unary('clz', a)),
        letBind('t', unary('ctz', a)),
        letBind('p', unary('popcount', a)),
        letBind('v', unary('reverseBits', a)),
        letBind('n', unary('bitNot', a)),
      ]),
    ).toMatchInlineSnapshot(`
      "@compute @workgroup_size(64, 1, 1)
      fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
        let l_a = gid.x;
        let l_c = countLeadingZeros(l_a);
        let l_t = countTrailingZeros(l_a);
        let l_p = countOneBits(l_a);
        let l_v = reverseBits(l_a);
        let l_n = ~l_a;
      }
      "
    `);
  });

  it('unpacks with a shift and a mask of the bits', () => {
    expect(
      emit([
        letBind('a', gidX()),
        letBind('b', i32(-16)),
        letBind('w', unary('unpack4Low', a)),
        letBind('x', unary('unpack4High', a)),
        letBind('y', unary('unpack8Low', local('b'))),
        letBind('z', unary('unpack8High', local('b'))),
      ]),
    ).toMatchInlineSnapshot(`
      "@compute @workgroup_size(64, 1, 1)
      fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
        let l_a = gid.x;
        let l_b = -16i;
        let l_w = l_a & 0xfu;
        let l_x = (l_a >> 4u) & 0xfu;
        let l_y = (bitcast<u32>(l_b) & 0xffu);
        let l_z = (bitcast<u32>(l_b) >> 24u) & 0xffu;
      }
      "
    `);
  });
});

describe('emitWgsl: logic and comparisons', () => {
  it('evaluates both operands of and/or, testing u32 operands for nonzero', () => {
    expect(
      emit([
        letBind('a', gidX()),
        letBind('b', binary('lt', a, wgX())),
        letBind('x', binary('and', a, local('b'))),
        letBind('y', binary('or', local('b'), a)),
        letBind('n', unary('logicalNot', a)),
        letBind('m', unary('logicalNot', local('b'))),
      ]),
    ).toMatchInlineSnapshot(`
      "@compute @workgroup_size(64, 1, 1)
      fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(workgroup_id) wid: vec3<u32>) {
        let l_a = gid.x;
        let l_b = (l_a < wid.x);
        let l_x = (l_a != 0u) & l_b;
        let l_y = l_b | (l_a != 0u);
        let l_n = l_a == 0u;
        let l_m = !l_b;
      }
      "
    `);
  });

  it('compares natively', () => {
    expect(i32s(binary('and', binary('le', a, b), binary('ne', a, b))))
      .toMatchInlineSnapshot(`
      "@compute @workgroup_size(64, 1, 1)
      fn main() {
        let l_a = -7i;
        let l_b = 2i;
        let l_r = (l_a <= l_b) & (l_a != l_b);
      }
      "
    `);
  });
});

describe('emitWgsl: floating point', () => {
  it('uses IEEE add, sub and mul natively, and pins division by zero in vyre_div_f32', () => {
    expect(f32s(binary('div', binary('sub', a, b), binary('mul', a, b))))
      .toMatchInlineSnapshot(`
        "fn vyre_is_nan(x: f32) -> bool {
          return (bitcast<u32>(x) & 0x7fffffffu) > 0x7f800000u;
        }

        fn vyre_div_f32(a: f32, b: f32) -> f32 {
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
        }

        @compute @workgroup_size(64, 1, 1)
        fn main() {
          let l_a = -0.0f;
          let l_b = 0.5f;
          let l_r = vyre_div_f32(l_a - l_b, l_a * l_b);
        }
        "
      `);
  });

  it('pins f32 comparisons with NaN operands through helpers', () => {
    expect(
      emit([
        letBind('a', f32(1)),
        letBind('b', f32(2)),
        letBind('lt', binary('lt', a, b)),
        letBind('ne', binary('ne', a, b)),
      ]),
    ).toMatchInlineSnapshot(`
      "fn vyre_is_nan(x: f32) -> bool {
        return (bitcast<u32>(x) & 0x7fffffffu) > 0x7f800000u;
      }

      fn vyre_ne_f32(a: f32, b: f32) -> bool {
        return vyre_is_nan(a) || vyre_is_nan(b) || a != b;
      }

      fn vyre_lt_f32(a: f32, b: f32) -> bool {
        return !vyre_is_nan(a) && !vyre_is_nan(b) && a < b;
      }

      @compute @workgroup_size(64, 1, 1)
      fn main() {
        let l_a = 1.0f;
        let l_b = 2.0f;
        let l_lt = vyre_lt_f32(l_a, l_b);
        let l_ne = vyre_ne_f32(l_a, l_b);
      }
      "
    `);
  });

  it('pins min and max (NaN and signed zero) through helpers', () => {
    expect(
      emit([
        letBind('a', f32(-0)),
        letBind('b', f32(0)),
        letBind('lo', binary('min', a, b)),
        letBind('hi', binary('max', a, b)),
      ]),
    ).toMatchInlineSnapshot(`
      "fn vyre_is_nan(x: f32) -> bool {
        return (bitcast<u32>(x) & 0x7fffffffu) > 0x7f800000u;
      }

      fn vyre_min_f32(a: f32, b: f32) -> f32 {
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
      }

      fn vyre_max_f32(a: f32, b: f32) -> f32 {
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
      }

      @compute @workgroup_size(64, 1, 1)
      fn main() {
        let l_a = -0.0f;
        let l_b = 0.0f;
        let l_lo = vyre_min_f32(l_a, l_b);
        let l_hi = vyre_max_f32(l_a, l_b);
      }
      "
    `);
  });

  it('keeps the sign of zero and NaN through sign, and takes ±1 from the bits', () => {
    expect(f32s(unary('sign', a))).toMatchInlineSnapshot(`
      "fn vyre_sign_f32(x: f32) -> f32 {
        let m = bitcast<u32>(x) & 0x7fffffffu;
        return select(bitcast<f32>((bitcast<u32>(x) & 0x80000000u) | 0x3f800000u), x, m == 0u || m > 0x7f800000u);
      }

      @compute @workgroup_size(64, 1, 1)
      fn main() {
        let l_a = -0.0f;
        let l_b = 0.5f;
        let l_r = vyre_sign_f32(l_a);
      }
      "
    `);
  });

  it('classifies on the bits', () => {
    expect(
      emit([
        letBind('a', f32(1.5)),
        letBind('n', unary('isNan', a)),
        letBind('i', unary('isInf', a)),
        letBind('f', unary('isFinite', a)),
      ]),
    ).toMatchInlineSnapshot(`
      "fn vyre_is_nan(x: f32) -> bool {
        return (bitcast<u32>(x) & 0x7fffffffu) > 0x7f800000u;
      }

      fn vyre_is_inf(x: f32) -> bool {
        return (bitcast<u32>(x) & 0x7fffffffu) == 0x7f800000u;
      }

      fn vyre_is_finite(x: f32) -> bool {
        return (bitcast<u32>(x) & 0x7fffffffu) < 0x7f800000u;
      }

      @compute @workgroup_size(64, 1, 1)
      fn main() {
        let l_a = 1.5f;
        let l_n = vyre_is_nan(l_a);
        let l_i = vyre_is_inf(l_a);
        let l_f = vyre_is_finite(l_a);
      }
      "
    `);
  });

  it('calls math functions natively, negates with unary minus, and takes reciprocals through vyre_div_f32', () => {
    expect(
      emit([
        letBind('a', f32(2)),
        letBind('s', unary('sqrt', a)),
        letBind('r', unary('inverseSqrt', a)),
        letBind('q', unary('reciprocal', a)),
        letBind('e', unary('exp2', a)),
        letBind('t', unary('round', a)),
        letBind('n', unary('negate', a)),
      ]),
    ).toMatchInlineSnapshot(`
      "fn vyre_is_nan(x: f32) -> bool {
        return (bitcast<u32>(x) & 0x7fffffffu) > 0x7f800000u;
      }

      fn vyre_div_f32(a: f32, b: f32) -> f32 {
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
      }

      @compute @workgroup_size(64, 1, 1)
      fn main() {
        let l_a = 2.0f;
        let l_s = sqrt(l_a);
        let l_r = inverseSqrt(l_a);
        let l_q = vyre_div_f32(1.0f, l_a);
        let l_e = exp2(l_a);
        let l_t = round(l_a);
        let l_n = -l_a;
      }
      "
    `);
  });
});
