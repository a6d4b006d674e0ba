import {
  DataTypeWireTag,
  isCastAllowed,
  type DataType,
  type ValueType,
} from '@vyre/ir';
import { describe, expect, it } from 'vitest';
import type { Value } from '../src/cpu-value.ts';
import { castImpl } from '../src/pinned-cast.ts';
import { exactOf, roundRational } from './exact-f32.ts';
import {
  F32_WITNESSES,
  I32_WITNESSES,
  pairsOf,
  randomF32s,
  randomI32s,
  randomU32s,
  show,
  U32_WITNESSES,
} from './pinned-witnesses.ts';

// Every cast the table allows, against models from docs/semantics.md ("Conversions"): an integer-like
// value is its mathematical integer (zero- or sign-extended), and a target keeps the bits it can hold
// (BigInt.asUintN / asIntN); f32 conversions are modelled on exact rationals (exact-f32.ts).

const VALUE_TYPES: readonly ValueType[] = Object.keys({
  u32: 0,
  i32: 0,
  f32: 0,
  bool: 0,
  u64: 0,
  i64: 0,
  vec2u32: 0,
  vec4u32: 0,
  f16: 0,
} satisfies Record<ValueType, 0>) as ValueType[];
const DATA_TYPES = Object.keys(DataTypeWireTag) as DataType[];

const toBig = (words: readonly number[]): bigint =>
  words.reduceRight((acc, w) => (acc << 32n) | BigInt(w), 0n);
const words = (value: bigint, lanes: number): number[] =>
  Array.from({ length: lanes }, (_, i) =>
    Number(BigInt.asUintN(32, value >> BigInt(32 * i))),
  );

const F32_CAST_VALUES: readonly number[] = [
  ...F32_WITNESSES,
  0.9999999403953552,
  -0.9999999403953552,
  2147483520,
  2147483648,
  -2147483648,
  -2147483904,
  4294967040,
  4294967296,
  -4294967296,
  ...randomF32s(0x7000, 512),
  // Magnitudes around the integer ranges.
  ...randomU32s(0x7001, 128).map((x) =>
    Math.fround(x * (x % 2 === 0 ? 1 : -1) * 1.5),
  ),
];
const U32_CAST_VALUES: readonly number[] = [
  ...U32_WITNESSES,
  16777216,
  16777217,
  16777218,
  16777219,
  33554431,
  0x7fffffc0,
  0x7fffffbf,
  0xffffff80,
  0xffffff7f,
  ...randomU32s(0x7002, 256),
];
const I32_CAST_VALUES: readonly number[] = [
  ...I32_WITNESSES,
  -16777217,
  -16777219,
  -0x7fffffc0,
  16777217,
  ...randomI32s(0x7003, 256),
];

/** Sample values of a source type. */
function samples(type: ValueType): readonly Value[] {
  const pairs = [...pairsOf(U32_WITNESSES), ...pairsOf(randomU32s(0x7004, 12))];
  switch (type) {
    case 'u32':
      return U32_CAST_VALUES;
    case 'i32':
      return I32_CAST_VALUES;
    case 'bool':
      return [false, true];
    case 'f32':
      return F32_CAST_VALUES;
    case 'f16':
      return [
        0,
        -0,
        1,
        -1,
        65504,
        -65504,
        2 ** -24,
        0.0999755859375,
        Infinity,
        -Infinity,
        NaN,
      ];
    case 'u64':
    case 'i64':
    case 'vec2u32':
      return pairs;
    case 'vec4u32':
      return pairs.map(([x, y]) =>
        [x, y, y ^ 1, x ^ 0x80000000].map((w) => w >>> 0),
      );
  }
}

/** An integer-like value as the integer it denotes (undefined for f32 and f16). */
function integerOf(type: ValueType, v: Value): bigint | undefined {
  switch (type) {
    case 'u32':
    case 'i32':
      return BigInt(v as number);
    case 'bool':
      return v === true ? 1n : 0n;
    case 'u64':
    case 'vec2u32':
    case 'vec4u32':
      return toBig(v as number[]);
    case 'i64':
      return BigInt.asIntN(64, toBig(v as number[]));
    case 'f32':
    case 'f16':
      return undefined;
  }
}

