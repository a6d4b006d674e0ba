import type { UnOp } from '@vyre/ir';
import { describe, expect, it } from 'vitest';
import { unaryImpl } from '../src/pinned-unary.ts';
import {
  exactDiv,
  exactInverseSqrt,
  exactOf,
  exactSqrt,
  ulpDistance,
} from './exact-f32.ts';
import {
  bitsOfF32,
  F32_WITNESSES,
  f32OfBits,
  randomF32s,
  show,
} from './pinned-witnesses.ts';

// f32 unary operators. Exact operators against models on the bits or on exact rationals
// (exact-f32.ts); transcendentals against hand-computed values, IEEE special cases and symmetry and
// monotonicity properties (the doc pins them only to a 128-ULP window).

type Model = (x: number) => number | boolean;
const VALUES: readonly number[] = [
  ...F32_WITNESSES,
  0.4999999701976776,
  -0.4999999701976776,
  3.5,
  -3.5,
  8388607.5,
  -8388607.5,
  8388609,
  ...randomF32s(0x5000, 512),
];

type Rounding = 'floor' | 'ceil' | 'trunc' | 'round';
// Rounding to an integer on the exact value: the dropped fraction is compared with one half.
function roundModel(mode: Rounding): Model {
  return (x) => {
    if (Number.isNaN(x) || !Number.isFinite(x) || x === 0) {
      return x;
    }
    const { negative, significand, exponent } = exactOf(x);
    if (exponent >= 0) {
      return x;
    }
    const shift = BigInt(-exponent);
    const whole = significand >> shift;
    const rest = significand - (whole << shift);
    const half = 1n << (shift - 1n);
    let up: boolean;
    switch (mode) {
      case 'trunc':
        up = false;
        break;
      case 'floor':
        up = negative && rest !== 0n;
        break;
      case 'ceil':
        up = !negative && rest !== 0n;
        break;
      case 'round':
        up = rest > half || (rest === half && (whole & 1n) === 1n);
        break;
    }
    const magnitude = Number(up ? whole + 1n : whole);
    return negative ? -magnitude : magnitude;
  };
}

const isNanBits = (x: number): boolean =>
  (bitsOfF32(x) & 0x7fffffff) > 0x7f800000;

const EXACT: readonly [UnOp, Model][] = [
  ['negate', (x) => f32OfBits(bitsOfF32(x) ^ 0x80000000)],
  ['abs', (x) => f32OfBits(bitsOfF32(x) & 0x7fffffff)],
  ['floor', roundModel('floor')],
  ['ceil', roundModel('ceil')],
  ['trunc', roundModel('trunc')],
  ['round', roundModel('round')],
  // docs/semantics.md's vyre_sign_f32, on the bits.
  [
    'sign',
    (x) => {
      const m = bitsOfF32(x) & 0x7fffffff;
      return m === 0 || m > 0x7f800000
        ? x
        : f32OfBits((bitsOfF32(x) & 0x80000000) | 0x3f800000);
    },
  ],
  ['sqrt', exactSqrt],
  ['reciprocal', (x) => exactDiv(1, x)],
  ['isNan', isNanBits],
  ['isInf', (x) => (bitsOfF32(x) & 0x7fffffff) === 0x7f800000],
  ['isFinite', (x) => (bitsOfF32(x) & 0x7f800000) !== 0x7f800000],
];

describe('pinned exact f32 unary operators', () => {
  it.each(EXACT.map(([op, model]) => [`${op} f32`, op, model] as const))(
    '%s matches the exact model',
    (_name, op, model) => {
      const impl = unaryImpl(op, 'f32');
      for (const x of VALUES) {
        expect(impl(x), `${op}(${show(x)})`).toBe(model(x));
      }
    },
  );

  it('inverseSqrt f32 is within 1 ULP of the correctly rounded result', () => {
    const impl = unaryImpl('inverseSqrt', 'f32');
    for (const x of VALUES) {
      const got = impl(x) as number;
      const want = exactInverseSqrt(x);
      if (Number.isNaN(want) || !Number.isFinite(want)) {
        expect(got, `inverseSqrt(${show(x)})`).toBe(want);
      } else {
        expect(
          ulpDistance(got, want),
          `inverseSqrt(${show(x)})`,
        ).toBeLessThanOrEqual(1);
      }
    }
  });
});

