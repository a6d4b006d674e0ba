import type { BinOp } from '@vyre/ir';
import { describe, expect, it } from 'vitest';
import { binaryImpl } from '../src/pinned-binary.ts';
import { exactAdd, exactDiv, exactMul, exactSub } from './exact-f32.ts';
import {
  bitsOfF32,
  F32_WITNESSES,
  f32OfBits,
  operandPairs,
  randomF32s,
  show,
} from './pinned-witnesses.ts';

// f32 binary operators. Arithmetic is checked against exact rational arithmetic with one rounding to
// nearest even (exact-f32.ts); min, max and the comparisons against models written on the bits, as
// the WGSL helpers of docs/semantics.md are. `toBe` compares with Object.is: -0 and +0 differ, NaN
// equals NaN.

type FloatOracle = (a: number, b: number) => number | boolean;

const isNanBits = (x: number): boolean =>
  (bitsOfF32(x) & 0x7fffffff) > 0x7f800000;
// A key that orders f32 values as numbers, with -0 and +0 equal.
const orderKey = (x: number): number => {
  const bits = bitsOfF32(x);
  return bits >>> 31 === 1 ? -(bits & 0x7fffffff) : bits;
};
const ordered = (
  a: number,
  b: number,
  test: (ka: number, kb: number) => boolean,
): boolean => !isNanBits(a) && !isNanBits(b) && test(orderKey(a), orderKey(b));

// docs/semantics.md: a NaN operand yields the other; equal operands combine their bits (OR for min,
// so -0 wins; AND for max, so +0 wins); otherwise the smaller or larger.
function minModel(a: number, b: number): number {
  if (isNanBits(a)) {
    return b;
  }
  if (isNanBits(b)) {
    return a;
  }
  if (orderKey(a) === orderKey(b)) {
    return f32OfBits(bitsOfF32(a) | bitsOfF32(b));
  }
  return orderKey(a) < orderKey(b) ? a : b;
}
function maxModel(a: number, b: number): number {
  if (isNanBits(a)) {
    return b;
  }
  if (isNanBits(b)) {
    return a;
  }
  if (orderKey(a) === orderKey(b)) {
    return f32OfBits(bitsOfF32(a) & bitsOfF32(b));
  }
  return orderKey(a) > orderKey(b) ? a : b;
}

const CASES: readonly [BinOp, FloatOracle][] = [
  ['add', exactAdd],
  ['sub', exactSub],
  ['mul', exactMul],
  ['div', exactDiv],
  ['min', minModel],
  ['max', maxModel],
  ['eq', (a, b) => ordered(a, b, (x, y) => x === y)],
  ['ne', (a, b) => !ordered(a, b, (x, y) => x === y)],
  ['lt', (a, b) => ordered(a, b, (x, y) => x < y)],
  ['gt', (a, b) => ordered(a, b, (x, y) => x > y)],
  ['le', (a, b) => ordered(a, b, (x, y) => x <= y)],
  ['ge', (a, b) => ordered(a, b, (x, y) => x >= y)],
];

describe('pinned f32 binary operators', () => {
  it.each(
    CASES.map(([op, oracle], i) => [`${op} f32`, op, oracle, i] as const),
  )('%s matches the exact model', (_name, op, oracle, i) => {
    const impl = binaryImpl(op, 'f32', 'f32');
    for (const [a, b] of operandPairs(
      F32_WITNESSES,
      randomF32s,
      0x2000 + i,
      512,
    )) {
      expect(impl(a, b), `${op}(${show(a)}, ${show(b)})`).toBe(oracle(a, b));
    }
  });
});

const MAX = 3.4028234663852886e38;
const TINY = 2 ** -149;