/** A target's model on integers. */
function fromInteger(target: DataType, n: bigint): Value | undefined {
  switch (target) {
    case 'u8':
      return Number(BigInt.asUintN(8, n));
    case 'u16':
      return Number(BigInt.asUintN(16, n));
    case 'u32':
      return Number(BigInt.asUintN(32, n));
    case 'i8':
      return Number(BigInt.asIntN(8, n));
    case 'i16':
      return Number(BigInt.asIntN(16, n));
    case 'i32':
      return Number(BigInt.asIntN(32, n));
    case 'bool':
      return n !== 0n;
    case 'u64':
    case 'i64':
    case 'vec2u32':
      return words(BigInt.asUintN(64, n), 2);
    case 'vec4u32':
      // The value in lane 0 (its low word), other lanes zero.
      return words(BigInt.asUintN(32, n), 4);
    case 'f32':
      return roundRational(n < 0n, n < 0n ? -n : n, 1n);
    case 'f16':
      return undefined;
  }
}

// f32 -> integer: truncate toward zero on the exact value, then saturate; NaN is 0.
function truncated(x: number): bigint {
  const { negative, significand, exponent } = exactOf(x);
  const magnitude =
    exponent >= 0
      ? significand << BigInt(exponent)
      : significand >> BigInt(-exponent);
  return negative ? -magnitude : magnitude;
}
function saturate(x: number, min: bigint, max: bigint): number {
  if (Number.isNaN(x)) {
    return 0;
  }
  if (!Number.isFinite(x)) {
    return Number(x > 0 ? max : min);
  }
  const t = truncated(x);
  return Number(t < min ? min : t > max ? max : t);
}

function model(from: ValueType, target: DataType, v: Value): Value | undefined {
  if (from === target) {
    return v;
  }
  const n = integerOf(from, v);
  if (n !== undefined) {
    return fromInteger(target, n);
  }
  const x = v as number;
  if (from === 'f32' && target === 'u32') {
    return saturate(x, 0n, 0xffffffffn);
  }
  if (from === 'f32' && target === 'i32') {
    return saturate(x, -(2n ** 31n), 2n ** 31n - 1n);
  }
  if (from === 'f32' && target === 'bool') {
    return !(x === 0);
  }
  // f16 -> f32: every f16 value is an f32.
  return from === 'f16' && target === 'f32' ? x : undefined;
}

const ALLOWED = VALUE_TYPES.flatMap((from) =>
  DATA_TYPES.filter((target) => isCastAllowed(from, target)).map(
    (target) => [`${from} → ${target}`, from, target] as const,
  ),
);
// f32 -> f16 is covered by f16-bits.test.ts against an exhaustive model, and below by edge values.
const MODELLED = ALLOWED.filter(
  ([, from, target]) => !(from === 'f32' && target === 'f16'),
);

describe('pinned casts', () => {
  it('allows the pairs of the cast table', () => {
    // Identities; u32, i32, bool: 8 integer-like targets + vec2u32, vec4u32, f32; u64: 8 + vec2u32;
    // i64: 8; vec2u32: 4; vec4u32: 5; f32: u32, i32, bool, f16; f16: f32.
    expect(ALLOWED.length).toBe(9 + 3 * 11 + 9 + 8 + 4 + 5 + 4 + 1);
  });

  it.each(MODELLED)('%s matches the model', (_name, from, target) => {
    const impl = castImpl(from, target);
    for (const v of samples(from)) {
      const expected = model(from, target, v);
      expect(expected, `no model for ${from} → ${target}`).not.toBeUndefined();
      expect(impl(v), `cast ${show(v)}`).toEqual(expected);
      if (typeof expected === 'number') {
        // toEqual treats -0 and +0 alike; the representation must not produce -0 for integers.
        expect(impl(v), `cast ${show(v)}`).toBe(expected);
      }
    }
  });
});

const MAX = 3.4028234663852886e38;

