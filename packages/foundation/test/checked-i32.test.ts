import fc from 'fast-check';
import { describe, it } from 'vitest';
import {
  checkedAddI32,
  checkedMulI32,
  checkedNegI32,
  checkedShlI32,
  checkedShrI32,
  checkedSubI32,
  I32_MAX,
  I32_MIN,
  type Result,
} from '../src/index.ts';
import { expectErrCode, expectOk } from './expect-result.ts';

const MIN = I32_MIN;
const MAX = I32_MAX;
const i32 = fc.integer({ min: MIN, max: MAX });

function expectMatchesOracle(result: Result<number>, exact: bigint): void {
  if (exact >= BigInt(MIN) && exact <= BigInt(MAX)) {
    expectOk(result, Number(exact));
  } else {
    expectErrCode(result, 'MATH_OVERFLOW');
  }
}

describe('checkedAddI32', () => {
  it.each([
    ['MAX-1 + 1', MAX - 1, 1, MAX],
    ['MAX + 0', MAX, 0, MAX],
    ['MIN + 0', MIN, 0, MIN],
    ['MIN+1 + -1', MIN + 1, -1, MIN],
    ['MAX + MIN', MAX, MIN, -1],
    ['-1 + 1 is +0', -1, 1, 0],
  ])('%s fits', (_name, a, b, sum) => {
    expectOk(checkedAddI32(a, b), sum);
  });

  it.each([
    ['MAX + 1', MAX, 1],
    ['MIN + -1', MIN, -1],
    ['MIN + MIN', MIN, MIN],
  ])('%s overflows', (_name, a, b) => {
    expectErrCode(checkedAddI32(a, b), 'MATH_OVERFLOW');
  });

  it.each([
    ['a = MAX+1', MAX + 1, 0],
    ['b = MIN-1', 0, MIN - 1],
    ['a = 0.5', 0.5, 0],
    ['a = the bigint 1n', 1n as unknown as number, 0],
  ])('rejects %s', (_name, a, b) => {
    expectErrCode(checkedAddI32(a, b), 'MATH_INVALID_OPERAND');
  });

  it('agrees with exact arithmetic', () => {
    fc.assert(
      fc.property(i32, i32, (a, b) =>
        expectMatchesOracle(checkedAddI32(a, b), BigInt(a) + BigInt(b)),
      ),
    );
  });
});

describe('checkedSubI32', () => {
  it.each([
    ['0 - MAX', 0, MAX, -MAX],
    ['-1 - MAX', -1, MAX, MIN],
    ['MAX - 0', MAX, 0, MAX],
  ])('%s fits', (_name, a, b, difference) => {
    expectOk(checkedSubI32(a, b), difference);
  });

  it.each([
    ['0 - MIN', 0, MIN],
    ['-2 - MAX', -2, MAX],
    ['MIN - 1', MIN, 1],
  ])('%s overflows', (_name, a, b) => {
    expectErrCode(checkedSubI32(a, b), 'MATH_OVERFLOW');
  });

  it('agrees with exact arithmetic', () => {
    fc.assert(
      fc.property(i32, i32, (a, b) =>
        expectMatchesOracle(checkedSubI32(a, b), BigInt(a) - BigInt(b)),
      ),
    );
  });
});

describe('checkedMulI32', () => {
  it.each([
    ['-1 * MAX', -1, MAX, -MAX],
    ['MIN * 1', MIN, 1, MIN],
    ['-65536 * 32768', -65536, 32768, MIN],
    ['-1 * 0 is +0', -1, 0, 0],
    ['-0 * -0 is +0', -0, -0, 0],
  ])('%s fits', (_name, a, b, product) => {
    expectOk(checkedMulI32(a, b), product);
  });

  it.each([
    ['MIN * -1', MIN, -1],
    ['65536 * 32768', 65536, 32768],
    ['MAX * MAX', MAX, MAX],
    ['MIN * MIN', MIN, MIN],
  ])('%s overflows', (_name, a, b) => {
    expectErrCode(checkedMulI32(a, b), 'MATH_OVERFLOW');
  });

  it('agrees with exact arithmetic', () => {
    fc.assert(
      fc.property(i32, i32, (a, b) =>
        expectMatchesOracle(checkedMulI32(a, b), BigInt(a) * BigInt(b)),
      ),
    );
  });
});

describe('checkedNegI32', () => {
  it.each([
    ['0 is +0', 0, 0],
    ['1', 1, -1],
    ['MAX', MAX, -MAX],
    ['MIN+1', MIN + 1, MAX],
  ])('-(%s)', (_name, a, negated) => {
    expectOk(checkedNegI32(a), negated);
  });

  it('-(MIN) overflows', () => {
    expectErrCode(checkedNegI32(MIN), 'MATH_OVERFLOW');
  });

  it('rejects an invalid operand', () => {
    expectErrCode(checkedNegI32(MAX + 1), 'MATH_INVALID_OPERAND');
  });
});

describe('checkedShlI32', () => {
  it.each([
    ['1 << 30', 1, 30, 2 ** 30],
    ['-1 << 31', -1, 31, MIN],
    ['-2 << 30', -2, 30, MIN],
    ['0 << 31', 0, 31, 0],
  ])('%s fits', (_name, a, amount, shifted) => {
    expectOk(checkedShlI32(a, amount), shifted);
  });

  it.each([
    ['1 << 31', 1, 31],
    ['MAX << 1', MAX, 1],
    ['MIN << 1', MIN, 1],
  ])('%s overflows', (_name, a, amount) => {
    expectErrCode(checkedShlI32(a, amount), 'MATH_OVERFLOW');
  });

  it('rejects amount 32', () => {
    expectErrCode(checkedShlI32(0, 32), 'MATH_SHIFT_OUT_OF_RANGE');
  });

  it('agrees with exact arithmetic', () => {
    fc.assert(
      fc.property(i32, fc.integer({ min: 0, max: 31 }), (a, amount) =>
        expectMatchesOracle(
          checkedShlI32(a, amount),
          BigInt(a) * 2n ** BigInt(amount),
        ),
      ),
    );
  });
});

describe('checkedShrI32', () => {
  it.each([
    ['MIN >> 31', MIN, 31, -1],
    ['-1 >> 31', -1, 31, -1],
    ['MAX >> 30', MAX, 30, 1],
    ['-8 >> 1', -8, 1, -4],
  ])('%s is arithmetic', (_name, a, amount, shifted) => {
    expectOk(checkedShrI32(a, amount), shifted);
  });

  it('rejects amount 32', () => {
    expectErrCode(checkedShrI32(-1, 32), 'MATH_SHIFT_OUT_OF_RANGE');
  });

  it('agrees with floor division', () => {
    fc.assert(
      fc.property(i32, fc.integer({ min: 0, max: 31 }), (a, amount) => {
        // BigInt's >> on negative values is floor division, as an arithmetic shift is.
        expectOk(checkedShrI32(a, amount), Number(BigInt(a) >> BigInt(amount)));
      }),
    );
  });
});
