import { InternalError } from '@vyre/foundation';
import {
  AtomicOp,
  BinOp,
  binaryType,
  castType,
  DataTypeWireTag,
  isCastAllowed,
  SubgroupReduceOp,
  unaryType,
  UnOp,
  type DataType,
  type ValueType,
} from '@vyre/ir';
import { describe, expect, it } from 'vitest';
import { zeroOf, type Value } from '../src/cpu-value.ts';
import { atomicImpl } from '../src/pinned-atomic.ts';
import { binaryImpl } from '../src/pinned-binary.ts';
import { castImpl } from '../src/pinned-cast.ts';
import { reduceImpl } from '../src/pinned-subgroup.ts';
import { unaryImpl } from '../src/pinned-unary.ts';

// Every combination the typing rules accept has an implementation whose result has the rule's type,
// and every combination they reject throws InternalError: the selectors and typing-rules.ts agree.

const VALUE_TYPES = Object.keys({
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
const BIN_OPS = Object.keys(BinOp) as BinOp[];
const UN_OPS = Object.keys(UnOp) as UnOp[];

// A nonzero sample of each type, so that the check is not only about zeros.
const SAMPLE: Record<ValueType, Value> = {
  u32: 0xdeadbeef,
  i32: -5,
  f32: 1.5,
  bool: true,
  u64: [1, 2],
  i64: [0xffffffff, 0xffffffff],
  vec2u32: [3, 4],
  vec4u32: [5, 6, 7, 8],
  f16: 0.5,
};

// Whether `v` is a well-formed value of `type` (docs: the CPU reference's value representation).
function hasType(type: ValueType, v: Value): boolean {
  const isU32 = (x: unknown): boolean =>
    Number.isInteger(x) && (x as number) >= 0 && (x as number) <= 0xffffffff;
  switch (type) {
    case 'u32':
      return isU32(v);
    case 'i32':
      return (
        Number.isInteger(v) &&
        (v as number) >= -0x80000000 &&
        (v as number) <= 0x7fffffff &&
        !Object.is(v, -0)
      );
    case 'f32':
      return typeof v === 'number' && (Number.isNaN(v) || Math.fround(v) === v);
    case 'f16':
      return typeof v === 'number';
    case 'bool':
      return typeof v === 'boolean';
    case 'u64':
    case 'i64':
    case 'vec2u32':
      return Array.isArray(v) && v.length === 2 && v.every(isU32);
    case 'vec4u32':
      return Array.isArray(v) && v.length === 4 && v.every(isU32);
  }
}

describe('every accepted combination has an implementation', () => {
  const binary = BIN_OPS.flatMap((op) =>
    VALUE_TYPES.flatMap((left) =>
      VALUE_TYPES.map(
        (right) => [`${op} ${left} ${right}`, op, left, right] as const,
      ),
    ),
  );
  it.each(binary)('binary %s', (_name, op, left, right) => {
    const check = binaryType(op, left, right);
    if (check.ok) {
      const impl = binaryImpl(op, left, right);
      for (const [a, b] of [
        [zeroOf(left), zeroOf(right)],
        [SAMPLE[left], SAMPLE[right]],
      ] as const) {
        expect(hasType(check.type, impl(a, b))).toBe(true);
      }
    } else {
      expect(() => binaryImpl(op, left, right)).toThrow(InternalError);
    }
  });

  const unary = UN_OPS.flatMap((op) =>
    VALUE_TYPES.map((type) => [`${op} ${type}`, op, type] as const),
  );
  it.each(unary)('unary %s', (_name, op, type) => {
    const check = unaryType(op, type);
    if (check.ok) {
      const impl = unaryImpl(op, type);
      for (const a of [zeroOf(type), SAMPLE[type]]) {
        expect(hasType(check.type, impl(a))).toBe(true);
      }
    } else {
      expect(() => unaryImpl(op, type)).toThrow(InternalError);
    }
  });

  const casts = VALUE_TYPES.flatMap((from) =>
    DATA_TYPES.map((target) => [`${from} → ${target}`, from, target] as const),
  );
  it.each(casts)('cast %s', (_name, from, target) => {
    const check = castType(from, target);
    expect(check.ok).toBe(isCastAllowed(from, target));
    if (check.ok) {
      const impl = castImpl(from, target);
      for (const v of [zeroOf(from), SAMPLE[from]]) {
        expect(hasType(check.type, impl(v))).toBe(true);
      }
    } else {
      expect(() => castImpl(from, target)).toThrow(InternalError);
    }
  });

  it.each(Object.keys(AtomicOp) as AtomicOp[])('atomic %s', (op) => {
    if (op === 'compareExchangeWeak') {
      expect(() => atomicImpl(op)).toThrow(InternalError);
    } else {
      expect(
        hasType('u32', atomicImpl(op)(0xffffffff, 0xdeadbeef, 0xffffffff)),
      ).toBe(true);
    }
  });

  // The validator's rule (validate-subgroups.ts): u32, i32 or f32; bitwise reductions u32 or i32.
  const reductions = (
    Object.keys(SubgroupReduceOp) as SubgroupReduceOp[]
  ).flatMap((op) =>
    VALUE_TYPES.map((type) => [`${op} ${type}`, op, type] as const),
  );
  it.each(reductions)('subgroup reduction %s', (_name, op, type) => {
    const bitwise = op === 'and' || op === 'or' || op === 'xor';
    const accepted =
      type === 'u32' || type === 'i32' || (type === 'f32' && !bitwise);
    if (accepted) {
      const impl = reduceImpl(op, type);
      expect(
        hasType(type, impl([SAMPLE[type], zeroOf(type), SAMPLE[type]])),
      ).toBe(true);
    } else {
      expect(() => reduceImpl(op, type)).toThrow(InternalError);
    }
  });
});
