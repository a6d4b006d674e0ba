import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkedAddU32,
  checkedMulU32,
  checkedShlU32,
  checkedShrU32,
  checkedSubU32,
  U32_MAX,
  type Result,
} from '../src/index.ts';
import { expectErrCode, expectOk } from './expect-result.ts';

const MAX = U32_MAX;
const U32 = 2n ** 32n;
const u32 = fc.integer({ min: 0, max: MAX });
const shift = fc.integer({ min: 0, max: 40 });

// The oracle: exact BigInt arithmetic, independent of the implementation's float reasoning.
function expectMatchesOracle(result: Result<number>, exact: bigint): void {
  if (exact >= 0n && exact < U32) {
    expectOk(result, Number(exact));
  } else {
    expectErrCode(result, 'MATH_OVERFLOW');
  }
}

describe('checkedAddU32', () => {
  it.each([
    ['0 + 0', 0, 0, 0],
    ['0 + 1', 0, 1, 1],
    ['MAX-1 + 1', MAX - 1, 1, MAX],
    ['MAX + 0', MAX, 0, MAX],
    ['0 + MAX', 0, MAX, MAX],
    ['-0 + -0 is +0', -0, -0, 0],
  ])('%s fits', (_name, a, b, sum) => {
    expectOk(checkedAddU32(a, b), sum);
  });

  it.each([
    ['MAX + 1', MAX, 1],
    ['1 + MAX', 1, MAX],
    ['MAX + MAX', MAX, MAX],
  ])('%s overflows', (_name, a, b) => {
    const error = expectErrCode(checkedAddU32(a, b), 'MATH_OVERFLOW');
    expect(error.message).toContain(String(BigInt(a) + BigInt(b)));
  });

  it.each([
    ['a = -1', -1, 0, 'a'],
    ['a = MAX+1', MAX + 1, 0, 'a'],
    ['a = 0.5', 0.5, 0, 'a'],
    ['b = NaN', 0, NaN, 'b'],
    ['b = Infinity', 0, Infinity, 'b'],
  ])('rejects %s', (_name, a, b, operand) => {
    const error = expectErrCode(checkedAddU32(a, b), 'MATH_INVALID_OPERAND');
    expect(error.message).toContain(`operand ${operand} is not a valid u32`);
  });

  it.each([
    ['a bigint', 1n, 'found the bigint 1n'],
    ['a string', '1', 'found the string "1"'],
    ['a symbol', Symbol('s'), 'found a value of type symbol'],
  ])('rejects %s from untyped code without throwing', (_name, a, found) => {
    const error = expectErrCode(
      checkedAddU32(a as unknown as number, 1),
      'MATH_INVALID_OPERAND',
    );
    expect(error.message).toContain(found);
  });

  it('agrees with exact arithmetic', () => {
    fc.assert(
      fc.property(u32, u32, (a, b) =>
        expectMatchesOracle(checkedAddU32(a, b), BigInt(a) + BigInt(b)),
      ),
    );
  });
});

describe('checkedSubU32', () => {
  it.each([
    ['0 - 0', 0, 0, 0],
    ['1 - 1', 1, 1, 0],
    ['1 - 0', 1, 0, 1],
    ['MAX - MAX', MAX, MAX, 0],
    ['MAX - 0', MAX, 0, MAX],
    ['MAX - 1', MAX, 1, MAX - 1],
    ['-0 - 0 is +0', -0, 0, 0],
  ])('%s fits', (_name, a, b, difference) => {
    expectOk(checkedSubU32(a, b), difference);
  });

  it.each([
    ['0 - 1', 0, 1],
    ['MAX-1 - MAX', MAX - 1, MAX],
    ['0 - MAX', 0, MAX],
  ])('%s underflows', (_name, a, b) => {
    expectErrCode(checkedSubU32(a, b), 'MATH_OVERFLOW');
  });

  it('rejects an invalid operand', () => {
    expectErrCode(checkedSubU32(MAX + 1, 0), 'MATH_INVALID_OPERAND');
  });

  it('agrees with exact arithmetic', () => {
    fc.assert(
      fc.property(u32, u32, (a, b) =>
        expectMatchesOracle(checkedSubU32(a, b), BigInt(a) - BigInt(b)),
      ),
    );
  });
});

