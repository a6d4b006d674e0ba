import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { f32FromBits, f32ToBits } from '../src/index.ts';

// Expected bit patterns come from the IEEE-754 binary32 definition, not from the implementation.
describe('f32 bits', () => {
  it.each([
    ['+0', 0, 0x00000000],
    ['-0', -0, 0x80000000],
    ['1', 1, 0x3f800000],
    ['-2', -2, 0xc0000000],
    ['+Infinity', Infinity, 0x7f800000],
    ['-Infinity', -Infinity, 0xff800000],
    ['largest finite', 3.4028234663852886e38, 0x7f7fffff],
    ['smallest normal', 2 ** -126, 0x00800000],
    ['smallest subnormal', 2 ** -149, 0x00000001],
    ['0.1 rounds to nearest', 0.1, 0x3dcccccd],
    ['1 + 2**-24 ties to even (down)', 1 + 2 ** -24, 0x3f800000],
    ['1 + 3 * 2**-24 ties to even (up)', 1 + 3 * 2 ** -24, 0x3f800002],
    ['overflow rounds to Infinity', 2 ** 128, 0x7f800000],
  ])('%s', (_name, value, bits) => {
    expect(f32ToBits(value)).toBe(bits);
  });

  it('keeps -0 and the sign of infinities when decoding', () => {
    expect(Object.is(f32FromBits(0x80000000), -0)).toBe(true);
    expect(f32FromBits(0xff800000)).toBe(-Infinity);
    expect(f32FromBits(0x7fc00000)).toBeNaN();
  });

  it('round-trips every non-NaN bit pattern', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), (bits) => {
        const value = f32FromBits(bits);
        if (!Number.isNaN(value)) {
          expect(f32ToBits(value)).toBe(bits);
        }
      }),
    );
  });

  it('agrees with Math.fround', () => {
    fc.assert(
      fc.property(fc.double(), (value) => {
        expect(
          Object.is(f32FromBits(f32ToBits(value)), Math.fround(value)),
        ).toBe(true);
      }),
    );
  });
});
