import { describe, expect, it } from 'vitest';
import {
  outputBuffer,
  program,
  store,
  u32,
  unary,
  f32,
  type DataType,
  type Program,
} from '@vyre/ir';
import {
  allowedError,
  compareOutputs,
  transcendentalAgrees,
  ulpBudget,
} from '../src/index.ts';

// The comparators themselves: they decide what "agrees" means, so each rule is checked with values on
// both sides of its boundary.

const oneOutput = (element: DataType, transcendental = false): Program =>
  program({
    workgroupSize: [1, 1, 1],
    buffers: [outputBuffer('out', 0, element, 1)],
    entry: [
      store(
        'out',
        u32(0),
        transcendental
          ? unary('sin', f32(1))
          : element === 'f32'
            ? f32(0)
            : u32(0),
      ),
    ],
  });
const word = (w: number): Uint8Array =>
  new Uint8Array(new Uint32Array([w]).buffer);
const f32Word = (x: number): number =>
  new Uint32Array(new Float32Array([x]).buffer)[0] ?? 0;

describe('compareOutputs', () => {
  const f32Program = oneOutput('f32');
  const compare = (a: number, b: number, p: Program = f32Program): number =>
    compareOutputs(p, [word(a)], [word(b)]).length;

  it('compares integers byte for byte', () => {
    expect(compare(5, 5, oneOutput('u32'))).toBe(0);
    expect(compare(5, 6, oneOutput('u32'))).toBe(1);
  });

  it('allows 4 ULP for elementary f32 programs and not 5', () => {
    expect(ulpBudget(f32Program)).toBe(4);
    expect(compare(0x3f800000, 0x3f800004)).toBe(0);
    expect(compare(0x3f800000, 0x3f800005)).toBe(1);
    // Across zero: +1 ULP and -1 ULP are 2 apart.
    expect(compare(0x00000001, 0x80000001)).toBe(0);
  });

  it('allows 128 ULP when a transcendental appears', () => {
    const p = oneOutput('f32', true);
    expect(ulpBudget(p)).toBe(128);
    expect(compare(0x3f800000, 0x3f800080, p)).toBe(0);
    expect(compare(0x3f800000, 0x3f800081, p)).toBe(1);
  });

  it('treats every NaN alike, both zeros alike, and subnormals as zeros', () => {
    expect(compare(0x7fc00000, 0xffc00001)).toBe(0);
    expect(compare(0x7fc00000, 0x3f800000)).toBe(1);
    expect(compare(0x80000000, 0x00000000)).toBe(0);
    expect(compare(0x00000007, 0x80000000)).toBe(0);
    expect(compare(0x7f800000, 0xff800000)).toBe(1);
  });

  it('reports outputs of different lengths', () => {
    expect(
      compareOutputs(oneOutput('u32'), [word(1)], [new Uint8Array(8)]),
    ).toHaveLength(1);
  });
});

describe('transcendentalAgrees', () => {
  const check = (x: number, found: number): boolean =>
    transcendentalAgrees(
      'sin',
      f32Word(x),
      f32Word(Math.sin(x)),
      f32Word(found),
    );

  it('bounds sin inside [-π, π] by 2^-11 absolute error', () => {
    expect(allowedError('sin', 1)).toBe(2 ** -11);
    expect(check(1, Math.sin(1) + 2 ** -12)).toBe(true);
    expect(check(1, Math.sin(1) + 2 ** -10)).toBe(false);
  });

  it('does not compare where WGSL bounds nothing', () => {
    expect(allowedError('sin', 4)).toBeUndefined();
    expect(allowedError('log', -1)).toBeUndefined();
    expect(allowedError('exp', 2 ** -140)).toBeUndefined(); // a subnormal input
    expect(check(4, 123)).toBe(true);
  });

  it('allows (3 + 2|x|) ULP for exp', () => {
    const x = 2;
    const allowed = allowedError('exp', x) ?? 0;
    const ulp = 2 ** (Math.floor(Math.log2(Math.exp(x))) - 23);
    expect(allowed).toBeCloseTo(8 * ulp, 12);
  });
});