describe('pinned f32 unary edges', () => {
  it.each([
    ['round 0.5 ties to even (+0)', 'round', 0.5, 0],
    ['round 1.5 ties to even (2)', 'round', 1.5, 2],
    ['round 2.5 ties to even (2)', 'round', 2.5, 2],
    ['round -2.5 ties to even (-2)', 'round', -2.5, -2],
    ['round -0.5 is -0', 'round', -0.5, -0],
    ['round -1.5 is -2', 'round', -1.5, -2],
    ['round 0.5 - 2^-25 is 0', 'round', 0.4999999701976776, 0],
    ['round 8388607.5 ties to even (8388608)', 'round', 8388607.5, 8388608],
    ['round -0.3 is -0', 'round', -0.30000001192092896, -0],
    ['floor -0.5 is -1', 'floor', -0.5, -1],
    ['ceil -0.5 is -0', 'ceil', -0.5, -0],
    ['trunc -0.5 is -0', 'trunc', -0.5, -0],
    ['sign of the smallest subnormal is 1', 'sign', 2 ** -149, 1],
    ['sign of -smallest subnormal is -1', 'sign', -(2 ** -149), -1],
    ['sign of -0 is -0', 'sign', -0, -0],
    ['sign of +0 is +0', 'sign', 0, 0],
    ['sign of NaN is NaN', 'sign', NaN, NaN],
    ['sign of -Infinity is -1', 'sign', -Infinity, -1],
    ['abs -0 is +0', 'abs', -0, 0],
    ['negate +0 is -0', 'negate', 0, -0],
    ['sqrt -0 is -0', 'sqrt', -0, -0],
    ['sqrt -1 is NaN', 'sqrt', -1, NaN],
    ['sqrt 2', 'sqrt', 2, 1.4142135381698608],
    [
      'reciprocal -0 is Infinity (the zero’s sign is ignored)',
      'reciprocal',
      -0,
      Infinity,
    ],
    ['reciprocal 3', 'reciprocal', 3, 0.3333333432674408],
    [
      'reciprocal of the smallest subnormal is Infinity (a subnormal divides as a zero)',
      'reciprocal',
      2 ** -149,
      Infinity,
    ],
    ['inverseSqrt 0 is Infinity', 'inverseSqrt', 0, Infinity],
    ['inverseSqrt -0 is -Infinity', 'inverseSqrt', -0, -Infinity],
    ['inverseSqrt 4 is 0.5', 'inverseSqrt', 4, 0.5],
    ['inverseSqrt -1 is NaN', 'inverseSqrt', -1, NaN],
    ['isNan NaN', 'isNan', NaN, true],
    ['isInf -Infinity', 'isInf', -Infinity, true],
    ['isInf MAX is false', 'isInf', 3.4028234663852886e38, false],
    ['isFinite NaN is false', 'isFinite', NaN, false],
    ['isFinite smallest subnormal', 'isFinite', 2 ** -149, true],
  ] as const)('%s', (_name, op, x, expected) => {
    expect(unaryImpl(op, 'f32')(x)).toBe(expected);
  });
});

// Values to double precision from standard tables (Abramowitz & Stegun, or the defining constants),
// compared after rounding to f32 with a 1 ULP tolerance.
const KNOWN: readonly [UnOp, number, number][] = [
  ['sin', 0.5, 0.479425538604203],
  ['cos', 0.5, 0.8775825618903728],
  ['tan', 0.5, 0.5463024898437905],
  ['asin', 0.5, 0.5235987755982989],
  ['acos', 0.5, 1.0471975511965979],
  ['atan', 1, 0.7853981633974483],
  ['tanh', 0.5, 0.46211715726000974],
  ['sinh', 0.5, 0.5210953054937474],
  ['cosh', 0.5, 1.1276259652063807],
  ['exp', 1, 2.718281828459045],
  ['exp2', 0.5, 1.4142135623730951],
  ['exp2', 10, 1024],
  ['log', 2, 0.6931471805599453],
  ['log2', 10, 3.321928094887362],
  ['log2', 1024, 10],
  ['inverseSqrt', 2, 0.7071067811865476],
];

