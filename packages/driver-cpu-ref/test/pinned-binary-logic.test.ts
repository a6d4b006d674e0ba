import type { BinOp, ValueType } from '@vyre/ir';
import { describe, expect, it } from 'vitest';
import type { Value } from '../src/cpu-value.ts';
import { binaryImpl } from '../src/pinned-binary.ts';
import {
  pairsOf,
  randomU32s,
  show,
  U32_WITNESSES,
} from './pinned-witnesses.ts';

// Bool comparisons, the logical operators (bool or u32 operands, nonzero true) and the lane-wise
// bitwise operators on 64-bit and vector values, against models on BigInt words and truth tables.

const BOOLS: readonly boolean[] = [false, true];

describe('pinned bool comparisons', () => {
  it.each([
    ['eq', false, false, true],
    ['eq', false, true, false],
    ['eq', true, false, false],
    ['eq', true, true, true],
    ['ne', false, false, false],
    ['ne', false, true, true],
    ['ne', true, false, true],
    ['ne', true, true, false],
  ] as const)('%s bool (%s, %s) is %s', (op, a, b, expected) => {
    expect(binaryImpl(op, 'bool', 'bool')(a, b)).toBe(expected);
  });
});

type Condition = 'bool' | 'u32';
const truth = (x: boolean | number): boolean =>
  typeof x === 'boolean' ? x : BigInt(x) !== 0n;
const conditionValues = (type: Condition): readonly (boolean | number)[] =>
  type === 'bool' ? BOOLS : [...U32_WITNESSES, ...randomU32s(0x3000, 16)];

describe('pinned logical operators', () => {
  const cases = (['and', 'or'] as const).flatMap((op) =>
    (['bool', 'u32'] as const).flatMap((left) =>
      (['bool', 'u32'] as const).map(
        (right) => [`${op} ${left} ${right}`, op, left, right] as const,
      ),
    ),
  );
  it.each(cases)(
    '%s follows the truth table (nonzero is true)',
    (_name, op, left, right) => {
      const impl = binaryImpl(op, left, right);
      for (const a of conditionValues(left)) {
        for (const b of conditionValues(right)) {
          const expected =
            op === 'and' ? truth(a) && truth(b) : truth(a) || truth(b);
          expect(impl(a, b), `${op}(${show(a)}, ${show(b)})`).toBe(expected);
        }
      }
    },
  );

  it.each([
    [
      'and u32 u32: two nonzero values with no common bit',
      'and',
      0xaaaaaaaa,
      0x55555555,
      true,
    ],
    ['and u32 u32: zero is false', 'and', 0, 0xffffffff, false],
    ['or u32 u32: zero or zero is false', 'or', 0, 0, false],
    ['or u32 u32: the sign bit alone is true', 'or', 0, 0x80000000, true],
  ] as const)('%s', (_name, op, a, b, expected) => {
    expect(binaryImpl(op, 'u32', 'u32')(a, b)).toBe(expected);
  });
});

// Wide values as one BigInt: word i is bits 32i .. 32i + 31.
function toBig(words: readonly number[]): bigint {
  return words.reduceRight((acc, w) => (acc << 32n) | BigInt(w), 0n);
}
function fromBig(value: bigint, lanes: number): number[] {
  return Array.from({ length: lanes }, (_, i) =>
    Number(BigInt.asUintN(32, value >> BigInt(32 * i))),
  );
}

const WIDE_TYPES: readonly [ValueType, number][] = [
  ['u64', 2],
  ['i64', 2],
  ['vec2u32', 2],
  ['vec4u32', 4],
];
const BITWISE: readonly [BinOp, (a: bigint, b: bigint) => bigint][] = [
  ['bitAnd', (a, b) => a & b],
  ['bitOr', (a, b) => a | b],
  ['bitXor', (a, b) => a ^ b],
];

// Witness words in every lane position, plus seeded random values.
function wideValues(lanes: number, seed: number): number[][] {
  const fromWitnesses = pairsOf(U32_WITNESSES).map(([x, y]) =>
    lanes === 2 ? [x, y] : [x, y, y, x],
  );
  const random = randomU32s(seed, 32 * lanes);
  const fromRandom = Array.from({ length: 32 }, (_, i) =>
    random.slice(i * lanes, (i + 1) * lanes),
  );
  return [...fromWitnesses, ...fromRandom];
}

describe('pinned bitwise operators on 64-bit and vector values', () => {
  const cases = BITWISE.flatMap(([op, model]) =>
    WIDE_TYPES.map(
      ([type, lanes]) => [`${op} ${type}`, op, type, lanes, model] as const,
    ),
  );
  it.each(cases)('%s works lane by lane', (_name, op, type, lanes, model) => {
    const impl = binaryImpl(op, type, type);
    const values = wideValues(lanes, 0x3100 + lanes);
    // Every witness value against a sample of others (all pairs would be 20k per case).
    for (const [i, a] of values.entries()) {
      for (const b of values.slice(i % 7, (i % 7) + 16)) {
        const expected = fromBig(model(toBig(a), toBig(b)), lanes);
        expect(impl(a, b), `${op}(${show(a)}, ${show(b)})`).toEqual(expected);
      }
    }
  });

  it('returns new tuples and leaves the operands untouched', () => {
    const a: Value = Object.freeze([0xffffffff, 0]);
    const b: Value = Object.freeze([0x0f0f0f0f, 0xffffffff]);
    expect(binaryImpl('bitXor', 'u64', 'u64')(a, b)).toEqual([
      0xf0f0f0f0, 0xffffffff,
    ]);
    expect(a).toEqual([0xffffffff, 0]);
  });
});
