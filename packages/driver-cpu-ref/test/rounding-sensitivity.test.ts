import { describe, expect, it } from 'vitest';
import { f32Ulp, nearEqual, nearJump } from '../src/rounding-sensitivity.ts';

// The "near a jump" tests behind trackUnbound's rounding rule, on both sides of each boundary.

const below = (x: number, ulps: number): number =>
  x - ulps * f32Ulp(x * (1 - 2 ** -30));

describe('f32Ulp', () => {
  it('is the spacing of f32 values, also just below a power of two', () => {
    expect(f32Ulp(1)).toBe(2 ** -23);
    expect(f32Ulp(Math.fround(1 - 2 ** -24))).toBe(2 ** -24);
    expect(f32Ulp(3)).toBe(2 ** -22);
    expect(f32Ulp(-(2 ** 100))).toBe(2 ** 77);
    expect(f32Ulp(0)).toBe(2 ** -149);
    expect(f32Ulp(2 ** -130)).toBe(2 ** -149);
  });
});

describe('nearJump', () => {
  it('finds integers within the reach, and not beyond it', () => {
    expect(nearJump('trunc', below(1, 1), 16)).toBe(true);
    expect(nearJump('trunc', 1 + 16 * 2 ** -23, 16)).toBe(true);
    expect(nearJump('trunc', 1 + 17 * 2 ** -23, 16)).toBe(false);
    expect(nearJump('floor', 2, 16)).toBe(true);
    expect(nearJump('ceil', 2.25, 16)).toBe(false);
  });

  it('treats zero as a jump for floor and ceil, not for trunc', () => {
    expect(nearJump('floor', 0, 16)).toBe(true);
    expect(nearJump('ceil', -0, 16)).toBe(true);
    expect(nearJump('trunc', 2 ** -140, 16)).toBe(false);
  });

  it('finds half-integers for round, not integers', () => {
    expect(nearJump('round', 2.5, 16)).toBe(true);
    expect(nearJump('round', -0.5, 16)).toBe(true);
    expect(nearJump('round', 3, 16)).toBe(false);
  });

  it('ignores values from 2^23 on (every f32 there is an integer) and non-finite ones', () => {
    expect(nearJump('trunc', 2 ** 23, 16)).toBe(false);
    expect(nearJump('trunc', 2 ** 23 - 1, 16)).toBe(true);
    expect(nearJump('floor', Number.NaN, 16)).toBe(false);
    expect(nearJump('floor', Infinity, 16)).toBe(false);
  });
});

describe('nearEqual', () => {
  it('is true within the reach of the larger magnitude', () => {
    expect(nearEqual(1, 1, 16)).toBe(true);
    expect(nearEqual(2, 2 - 16 * 2 ** -23, 16)).toBe(true);
    expect(nearEqual(2, 2 - 17 * 2 ** -22, 16)).toBe(false);
    expect(nearEqual(0, -0, 16)).toBe(true);
    expect(nearEqual(Infinity, Infinity, 16)).toBe(false);
  });
});