const SPECIAL: readonly [UnOp, number, number][] = [
  ['sin', -0, -0],
  ['tan', -0, -0],
  ['asin', -0, -0],
  ['atan', -0, -0],
  ['tanh', -0, -0],
  ['sinh', -0, -0],
  ['cos', 0, 1],
  ['cosh', 0, 1],
  ['acos', 1, 0],
  ['exp', 0, 1],
  ['exp', -Infinity, 0],
  ['exp', Infinity, Infinity],
  ['exp', 100, Infinity],
  ['exp2', -Infinity, 0],
  ['exp2', -149, 2 ** -149],
  ['exp2', 127, 2 ** 127],
  ['exp2', 128, Infinity],
  ['log', 0, -Infinity],
  ['log', -0, -Infinity],
  ['log', 1, 0],
  ['log', -1, NaN],
  ['log2', 0, -Infinity],
  ['log2', Infinity, Infinity],
  ['asin', 2, NaN],
  ['acos', -2, NaN],
  ['atan', Infinity, 1.5707963705062866],
  ['tanh', Infinity, 1],
  ['tanh', -Infinity, -1],
  ['sinh', -Infinity, -Infinity],
  ['cosh', -Infinity, Infinity],
  ['sin', Infinity, NaN],
  ['cos', NaN, NaN],
];

const ODD: readonly UnOp[] = ['sin', 'tan', 'asin', 'atan', 'tanh', 'sinh'];
const EVEN: readonly UnOp[] = ['cos', 'cosh'];
const INCREASING: readonly UnOp[] = [
  'asin',
  'atan',
  'tanh',
  'sinh',
  'exp',
  'exp2',
  'log',
  'log2',
];

describe('pinned f32 transcendentals', () => {
  it.each(KNOWN)('%s(%s) is within 1 ULP of %s', (op, x, expected) => {
    expect(
      ulpDistance(unaryImpl(op, 'f32')(x) as number, Math.fround(expected)),
    ).toBeLessThanOrEqual(1);
  });

  it.each(SPECIAL)('%s(%s) is %s', (op, x, expected) => {
    expect(unaryImpl(op, 'f32')(x)).toBe(expected);
  });

  const all: readonly UnOp[] = [
    ...new Set<UnOp>([...ODD, ...EVEN, ...INCREASING, 'acos']),
  ];
  it.each(all)('%s f32 gives f32 values', (op) => {
    const impl = unaryImpl(op, 'f32');
    for (const x of VALUES) {
      const y = impl(x) as number;
      expect(Number.isNaN(y) || Math.fround(y) === y, `${op}(${show(x)})`).toBe(
        true,
      );
    }
  });

  it.each(ODD)('%s f32 is odd', (op) => {
    const impl = unaryImpl(op, 'f32');
    for (const x of VALUES) {
      expect(impl(-x), `${op}(-${show(x)})`).toBe(-(impl(x) as number));
    }
  });

  it.each(EVEN)('%s f32 is even', (op) => {
    const impl = unaryImpl(op, 'f32');
    for (const x of VALUES) {
      expect(impl(-x), `${op}(-${show(x)})`).toBe(impl(x));
    }
  });

  it.each(INCREASING)('%s f32 is non-decreasing', (op) => {
    const impl = unaryImpl(op, 'f32');
    const sorted = VALUES.filter((x) => !Number.isNaN(x)).sort((a, b) => a - b);
    const results = sorted
      .map((x) => impl(x) as number)
      .filter((y) => !Number.isNaN(y));
    for (let i = 1; i < results.length; i += 1) {
      expect(
        results[i]! >= results[i - 1]!,
        `${op} at ${show(sorted[i])}`,
      ).toBe(true);
    }
  });
});
