import { InternalError } from '@vyre/foundation';
import type { SubgroupReduceOp, ValueType } from '@vyre/ir';
import { describe, expect, it } from 'vitest';
import { reduceImpl } from '../src/pinned-subgroup.ts';
import { exactAdd, exactMul } from './exact-f32.ts';
import {
  bitsOfF32,
  F32_WITNESSES,
  I32_WITNESSES,
  randomF32s,
  randomI32s,
  randomU32s,
  U32_WITNESSES,
} from './pinned-witnesses.ts';

// Subgroup reductions over the active lanes: integers with BigInt models, f32 folded in lane order
// with exact rounding after each step (exact-f32.ts); min/max use the pinned binary semantics.

type IntType = 'u32' | 'i32';
const wrap = (type: IntType, x: bigint): number =>
  Number(type === 'u32' ? BigInt.asUintN(32, x) : BigInt.asIntN(32, x));

const INT_MODELS: readonly [
  SubgroupReduceOp,
  (a: bigint, b: bigint) => bigint,
][] = [
  ['add', (a, b) => a + b],
  ['mul', (a, b) => a * b],
  ['min', (a, b) => (a < b ? a : b)],
  ['max', (a, b) => (a > b ? a : b)],
  ['and', (a, b) => a & b],
  ['or', (a, b) => a | b],
  ['xor', (a, b) => a ^ b],
];

// Subgroups of 1, 4, 32 and 64 lanes from the witnesses and seeded values.
function subgroups(
  values: readonly number[],
  random: readonly number[],
): number[][] {
  return [
    [values[4] ?? 0],
    values.slice(0, 4),
    [...values],
    random.slice(0, 32),
    random.slice(0, 64),
  ];
}

describe('pinned integer subgroup reductions', () => {
  const cases = INT_MODELS.flatMap(([op, model]) =>
    (['u32', 'i32'] as const).map(
      (type) => [`${op} ${type}`, op, type, model] as const,
    ),
  );
  it.each(cases)('%s folds the lanes', (_name, op, type, model) => {
    const impl = reduceImpl(op, type);
    const values = type === 'u32' ? U32_WITNESSES : I32_WITNESSES;
    const random =
      type === 'u32' ? randomU32s(0x9000, 64) : randomI32s(0x9000, 64);
    for (const lanes of subgroups(values, random)) {
      const expected = lanes
        .map(BigInt)
        .reduce((a, b) => BigInt(wrap(type, model(a, b))));
      expect(impl(lanes), `${op} over ${lanes.length} lanes`).toBe(
        wrap(type, expected),
      );
    }
  });
});

const isNanBits = (x: number): boolean =>
  (bitsOfF32(x) & 0x7fffffff) > 0x7f800000;

describe('pinned f32 subgroup reductions', () => {
  const lanesOf = subgroups(
    F32_WITNESSES.filter((x) => !Number.isNaN(x)),
    randomF32s(0x9100, 64),
  );
  it.each([
    ['add', exactAdd],
    ['mul', exactMul],
  ] as const)('%s f32 rounds after each lane, in lane order', (op, step) => {
    const impl = reduceImpl(op, 'f32');
    for (const lanes of lanesOf) {
      expect(impl(lanes)).toBe(lanes.reduce((a, b) => step(a, b)));
    }
  });

  it('add f32 is not reassociated: (2^24 + 1) + 1 is 2^24, in lane order', () => {
    expect(reduceImpl('add', 'f32')([16777216, 1, 1])).toBe(16777216);
    expect(reduceImpl('add', 'f32')([1, 1, 16777216])).toBe(16777218);
  });

  it.each([
    ['min', (a: number, b: number) => (a < b ? a : b), Infinity],
    ['max', (a: number, b: number) => (a > b ? a : b), -Infinity],
  ] as const)(
    '%s f32 skips NaN lanes and orders the others',
    (op, pick, start) => {
      const impl = reduceImpl(op, 'f32');
      for (const lanes of lanesOf) {
        const withNan = [NaN, ...lanes, NaN];
        const expected = lanes
          .filter((x) => !isNanBits(x) && x !== 0)
          .reduce(pick, start);
        if (expected !== 0 && Number.isFinite(expected)) {
          expect(impl(withNan)).toBe(expected);
        }
      }
      expect(impl([NaN, NaN])).toBeNaN();
      expect(impl([0, -0, NaN])).toBe(op === 'min' ? -0 : 0);
    },
  );
});

describe('reduceImpl edges', () => {
  it.each([
    ['add', 'u32', 0],
    ['mul', 'i32', 1],
    ['min', 'u32', 0xffffffff],
    ['max', 'i32', -0x80000000],
    ['and', 'i32', -1],
    ['or', 'u32', 0],
    ['xor', 'u32', 0],
  ] as const)(
    '%s %s over no lanes is its identity %s',
    (op, type, identity) => {
      expect(reduceImpl(op, type)([])).toBe(identity);
    },
  );

  it('keeps a single lane as it is (-0 stays -0)', () => {
    expect(reduceImpl('add', 'f32')([-0])).toBe(-0);
  });

  it.each([
    ['and', 'f32'],
    ['xor', 'f32'],
    ['add', 'bool'],
    ['min', 'u64'],
    ['or', 'vec4u32'],
  ] as const satisfies readonly (readonly [SubgroupReduceOp, ValueType])[])(
    'rejects %s on %s',
    (op, type) => {
      expect(() => reduceImpl(op, type)).toThrow(InternalError);
    },
  );
});