describe('checkedMulU32', () => {
  it.each([
    ['0 * MAX', 0, MAX, 0],
    ['1 * MAX', 1, MAX, MAX],
    ['65535 * 65537', 65535, 65537, MAX],
    ['2 * 0x7FFFFFFF', 2, 0x7fffffff, MAX - 1],
    ['-0 * 5 is +0', -0, 5, 0],
  ])('%s fits', (_name, a, b, product) => {
    expectOk(checkedMulU32(a, b), product);
  });

  it.each([
    ['65536 * 65536', 65536, 65536],
    ['2 * 0x80000000', 2, 0x80000000],
    ['MAX * MAX', MAX, MAX],
  ])('%s overflows', (_name, a, b) => {
    const error = expectErrCode(checkedMulU32(a, b), 'MATH_OVERFLOW');
    // The reported value is exact even where a float product would round.
    expect(error.message).toContain((BigInt(a) * BigInt(b)).toString());
  });

  it('agrees with exact arithmetic', () => {
    fc.assert(
      fc.property(u32, u32, (a, b) =>
        expectMatchesOracle(checkedMulU32(a, b), BigInt(a) * BigInt(b)),
      ),
    );
  });
});

describe('checkedShlU32', () => {
  it.each([
    ['1 << 0', 1, 0, 1],
    ['1 << 31', 1, 31, 0x80000000],
    ['MAX << 0', MAX, 0, MAX],
    ['0 << 31', 0, 31, 0],
    ['0x7FFFFFFF << 1', 0x7fffffff, 1, MAX - 1],
    ['-0 << 3 is +0', -0, 3, 0],
  ])('%s keeps every bit', (_name, a, amount, shifted) => {
    expectOk(checkedShlU32(a, amount), shifted);
  });

  it.each([
    ['2 << 31', 2, 31],
    ['MAX << 1', MAX, 1],
    ['0x80000000 << 1', 0x80000000, 1],
  ])('%s loses a bit', (_name, a, amount) => {
    expectErrCode(checkedShlU32(a, amount), 'MATH_OVERFLOW');
  });

  it.each([
    ['amount 32', 32],
    ['amount 33', 33],
    ['amount MAX', MAX],
  ])('rejects %s', (_name, amount) => {
    expectErrCode(checkedShlU32(0, amount), 'MATH_SHIFT_OUT_OF_RANGE');
  });

  it('rejects an invalid amount', () => {
    const error = expectErrCode(checkedShlU32(1, -1), 'MATH_INVALID_OPERAND');
    expect(error.message).toContain('operand amount');
  });

  it('agrees with exact arithmetic', () => {
    fc.assert(
      fc.property(u32, shift, (a, amount) => {
        const result = checkedShlU32(a, amount);
        if (amount >= 32) {
          expectErrCode(result, 'MATH_SHIFT_OUT_OF_RANGE');
        } else {
          expectMatchesOracle(result, BigInt(a) << BigInt(amount));
        }
      }),
    );
  });
});

describe('checkedShrU32', () => {
  it.each([
    ['MAX >> 0', MAX, 0, MAX],
    ['MAX >> 31', MAX, 31, 1],
    ['0x80000000 >> 31', 0x80000000, 31, 1],
    ['1 >> 1', 1, 1, 0],
  ])('%s', (_name, a, amount, shifted) => {
    expectOk(checkedShrU32(a, amount), shifted);
  });

  it.each([
    ['amount 32', 32],
    ['amount MAX', MAX],
  ])('rejects %s', (_name, amount) => {
    expectErrCode(checkedShrU32(1, amount), 'MATH_SHIFT_OUT_OF_RANGE');
  });

  it('agrees with exact arithmetic', () => {
    fc.assert(
      fc.property(u32, fc.integer({ min: 0, max: 31 }), (a, amount) => {
        expectOk(checkedShrU32(a, amount), Number(BigInt(a) >> BigInt(amount)));
      }),
    );
  });
});
