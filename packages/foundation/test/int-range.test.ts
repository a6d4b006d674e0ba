import { describe, expect, it } from 'vitest';
import {
  I32_MAX,
  I32_MIN,
  isI32,
  isLength,
  isU32,
  U32_MAX,
} from '../src/index.ts';

describe('integer ranges', () => {
  it('has the exact bounds', () => {
    expect(U32_MAX).toBe(2 ** 32 - 1);
    expect(I32_MIN).toBe(-(2 ** 31));
    expect(I32_MAX).toBe(2 ** 31 - 1);
  });

  it.each([
    ['0', 0, true],
    ['1', 1, true],
    ['MAX-1', U32_MAX - 1, true],
    ['MAX', U32_MAX, true],
    ['MAX+1', U32_MAX + 1, false],
    ['-1', -1, false],
    ['0.5', 0.5, false],
    ['NaN', NaN, false],
    ['Infinity', Infinity, false],
    ['-0 (counts as 0)', -0, true],
    ['the bigint 1n', 1n, false],
    ['the string "1"', '1', false],
    ['undefined', undefined, false],
  ])('isU32(%s)', (_name, value, expected) => {
    expect(isU32(value)).toBe(expected);
  });

  it.each([
    ['MIN-1', I32_MIN - 1, false],
    ['MIN', I32_MIN, true],
    ['MIN+1', I32_MIN + 1, true],
    ['0', 0, true],
    ['MAX-1', I32_MAX - 1, true],
    ['MAX', I32_MAX, true],
    ['MAX+1', I32_MAX + 1, false],
    ['1.5', 1.5, false],
    ['NaN', NaN, false],
    ['-0 (counts as 0)', -0, true],
    ['the bigint -1n', -1n, false],
    ['null', null, false],
  ])('isI32(%s)', (_name, value, expected) => {
    expect(isI32(value)).toBe(expected);
  });

  it.each([
    ['0', 0, true],
    ['1', 1, true],
    ['MAX_SAFE', Number.MAX_SAFE_INTEGER, true],
    ['MAX_SAFE+1', Number.MAX_SAFE_INTEGER + 1, false],
    ['-1', -1, false],
    ['2.5', 2.5, false],
    ['-0 (counts as 0)', -0, true],
    ['the bigint 4n', 4n, false],
  ])('isLength(%s)', (_name, value, expected) => {
    expect(isLength(value)).toBe(expected);
  });
});
