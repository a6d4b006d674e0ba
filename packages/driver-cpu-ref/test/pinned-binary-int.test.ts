import type { BinOp } from '@vyre/ir';
import { describe, expect, it } from 'vitest';
import { binaryImpl } from '../src/pinned-binary.ts';
import {
  I32_WITNESSES,
  pairsOf,
  randomI32s,
  randomU32s,
  show,
  U32_WITNESSES,
} from './pinned-witnesses.ts';

// u32 and i32 binary operators against a BigInt model of docs/semantics.md: the model computes the
// exact mathematical result and wraps it (BigInt.asUintN / asIntN), so it shares no code with the
// implementation. Every operator runs over all witness pairs and 256 seeded random pairs.

type IntType = 'u32' | 'i32';
type IntOracle = (a: bigint, b: bigint) => bigint | boolean;

const MIN = -(2n ** 31n);

function witnessesOf(type: IntType): readonly number[] {
  return type === 'u32' ? U32_WITNESSES : I32_WITNESSES;
}
function randomOf(type: IntType, seed: number, count: number): number[] {
  return type === 'u32' ? randomU32s(seed, count) : randomI32s(seed, count);
}
function wrap(type: IntType, value: bigint | boolean): number | boolean {
  if (typeof value === 'boolean') {
    return value;
  }
  return Number(
    type === 'u32' ? BigInt.asUintN(32, value) : BigInt.asIntN(32, value),
  );
}

// Witness pairs (left type by right type) and seeded random pairs.
function operands(
  left: IntType,
  right: IntType,
  seed: number,
): [number, number][] {
  const xs = randomOf(left, seed, 256);
  const ys = randomOf(right, seed + 1, 256);
  return [
    ...pairsOf(witnessesOf(left), witnessesOf(right)),
    ...xs.map((x, i): [number, number] => [x, ys[i] ?? 0]),
    // Small divisors and amounts, where division and shifts do the most distinct things.
    ...xs.slice(0, 64).map((x, i): [number, number] => [x, i % 40]),
  ];
}

// [operator, left type, model]. The right operand has the left's type, except shift amounts (u32).
type Case = readonly [BinOp, IntType, IntOracle];

const both = (op: BinOp, oracle: IntOracle): Case[] => [
  [op, 'u32', oracle],
  [op, 'i32', oracle],
];

const CASES: readonly Case[] = [
  ...both('add', (a, b) => a + b),
  ...both('sub', (a, b) => a - b),
  ...both('mul', (a, b) => a * b),
  ...both('wrappingAdd', (a, b) => a + b),
  ...both('wrappingSub', (a, b) => a - b),
  // BigInt division truncates toward zero; the pinned zero-divisor rules are spelled out.
  ['div', 'u32', (a, b) => (b === 0n ? 0xffffffffn : a / b)],
  [
    'div',
    'i32',
    (a, b) => (b === 0n ? a : a === MIN && b === -1n ? MIN : a / b),
  ],
  ['mod', 'u32', (a, b) => (b === 0n ? 0n : a % b)],
  ['mod', 'i32', (a, b) => (b === 0n ? 0n : a % b)],
  ...both('min', (a, b) => (a < b ? a : b)),
  ...both('max', (a, b) => (a > b ? a : b)),
  ...both('bitAnd', (a, b) => a & b),
  ...both('bitOr', (a, b) => a | b),
  ...both('bitXor', (a, b) => a ^ b),
  // BigInt >> is arithmetic on negative (i32) values and logical on the non-negative u32 ones.
  ...both('shl', (a, b) => a << (b & 31n)),
  ...both('shr', (a, b) => a >> (b & 31n)),
  [
    'rotateLeft',
    'u32',
    (a, b) => (a << (b & 31n)) | (a >> ((32n - (b & 31n)) % 32n)),
  ],
  [
    'rotateRight',
    'u32',
    (a, b) => (a >> (b & 31n)) | (a << ((32n - (b & 31n)) % 32n)),
  ],
  ...both('eq', (a, b) => a === b),
  ...both('ne', (a, b) => a !== b),
  ...both('lt', (a, b) => a < b),
  ...both('gt', (a, b) => a > b),
  ...both('le', (a, b) => a <= b),
  ...both('ge', (a, b) => a >= b),
  ['absDiff', 'u32', (a, b) => (a > b ? a - b : b - a)],
  ['mulHigh', 'u32', (a, b) => (a * b) >> 32n],
  [
    'saturatingAdd',
    'u32',
    (a, b) => (a + b > 0xffffffffn ? 0xffffffffn : a + b),
  ],
  ['saturatingSub', 'u32', (a, b) => (b > a ? 0n : a - b)],
  [
    'saturatingMul',
    'u32',
    (a, b) => (a * b > 0xffffffffn ? 0xffffffffn : a * b),
  ],
];

