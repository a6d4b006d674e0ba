import { describe, expect, it } from 'vitest';
import {
  BASELINE_WGSL_CAPABILITIES,
  bool,
  cast,
  f32,
  gidX,
  i32,
  letBind,
  local,
  program,
  readBuffer,
  load,
  type BufferDecl,
  type Node,
} from '../src/index.ts';
import { emitWgsl } from '../src/wgsl-module.ts';

// Conversions (docs/semantics.md, "Conversions"): each row of the cast table as the WGSL it becomes.

function emit(
  entry: readonly Node[],
  buffers: readonly BufferDecl[] = [],
): string {
  const result = emitWgsl(program({ buffers, entry }));
  if (!result.ok) {
    throw result.error;
  }
  return result.value.code;
}

const x = local('x');

describe('emitWgsl: casts', () => {
  it('reinterprets the bits between u32 and i32', () => {
    expect(
      emit([
        letBind('x', gidX()),
        letBind('i', cast('i32', x)),
        letBind('u', cast('u32', local('i'))),
      ]),
    ).toMatchInlineSnapshot(`
      "@compute @workgroup_size(64, 1, 1)
      fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
        let l_x = gid.x;
        let l_i = bitcast<i32>(l_x);
        let l_u = bitcast<u32>(l_i);
      }
      "
    `);
  });

  it('keeps the low bits for u8 and u16 and sign-extends them for i8 and i16', () => {
    expect(
      emit([
        letBind('x', gidX()),
        letBind('a', cast('u8', x)),
        letBind('b', cast('u16', x)),
        letBind('c', cast('i8', x)),
        letBind('d', cast('i16', cast('i32', x))),
      ]),
    ).toMatchInlineSnapshot(`
      "@compute @workgroup_size(64, 1, 1)
      fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
        let l_x = gid.x;
        let l_a = l_x & 0xffu;
        let l_b = l_x & 0xffffu;
        let l_c = (bitcast<i32>(l_x) << 24u) >> 24u;
        let l_d = (bitcast<i32>(l_x) << 16u) >> 16u;
      }
      "
    `);
  });

  it('converts bools to 1 or 0 and integers to bool by nonzero', () => {
    expect(
      emit([
        letBind('x', gidX()),
        letBind('b', cast('bool', x)),
        letBind('u', cast('u32', local('b'))),
        letBind('i', cast('i32', local('b'))),
        letBind('f', cast('f32', local('b'))),
        letBind('n', cast('bool', i32(-3))),
      ]),
    ).toMatchInlineSnapshot(`
      "@compute @workgroup_size(64, 1, 1)
      fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
        let l_x = gid.x;
        let l_b = l_x != 0u;
        let l_u = select(0u, 1u, l_b);
        let l_i = select(0i, 1i, l_b);
        let l_f = select(0.0f, 1.0f, l_b);
        let t0 = -3i;
        let l_n = t0 != 0i;
      }
      "
    `);
  });

  it('tests an f32 for zero on the bits', () => {
    expect(emit([letBind('x', f32(-0)), letBind('b', cast('bool', x))]))
      .toMatchInlineSnapshot(`
      "@compute @workgroup_size(64, 1, 1)
      fn main() {
        let l_x = -0.0f;
        let l_b = (bitcast<u32>(l_x) & 0x7fffffffu) != 0u;
      }
      "
    `);
  });

  it('saturates f32 to u32 and i32, with NaN to 0', () => {
    expect(
      emit([
        letBind('x', f32(-1.5)),
        letBind('u', cast('u32', x)),
        letBind('i', cast('i32', x)),
      ]),
    ).toMatchInlineSnapshot(`
      "fn vyre_is_nan(x: f32) -> bool {
        return (bitcast<u32>(x) & 0x7fffffffu) > 0x7f800000u;
      }

      fn vyre_f32_to_u32(x: f32) -> u32 {
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
      }

      fn vyre_f32_to_i32(x: f32) -> i32 {
        if (vyre_is_nan(x)) {
          return 0i;
        }
        if (x >= 2147483648.0f) {
          return 2147483647i;
        }
        if (x <= -2147483648.0f) {
          return bitcast<i32>(0x80000000u);
        }
        return i32(x);
      }

      @compute @workgroup_size(64, 1, 1)
      fn main() {
        let l_x = -1.5f;
        let l_u = vyre_f32_to_u32(l_x);
        let l_i = vyre_f32_to_i32(l_x);
      }
      "
    `);
  });

  it('rounds u32 and i32 to the nearest f32, ties to even', () => {
    expect(
      emit([
        letBind('x', gidX()),
        letBind('f', cast('f32', x)),
        letBind('g', cast('f32', cast('i32', x))),
      ]),
    ).toMatchInlineSnapshot(`
      "fn vyre_u32_to_f32(x: u32) -> f32 {
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
      }

      fn vyre_i32_to_f32(x: i32) -> f32 {
        let bits = bitcast<u32>(x);
        let magnitude = select(bits, 0u - bits, x < 0i);
        return bitcast<f32>(bitcast<u32>(vyre_u32_to_f32(magnitude)) | (bits & 0x80000000u));
      }

      @compute @workgroup_size(64, 1, 1)
      fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
        let l_x = gid.x;
        let l_f = vyre_u32_to_f32(l_x);
        let l_g = vyre_i32_to_f32(bitcast<i32>(l_x));
      }
      "
    `);
  });

  it('widens to 64 bits (sign-extending i32) and takes the low word back', () => {
    expect(
      emit([
        letBind('x', gidX()),
        letBind('a', cast('u64', x)),
        letBind('b', cast('i64', cast('i32', x))),
        letBind('c', cast('vec2u32', bool(true))),
        letBind('d', cast('u32', local('a'))),
        letBind('e', cast('i32', local('b'))),
        letBind('f', cast('bool', local('c'))),
      ]),
    ).toMatchInlineSnapshot(`
      "fn vyre_i32_to_i64(x: i32) -> vec2<u32> {
        return vec2<u32>(bitcast<u32>(x), select(0u, 0xffffffffu, x < 0i));
      }

      @compute @workgroup_size(64, 1, 1)
      fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
        let l_x = gid.x;
        let l_a = vec2<u32>(l_x, 0u);
        let l_b = vyre_i32_to_i64(bitcast<i32>(l_x));
        let t0 = true;
        let l_c = vec2<u32>(select(0u, 1u, t0), 0u);
        let l_d = l_a.x;
        let l_e = bitcast<i32>(l_b.x);
        let l_f = any(l_c != vec2<u32>());
      }
      "
    `);
  });

  it('puts a value in lane 0 of a vec4u32 and takes it back', () => {
    expect(
      emit([
        letBind('x', gidX()),
        letBind('v', cast('vec4u32', x)),
        letBind('b', cast('bool', local('v'))),
        letBind('u', cast('u64', local('v'))),
        letBind('i', cast('i32', local('v'))),
      ]),
    ).toMatchInlineSnapshot(`
      "@compute @workgroup_size(64, 1, 1)
      fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
        let l_x = gid.x;
        let l_v = vec4<u32>(l_x, 0u, 0u, 0u);
        let l_b = any(l_v != vec4<u32>());
        let l_u = l_v.xy;
        let l_i = bitcast<i32>(l_v.x);
      }
      "
    `);
  });

  it('converts between f32 and f16 natively and enables f16', () => {
    const result = emitWgsl(
      program({
        buffers: [readBuffer('h', 0, 'f16')],
        entry: [
          letBind('x', cast('f32', load('h', gidX()))),
          letBind('y', cast('f16', x)),
        ],
      }),
      { capabilities: { ...BASELINE_WGSL_CAPABILITIES, shaderF16: true } },
    );
    if (!result.ok) {
      throw result.error;
    }
    expect(result.value.enables).toEqual(['f16']);
    expect(result.value.code).toMatchInlineSnapshot(`
      "enable f16;

      @group(0) @binding(0) var<storage, read> b_h: array<f16>;

      fn vyre_load_h(i: u32) -> f16 {
        if (i < arrayLength(&b_h)) {
          return b_h[i];
        }
        return 0.0h;
      }

      @compute @workgroup_size(64, 1, 1)
      fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
        let l_x = f32(vyre_load_h(gid.x));
        let l_y = f16(l_x);
      }
      "
    `);
  });

  it('emits an identity cast as its operand', () => {
    expect(emit([letBind('x', gidX()), letBind('y', cast('u32', x))]))
      .toMatchInlineSnapshot(`
      "@compute @workgroup_size(64, 1, 1)
      fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
        let l_x = gid.x;
        let l_y = l_x;
      }
      "
    `);
  });
});