// Hand-derived values (IEEE-754 and docs/semantics.md, "Floating point").
const EDGES: readonly [string, BinOp, number, number, number | boolean][] = [
  ['add 16777216 + 1 ties to even (down)', 'add', 16777216, 1, 16777216],
  ['add 16777218 + 1 ties to even (up)', 'add', 16777218, 1, 16777220],
  ['add 1 + 2^-24 ties to even', 'add', 1, 2 ** -24, 1],
  [
    'add 1 + 2^-24 + tiny rounds up',
    'add',
    1,
    2 ** -24 + 2 ** -47,
    1 + 2 ** -23,
  ],
  ['add MAX + MAX overflows', 'add', MAX, MAX, Infinity],
  [
    'add MAX + half an ulp ties to even (MAX is odd: to infinity)',
    'add',
    MAX,
    2 ** 103,
    Infinity,
  ],
  ['add x + -x is +0', 'add', 2.5, -2.5, 0],
  ['add -0 + -0 is -0', 'add', -0, -0, -0],
  ['add -0 + +0 is +0', 'add', -0, 0, 0],
  ['add Infinity + -Infinity is NaN', 'add', Infinity, -Infinity, NaN],
  ['add subnormals exactly', 'add', TINY, TINY, 2 * TINY],
  ['sub -0 - +0 is -0', 'sub', -0, 0, -0],
  ['sub +0 - +0 is +0', 'sub', 0, 0, 0],
  ['mul 0 * Infinity is NaN', 'mul', 0, Infinity, NaN],
  ['mul -1 * 0 is -0', 'mul', -1, 0, -0],
  ['mul tiny * 0.5 ties to even (zero)', 'mul', TINY, 0.5, 0],
  ['mul tiny * 1.5 ties to even (2 tiny)', 'mul', TINY, 1.5, 2 * TINY],
  ['mul -tiny * 0.5 keeps the sign', 'mul', -TINY, 0.5, -0],
  ['mul 3 * (1/3 f32)', 'mul', 3, 0.3333333432674408, 1],
  ['div 1 / 3', 'div', 1, 3, 0.3333333432674408],
  ['div 1 / 0 is Infinity', 'div', 1, 0, Infinity],
  [
    'div 1 / -0 is Infinity (the zero’s sign is ignored)',
    'div',
    1,
    -0,
    Infinity,
  ],
  ['div -1 / 0 is -Infinity', 'div', -1, 0, -Infinity],
  ['div -1 / -0 is -Infinity', 'div', -1, -0, -Infinity],
  ['div 0 / 0 is NaN', 'div', 0, 0, NaN],
  ['div -0 / 5 is -0', 'div', -0, 5, -0],
  [
    'div 1 / 2^-149 is Infinity (a subnormal divisor is a zero)',
    'div',
    1,
    2 ** -149,
    Infinity,
  ],
  [
    'div 2^-149 / 0 is NaN (a subnormal dividend of a zero)',
    'div',
    2 ** -149,
    0,
    NaN,
  ],
  [
    'div 2^-149 / 2 keeps the subnormal quotient',
    'div',
    2 ** -149,
    0.5,
    2 ** -148,
  ],
  ['div MAX / 0.5 overflows', 'div', MAX, 0.5, Infinity],
  ['min NaN, 1 is 1', 'min', NaN, 1, 1],
  ['min 1, NaN is 1', 'min', 1, NaN, 1],
  ['min NaN, NaN is NaN', 'min', NaN, NaN, NaN],
  ['min -0, +0 is -0', 'min', -0, 0, -0],
  ['min +0, -0 is -0', 'min', 0, -0, -0],
  ['max -0, +0 is +0', 'max', -0, 0, 0],
  ['max +0, -0 is +0', 'max', 0, -0, 0],
  ['max NaN, -Infinity is -Infinity', 'max', NaN, -Infinity, -Infinity],
  ['max -Infinity, NaN is -Infinity', 'max', -Infinity, NaN, -Infinity],
  ['eq -0, +0 is true', 'eq', -0, 0, true],
  ['eq NaN, NaN is false', 'eq', NaN, NaN, false],
  ['ne NaN, NaN is true', 'ne', NaN, NaN, true],
  ['lt NaN, 1 is false', 'lt', NaN, 1, false],
  ['ge NaN, 1 is false', 'ge', NaN, 1, false],
  ['le -0, +0 is true', 'le', -0, 0, true],
  ['lt -Infinity, -MAX is true', 'lt', -Infinity, -MAX, true],
];

describe('pinned f32 edges', () => {
  it.each(EDGES)('%s', (_name, op, a, b, expected) => {
    expect(binaryImpl(op, 'f32', 'f32')(a, b)).toBe(expected);
  });
});