const amountType = (op: BinOp, type: IntType): IntType =>
  op === 'shl' || op === 'shr' ? 'u32' : type;

describe('pinned integer binary operators', () => {
  it.each(
    CASES.map(
      ([op, type, oracle], i) =>
        [`${op} ${type}`, op, type, oracle, i] as const,
    ),
  )('%s matches the BigInt model', (_name, op, type, oracle, i) => {
    const right = amountType(op, type);
    const impl = binaryImpl(op, type, right);
    for (const [a, b] of operands(type, right, 0x1000 + i)) {
      const expected = wrap(type, oracle(BigInt(a), BigInt(b)));
      expect(impl(a, b), `${op}(${show(a)}, ${show(b)})`).toBe(expected);
    }
  });
});

// Hand-derived values for the pinned edges (docs/semantics.md, "Integer arithmetic", "Shifts").
const EDGES: readonly [
  string,
  BinOp,
  IntType,
  number,
  number,
  number | boolean,
][] = [
  ['u32 add wraps', 'add', 'u32', 0xffffffff, 1, 0],
  ['i32 add wraps', 'add', 'i32', 0x7fffffff, 1, -0x80000000],
  ['u32 sub wraps', 'sub', 'u32', 0, 1, 0xffffffff],
  ['i32 sub wraps', 'sub', 'i32', -0x80000000, 1, 0x7fffffff],
  ['u32 mul keeps the low word', 'mul', 'u32', 0xffffffff, 0xffffffff, 1],
  ['i32 mul keeps the low word', 'mul', 'i32', 0x10000, 0x10000, 0],
  ['u32 div by 0 is MAX', 'div', 'u32', 7, 0, 0xffffffff],
  ['u32 div 0 by 0 is MAX', 'div', 'u32', 0, 0, 0xffffffff],
  ['u32 div MAX by MAX-1', 'div', 'u32', 0xffffffff, 0xfffffffe, 1],
  ['u32 div MAX by 3', 'div', 'u32', 0xffffffff, 3, 0x55555555],
  ['u32 mod by 0 is 0', 'mod', 'u32', 7, 0, 0],
  ['i32 div by 0 is the dividend', 'div', 'i32', -7, 0, -7],
  ['i32 div MIN by -1 is MIN', 'div', 'i32', -0x80000000, -1, -0x80000000],
  ['i32 div truncates toward zero', 'div', 'i32', -7, 2, -3],
  ['i32 div -1 by 2 is 0 (not -0)', 'div', 'i32', -1, 2, 0],
  ['i32 div 0 by -5 is 0 (not -0)', 'div', 'i32', 0, -5, 0],
  ['i32 div MAX by -2', 'div', 'i32', 0x7fffffff, -2, -0x3fffffff],
  ['i32 div MIN by 3', 'div', 'i32', -0x80000000, 3, -715827882],
  ['i32 mod by 0 is 0', 'mod', 'i32', -7, 0, 0],
  ['i32 mod MIN by -1 is 0', 'mod', 'i32', -0x80000000, -1, 0],
  ['i32 mod takes the dividend sign', 'mod', 'i32', -7, 2, -1],
  ['i32 mod positive dividend', 'mod', 'i32', 7, -2, 1],
  ['i32 mod -4 by 2 is 0 (not -0)', 'mod', 'i32', -4, 2, 0],
  ['shl amount 32 is amount 0', 'shl', 'u32', 5, 32, 5],
  ['shl amount 33 is amount 1', 'shl', 'u32', 0x80000001, 33, 2],
  ['shl i32 into the sign bit', 'shl', 'i32', 255, 24, -0x01000000],
  ['shr u32 is logical', 'shr', 'u32', 0x80000000, 31, 1],
  ['shr i32 is arithmetic', 'shr', 'i32', -0x80000000, 31, -1],
  ['shr i32 amount 63 is 31', 'shr', 'i32', -2, 63, -1],
  ['rotateLeft by 0', 'rotateLeft', 'u32', 0xdeadbeef, 0, 0xdeadbeef],
  ['rotateLeft by 4', 'rotateLeft', 'u32', 0xdeadbeef, 4, 0xeadbeefd],
  ['rotateLeft by 36 is by 4', 'rotateLeft', 'u32', 0xdeadbeef, 36, 0xeadbeefd],
  ['rotateRight by 4', 'rotateRight', 'u32', 0xdeadbeef, 4, 0xfdeadbee],
  [
    'rotateRight by 32 is by 0',
    'rotateRight',
    'u32',
    0xdeadbeef,
    32,
    0xdeadbeef,
  ],
  ['lt u32 is unsigned', 'lt', 'u32', 1, 0x80000000, true],
  ['lt i32 is signed', 'lt', 'i32', 1, -0x80000000, false],
  ['absDiff 0 and MAX', 'absDiff', 'u32', 0, 0xffffffff, 0xffffffff],
  ['absDiff MAX and 0', 'absDiff', 'u32', 0xffffffff, 0, 0xffffffff],
  ['mulHigh MAX * MAX', 'mulHigh', 'u32', 0xffffffff, 0xffffffff, 0xfffffffe],
  ['mulHigh 2^16 * 2^16', 'mulHigh', 'u32', 0x10000, 0x10000, 1],
  // The low limb's carry lands just below a 2^16 boundary: a product rounded in double would cross it.
  [
    'mulHigh 0xFFFEFFFF * 0xFFFF0001 (carry at a limb boundary)',
    'mulHigh',
    'u32',
    0xfffeffff,
    0xffff0001,
    0xfffe0000,
  ],
  [
    'mulHigh 0xFFFF * 0x10001 (just below 2^32)',
    'mulHigh',
    'u32',
    0xffff,
    0x10001,
    0,
  ],
  [
    'saturatingAdd at the limit',
    'saturatingAdd',
    'u32',
    0xfffffffe,
    1,
    0xffffffff,
  ],
  [
    'saturatingAdd past the limit',
    'saturatingAdd',
    'u32',
    0xfffffffe,
    2,
    0xffffffff,
  ],
  ['saturatingSub to 0', 'saturatingSub', 'u32', 1, 2, 0],
  ['saturatingSub at 0', 'saturatingSub', 'u32', 2, 2, 0],
  [
    'saturatingMul just below the limit',
    'saturatingMul',
    'u32',
    0xffff,
    0x10001,
    0xffffffff,
  ],
  [
    'saturatingMul at 2^32',
    'saturatingMul',
    'u32',
    0x10000,
    0x10000,
    0xffffffff,
  ],
  [
    'saturatingMul MAX * MAX',
    'saturatingMul',
    'u32',
    0xffffffff,
    0xffffffff,
    0xffffffff,
  ],
  ['min i32 is signed', 'min', 'i32', -1, 1, -1],
  ['max u32 is unsigned', 'max', 'u32', 0xffffffff, 1, 0xffffffff],
];

describe('pinned integer edges', () => {
  it.each(EDGES)('%s', (_name, op, type, a, b, expected) => {
    expect(binaryImpl(op, type, amountType(op, type))(a, b)).toBe(expected);
  });
});