describe('pinned cast edges', () => {
  it.each([
    ['f32 → u32: NaN is 0', 'f32', 'u32', NaN, 0],
    ['f32 → u32: -1 is 0', 'f32', 'u32', -1, 0],
    ['f32 → u32: -0.5 is 0', 'f32', 'u32', -0.5, 0],
    ['f32 → u32: 2.5 truncates to 2', 'f32', 'u32', 2.5, 2],
    ['f32 → u32: 4294967040 is exact', 'f32', 'u32', 4294967040, 4294967040],
    ['f32 → u32: 2^32 saturates', 'f32', 'u32', 4294967296, 0xffffffff],
    ['f32 → u32: Infinity saturates', 'f32', 'u32', Infinity, 0xffffffff],
    ['f32 → i32: NaN is 0', 'f32', 'i32', NaN, 0],
    ['f32 → i32: -0.5 is 0 (not -0)', 'f32', 'i32', -0.5, 0],
    ['f32 → i32: -2.5 truncates to -2', 'f32', 'i32', -2.5, -2],
    ['f32 → i32: 2^31 saturates', 'f32', 'i32', 2147483648, 0x7fffffff],
    ['f32 → i32: 2147483520 is exact', 'f32', 'i32', 2147483520, 2147483520],
    ['f32 → i32: -2^31 is MIN', 'f32', 'i32', -2147483648, -0x80000000],
    ['f32 → i32: -MAX saturates', 'f32', 'i32', -MAX, -0x80000000],
    ['f32 → bool: -0 is false', 'f32', 'bool', -0, false],
    ['f32 → bool: NaN is true', 'f32', 'bool', NaN, true],
    ['f32 → bool: smallest subnormal is true', 'f32', 'bool', 2 ** -149, true],
    [
      'u32 → f32: 16777217 ties to even (down)',
      'u32',
      'f32',
      16777217,
      16777216,
    ],
    ['u32 → f32: 16777219 ties to even (up)', 'u32', 'f32', 16777219, 16777220],
    ['u32 → f32: MAX rounds to 2^32', 'u32', 'f32', 0xffffffff, 4294967296],
    ['u32 → f32: 0xFFFFFF7F rounds down', 'u32', 'f32', 0xffffff7f, 4294967040],
    ['i32 → f32: MIN is exact', 'i32', 'f32', -0x80000000, -2147483648],
    ['i32 → f32: -16777217 ties to even', 'i32', 'f32', -16777217, -16777216],
    ['i32 → f32: 0 is +0', 'i32', 'f32', 0, 0],
    ['bool → f32: true is 1', 'bool', 'f32', true, 1],
    ['u32 → i8: 0x80 is -128', 'u32', 'i8', 0x80, -128],
    ['u32 → i16: 0xFFFF7FFF is 32767', 'u32', 'i16', 0xffff7fff, 32767],
    ['i32 → u8: -1 is 255', 'i32', 'u8', -1, 255],
    ['i32 → u32: -1 is MAX', 'i32', 'u32', -1, 0xffffffff],
    ['u32 → i32: 0x80000000 is MIN', 'u32', 'i32', 0x80000000, -0x80000000],
    ['i32 → u64: -2 sign-extends', 'i32', 'u64', -2, [0xfffffffe, 0xffffffff]],
    [
      'i32 → vec4u32: -2 in lane 0 only',
      'i32',
      'vec4u32',
      -2,
      [0xfffffffe, 0, 0, 0],
    ],
    ['u32 → i64: zero-extends', 'u32', 'i64', 0x80000000, [0x80000000, 0]],
    ['bool → vec2u32: true is (1, 0)', 'bool', 'vec2u32', true, [1, 0]],
    [
      'u64 → u32: the low word',
      'u64',
      'u32',
      [0xdeadbeef, 0xcafef00d],
      0xdeadbeef,
    ],
    ['i64 → i32: the low word', 'i64', 'i32', [0xfffffffe, 0], -2],
    ['i64 → i8: the low byte', 'i64', 'i8', [0xff, 0xffffffff], -1],
    ['vec2u32 → bool: high word only', 'vec2u32', 'bool', [0, 1], true],
    ['vec4u32 → bool: lane 3 only', 'vec4u32', 'bool', [0, 0, 0, 1], true],
    ['vec4u32 → bool: all zero', 'vec4u32', 'bool', [0, 0, 0, 0], false],
    [
      'vec4u32 → vec2u32: first two lanes',
      'vec4u32',
      'vec2u32',
      [1, 2, 3, 4],
      [1, 2],
    ],
    ['f32 → f16: 65520 overflows', 'f32', 'f16', 65520, Infinity],
    ['f32 → f16: -65520 overflows', 'f32', 'f16', -65520, -Infinity],
    [
      'f32 → f16: 0.1 rounds to nearest',
      'f32',
      'f16',
      Math.fround(0.1),
      0.0999755859375,
    ],
    ['f32 → f16: 1 + 2^-11 ties to even', 'f32', 'f16', 1 + 2 ** -11, 1],
    ['f32 → f16: -0 stays -0', 'f32', 'f16', -0, -0],
    ['f32 → f16: NaN stays NaN', 'f32', 'f16', NaN, NaN],
    ['f32 → f16: 2^-25 ties to +0', 'f32', 'f16', 2 ** -25, 0],
    ['f16 → f32: 65504', 'f16', 'f32', 65504, 65504],
  ] as const satisfies readonly (readonly [
    string,
    ValueType,
    DataType,
    Value,
    Value,
  ])[])('%s', (_name, from, target, v, expected) => {
    const got = castImpl(from, target)(v);
    if (typeof expected === 'object') {
      expect(got).toEqual(expected);
    } else {
      expect(got).toBe(expected);
    }
  });
});
