import type { UnOp, ValueType } from '@vyre/ir';
import { describe, expect, it } from 'vitest';
import { unaryImpl } from '../src/pinned-unary.ts';
import {
  I32_WITNESSES,
  pairsOf,
  randomI32s,
  randomU32s,
  show,
  U32_WITNESSES,
} from './pinned-witnesses.ts';

// Integer, bool and vector unary operators against models on BigInt values and binary strings.

const bits32 = (x: number): string =>
  BigInt.asUintN(32, BigInt(x)).toString(2).padStart(32, '0');
const asU32 = (x: bigint): number => Number(BigInt.asUintN(32, x));
const asI32 = (x: bigint): number => Number(BigInt.asIntN(32, x));

type IntType = 'u32' | 'i32';
type IntModel = (x: number) => number | boolean;
const valuesOf = (type: IntType): number[] =>
  type === 'u32'
    ? [...U32_WITNESSES, ...randomU32s(0x4000, 512)]
    : [...I32_WITNESSES, ...randomI32s(0x4001, 512)];
// A u32 model's result as the operand type (counts are small either way).
const asType = (type: IntType, x: number): number =>
  type === 'u32' ? asU32(BigInt(x)) : asI32(BigInt(x));

const popcount = (x: number): number =>
  [...bits32(x)].filter((c) => c === '1').length;
const clz = (x: number): number => {
  const i = bits32(x).indexOf('1');
  return i < 0 ? 32 : i;
};
const ctz = (x: number): number => {
  const i = bits32(x).lastIndexOf('1');
  return i < 0 ? 32 : 31 - i;
};
const reverse = (x: number): number =>
  Number(BigInt(`0b${[...bits32(x)].reverse().join('')}`));
const unpack =
  (shift: bigint, mask: bigint) =>
  (x: number): number =>
    Number((BigInt.asUintN(32, BigInt(x)) >> shift) & mask);

const CASES: readonly [UnOp, IntType, IntModel][] = [
  ['negate', 'u32', (x) => asU32(-BigInt(x))],
  ['bitNot', 'u32', (x) => asU32(~BigInt(x))],
  ['bitNot', 'i32', (x) => asI32(~BigInt(x))],
  ['logicalNot', 'u32', (x) => BigInt(x) === 0n],
  ...(['u32', 'i32'] as const).flatMap((t): [UnOp, IntType, IntModel][] => [
    ['popcount', t, (x) => asType(t, popcount(x))],
    ['clz', t, (x) => asType(t, clz(x))],
    ['ctz', t, (x) => asType(t, ctz(x))],
    ['reverseBits', t, (x) => asType(t, reverse(x))],
    ['unpack4Low', t, unpack(0n, 0xfn)],
    ['unpack4High', t, unpack(4n, 0xfn)],
    ['unpack8Low', t, unpack(0n, 0xffn)],
    ['unpack8High', t, unpack(24n, 0xffn)],
  ]),
];

describe('pinned integer unary operators', () => {
  it.each(
    CASES.map(
      ([op, type, model]) => [`${op} ${type}`, op, type, model] as const,
    ),
  )('%s matches the model', (_name, op, type, model) => {
    const impl = unaryImpl(op, type);
    for (const x of valuesOf(type)) {
      expect(impl(x), `${op}(${show(x)})`).toBe(model(x));
    }
  });
});

describe('pinned integer unary edges', () => {
  it.each([
    ['negate u32 0 is 0', 'negate', 'u32', 0, 0],
    ['negate u32 1 is MAX', 'negate', 'u32', 1, 0xffffffff],
    [
      'negate u32 0x80000000 is itself',
      'negate',
      'u32',
      0x80000000,
      0x80000000,
    ],
    ['clz u32 0 is 32', 'clz', 'u32', 0, 32],
    ['ctz u32 0 is 32', 'ctz', 'u32', 0, 32],
    ['clz i32 -1 is 0', 'clz', 'i32', -1, 0],
    ['ctz i32 MIN is 31', 'ctz', 'i32', -0x80000000, 31],
    ['ctz u32 0x80000000 is 31', 'ctz', 'u32', 0x80000000, 31],
    ['popcount i32 -1 is 32', 'popcount', 'i32', -1, 32],
    ['reverseBits u32 1 is 0x80000000', 'reverseBits', 'u32', 1, 0x80000000],
    ['reverseBits i32 1 is MIN', 'reverseBits', 'i32', 1, -0x80000000],
    ['reverseBits i32 MIN is 1', 'reverseBits', 'i32', -0x80000000, 1],
    ['bitNot i32 0 is -1', 'bitNot', 'i32', 0, -1],
    ['bitNot u32 0 is MAX', 'bitNot', 'u32', 0, 0xffffffff],
    ['unpack8High i32 -1 is 0xFF', 'unpack8High', 'i32', -1, 0xff],
    ['unpack4High 0xDEADBEEF is 0xE', 'unpack4High', 'u32', 0xdeadbeef, 0xe],
    ['unpack4Low 0xDEADBEEF is 0xF', 'unpack4Low', 'u32', 0xdeadbeef, 0xf],
    ['unpack8Low 0xDEADBEEF is 0xEF', 'unpack8Low', 'u32', 0xdeadbeef, 0xef],
    ['logicalNot u32 0 is true', 'logicalNot', 'u32', 0, true],
    [
      'logicalNot u32 0x80000000 is false',
      'logicalNot',
      'u32',
      0x80000000,
      false,
    ],
  ] as const)('%s', (_name, op, type, x, expected) => {
    expect(unaryImpl(op, type)(x)).toBe(expected);
  });

  it.each([
    [false, true],
    [true, false],
  ])('logicalNot bool %s is %s', (x, expected) => {
    expect(unaryImpl('logicalNot', 'bool')(x)).toBe(expected);
  });
});

const toBig = (words: readonly number[]): bigint =>
  words.reduceRight((acc, w) => (acc << 32n) | BigInt(w), 0n);

describe('pinned bitNot on 64-bit and vector values', () => {
  it.each([
    ['u64', 2],
    ['i64', 2],
    ['vec2u32', 2],
    ['vec4u32', 4],
  ] as const satisfies readonly (readonly [ValueType, number])[])(
    'bitNot %s inverts every lane',
    (type, lanes) => {
      const impl = unaryImpl('bitNot', type);
      const random = randomU32s(0x4100 + lanes, 64 * lanes);
      const values = [
        ...pairsOf(U32_WITNESSES).map(([x, y]) =>
          lanes === 2 ? [x, y] : [y, x, x, y],
        ),
        ...Array.from({ length: 64 }, (_, i) =>
          random.slice(i * lanes, (i + 1) * lanes),
        ),
      ];
      for (const v of values) {
        const inverted = BigInt.asUintN(32 * lanes, ~toBig(v));
        const expected = Array.from({ length: lanes }, (_, i) =>
          Number(BigInt.asUintN(32, inverted >> BigInt(32 * i))),
        );
        expect(impl(v), `bitNot(${show(v)})`).toEqual(expected);
      }
    },
  );
});
