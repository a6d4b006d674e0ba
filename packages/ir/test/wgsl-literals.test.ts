import { describe, expect, it } from 'vitest';
import {
  add,
  binary,
  bufLen,
  cast,
  div,
  f32,
  i32,
  letBind,
  mul,
  program,
  shl,
  u32,
  unary,
  workgroupBuffer,
  type Literal,
  type Node,
} from '../src/index.ts';
import { wgslF32, wgslLiteral } from '../src/wgsl-literals.ts';
import { emitWgsl } from '../src/wgsl-module.ts';

// Literal spellings and the constant-operand rule (docs/semantics.md, "f32 literals", "Constant
// operands").

function emit(entry: readonly Node[]): string {
  const result = emitWgsl(
    program({ buffers: [workgroupBuffer('tile', 8, 'u32')], entry }),
  );
  if (!result.ok) {
    throw result.error;
  }
  return result.value.code;
}

const f32Bits = (bits: number): number =>
  new Float32Array(new Uint32Array([bits]).buffer)[0] ?? Number.NaN;

describe('wgslLiteral', () => {
  it.each<[string, Literal, string]>([
    ['u32 0', u32(0), '0u'],
    ['u32 max', u32(0xffff_ffff), '4294967295u'],
    ['i32 -1', i32(-1), '-1i'],
    ['i32 max', i32(0x7fff_ffff), '2147483647i'],
    [
      'i32 min, which WGSL cannot spell',
      i32(-0x8000_0000),
      'bitcast<i32>(0x80000000u)',
    ],
    ['i32 min + 1', i32(-0x7fff_ffff), '-2147483647i'],
    ['bool', { kind: 'lit', type: 'bool', value: true }, 'true'],
  ])('%s', (_, literal, expected) => {
    expect(wgslLiteral(literal)).toBe(expected);
  });
});

describe('wgslF32', () => {
  it.each<[string, number, string]>([
    ['zero', 0, '0.0f'],
    ['negative zero', -0, '-0.0f'],
    ['one', 1, '1.0f'],
    ['the f32 nearest 0.1, as its shortest decimal', Math.fround(0.1), '0.1f'],
    ['the f32 nearest 1/3', Math.fround(1 / 3), '0.33333334f'],
    ['a value that needs 9 digits', f32Bits(0x3c23_d70e), '0.0100000035f'],
    ['2^24 + 2 (exact)', 16777218, '16777218.0f'],
    ['a large power of two', 2 ** 100, '1.2676506e+30f'],
    // 3.4028235e38, the shortest decimal, is above the maximum and rejected by Tint.
    ['the largest f32', f32Bits(0x7f7f_ffff), '3.402823466e+38f'],
    ['minus the largest f32', -f32Bits(0x7f7f_ffff), '-3.402823466e+38f'],
    ['the smallest normal', f32Bits(0x0080_0000), '1.1754944e-38f'],
    [
      'the largest subnormal, as bits',
      f32Bits(0x007f_ffff),
      'bitcast<f32>(0x7fffffu)',
    ],
    ['the smallest subnormal, as bits', f32Bits(1), 'bitcast<f32>(0x1u)'],
    ['a negative subnormal, as bits', -f32Bits(1), 'bitcast<f32>(0x80000001u)'],
  ])('%s', (_, value, expected) => {
    expect(wgslF32(value)).toBe(expected);
    if (!expected.startsWith('bitcast')) {
      // What Tint does: read a double, reject it above the maximum f32, round to f32.
      const parsed = Number(expected.slice(0, -1));
      expect(Math.abs(parsed)).toBeLessThanOrEqual(f32Bits(0x7f7f_ffff));
      expect(Object.is(Math.fround(parsed), value)).toBe(true);
    }
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY, 0.1])(
    'throws InternalError for %s, which is not a finite f32',
    (value) => {
      expect(() => wgslF32(value)).toThrow(/INTERNAL|Internal error/);
    },
  );
});

describe('emitWgsl: constant operands', () => {
  it('binds the first operand of an all-constant operation to a temporary', () => {
    expect(
      emit([
        letBind('a', add(u32(0xffff_ffff), u32(1))),
        letBind('b', mul(f32(3e38), f32(10))),
        letBind('c', shl(i32(255), u32(24))),
        letBind('d', shl(u32(1), u32(40))),
        letBind('e', unary('sqrt', f32(-1))),
        letBind('f', cast('i8', u32(255))),
        letBind('g', add(bufLen('tile'), u32(0xffff_fff9))),
      ]),
    ).toMatchInlineSnapshot(`
      "var<workgroup> b_tile: array<u32, 8>;

      @compute @workgroup_size(64, 1, 1)
      fn main() {
        let t0 = 4294967295u;
        let l_a = t0 + 1u;
        let t1 = 3.0e+38f;
        let l_b = t1 * 10.0f;
        let t2 = 255i;
        let l_c = t2 << 24u;
        let t3 = 1u;
        let l_d = t3 << 8u;
        let t4 = -1.0f;
        let l_e = sqrt(t4);
        let t5 = 255u;
        let l_f = (bitcast<i32>(t5) << 24u) >> 24u;
        let t6 = 8u;
        let l_g = t6 + 4294967289u;
      }
      "
    `);
  });

  it('needs no temporary for a helper call or a partly constant operation', () => {
    expect(
      emit([
        letBind('q', div(u32(5), u32(0))),
        letBind('r', binary('mod', i32(-0x8000_0000), i32(-1))),
        letBind('s', cast('u32', f32(-1))),
        letBind('t', add(add(u32(1), u32(2)), u32(3))),
      ]),
    ).toMatchInlineSnapshot(`
      "var<workgroup> b_tile: array<u32, 8>;

      fn vyre_is_nan(x: f32) -> bool {
        return (bitcast<u32>(x) & 0x7fffffffu) > 0x7f800000u;
      }

      fn vyre_div_u32(a: u32, b: u32) -> u32 {
        return select(a / select(b, 1u, b == 0u), 0xffffffffu, b == 0u);
      }

      fn vyre_mod_i32(a: i32, b: i32) -> i32 {
        return a % select(b, 1i, b == 0i || (a == bitcast<i32>(0x80000000u) && b == -1i));
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

      @compute @workgroup_size(64, 1, 1)
      fn main() {
        let l_q = vyre_div_u32(5u, 0u);
        let l_r = vyre_mod_i32(bitcast<i32>(0x80000000u), -1i);
        let l_s = vyre_f32_to_u32(-1.0f);
        let t0 = 1u;
        let l_t = (t0 + 2u) + 3u;
      }
      "
    `);
  });
});
