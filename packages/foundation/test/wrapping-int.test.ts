import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  I32_MAX,
  I32_MIN,
  U32_MAX,
  wrappingAddI32,
  wrappingAddU32,
  wrappingMulI32,
  wrappingMulU32,
  wrappingNegI32,
  wrappingShlI32,
  wrappingShlU32,
  wrappingShrI32,
  wrappingShrU32,
  wrappingSubI32,
  wrappingSubU32,
} from '../src/index.ts';

const u32 = fc.integer({ min: 0, max: U32_MAX });
const i32 = fc.integer({ min: I32_MIN, max: I32_MAX });
const anyAmount = fc.integer({ min: 0, max: U32_MAX });
const asU32 = (x: bigint): number => Number(BigInt.asUintN(32, x));
const asI32 = (x: bigint): number => Number(BigInt.asIntN(32, x));

describe('wrapping u32', () => {
  it.each([
    ['MAX + 1 = 0', wrappingAddU32, U32_MAX, 1, 0],
    ['MAX + MAX = MAX-1', wrappingAddU32, U32_MAX, U32_MAX, U32_MAX - 1],
    ['0 - 1 = MAX', wrappingSubU32, 0, 1, U32_MAX],
    ['MAX * MAX = 1', wrappingMulU32, U32_MAX, U32_MAX, 1],
    ['0x10000 * 0x10000 = 0', wrappingMulU32, 0x10000, 0x10000, 0],
    ['1 << 32 masks to 1 << 0', wrappingShlU32, 1, 32, 1],
    ['1 << 31', wrappingShlU32, 1, 31, 0x80000000],
    [
      '0x80000000 >> 33 masks to >> 1',
      wrappingShrU32,
      0x80000000,
      33,
      0x40000000,
    ],
    ['MAX >> 31', wrappingShrU32, U32_MAX, 31, 1],
  ])('%s', (_name, f, a, b, expected) => {
    expect(f(a, b)).toBe(expected);
  });

  it('add, sub and mul are arithmetic modulo 2**32', () => {
    fc.assert(
      fc.property(u32, u32, (a, b) => {
        expect(wrappingAddU32(a, b)).toBe(asU32(BigInt(a) + BigInt(b)));
        expect(wrappingSubU32(a, b)).toBe(asU32(BigInt(a) - BigInt(b)));
        expect(wrappingMulU32(a, b)).toBe(asU32(BigInt(a) * BigInt(b)));
      }),
    );
  });

  it('shift amounts are masked with & 31', () => {
    fc.assert(
      fc.property(u32, anyAmount, (a, amount) => {
        const masked = BigInt(amount % 32);
        expect(wrappingShlU32(a, amount)).toBe(asU32(BigInt(a) << masked));
        expect(wrappingShrU32(a, amount)).toBe(Number(BigInt(a) >> masked));
      }),
    );
  });
});

describe('wrapping i32', () => {
  const neg = (a: number): number => wrappingNegI32(a);
  it.each([
    ['MAX + 1 = MIN', wrappingAddI32, I32_MAX, 1, I32_MIN],
    ['MIN - 1 = MAX', wrappingSubI32, I32_MIN, 1, I32_MAX],
    ['MIN * -1 = MIN', wrappingMulI32, I32_MIN, -1, I32_MIN],
    ['-(MIN) = MIN', neg, I32_MIN, 0, I32_MIN],
    ['-(0) = +0', neg, 0, 0, 0],
    ['1 << 31 = MIN', wrappingShlI32, 1, 31, I32_MIN],
    ['MIN >> 31 = -1', wrappingShrI32, I32_MIN, 31, -1],
    ['-1 >> 32 masks to >> 0', wrappingShrI32, -1, 32, -1],
  ])('%s', (_name, f, a, b, expected) => {
    expect(Object.is(f(a, b), expected)).toBe(true);
  });

  it("add, sub, mul and neg are two's complement arithmetic", () => {
    fc.assert(
      fc.property(i32, i32, (a, b) => {
        expect(wrappingAddI32(a, b)).toBe(asI32(BigInt(a) + BigInt(b)));
        expect(wrappingSubI32(a, b)).toBe(asI32(BigInt(a) - BigInt(b)));
        expect(wrappingMulI32(a, b)).toBe(asI32(BigInt(a) * BigInt(b)));
        expect(Object.is(wrappingNegI32(a), asI32(-BigInt(a)))).toBe(true);
      }),
    );
  });

  it('shifts mask the amount and keep the sign on the right', () => {
    fc.assert(
      fc.property(i32, anyAmount, (a, amount) => {
        const masked = BigInt(amount % 32);
        expect(wrappingShlI32(a, amount)).toBe(asI32(BigInt(a) << masked));
        expect(wrappingShrI32(a, amount)).toBe(Number(BigInt(a) >> masked));
      }),
    );
  });
});
