// Operand witnesses shared by the pinned-operation tests: the boundary values of each type and a
// seeded generator (splitmix32), so every run checks the same values.

/** u32 boundary witnesses. */
export const U32_WITNESSES: readonly number[] = [
  0, 1, 2, 3, 0xffffffff, 0xfffffffe, 0x80000000, 0x7fffffff, 0xaaaaaaaa,
  0x55555555, 0xdeadbeef, 0xcafef00d,
];

/** The u32 witnesses reinterpreted as i32. */
export const I32_WITNESSES: readonly number[] = U32_WITNESSES.map((x) =>
  Number(BigInt.asIntN(32, BigInt(x))),
);

const LARGEST_SUBNORMAL = 2 ** -126 - 2 ** -149;

/** f32 boundary witnesses (every one exactly an f32). */
export const F32_WITNESSES: readonly number[] = [
  0,
  -0,
  1,
  -1,
  0.5,
  1.5,
  2.5,
  -2.5,
  2 ** -149,
  -(2 ** -149),
  LARGEST_SUBNORMAL,
  2 ** -126,
  16777216,
  16777218,
  3.4028234663852886e38,
  -3.4028234663852886e38,
  Infinity,
  -Infinity,
  NaN,
];

/** A splitmix32 sequence of `count` u32 values from `seed`. */
export function randomU32s(seed: number, count: number): number[] {
  let state = seed >>> 0;
  const out: number[] = [];
  for (let i = 0; i < count; i += 1) {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    out.push((z ^ (z >>> 16)) >>> 0);
  }
  return out;
}

/** Seeded i32 values. */
export function randomI32s(seed: number, count: number): number[] {
  return randomU32s(seed, count).map((x) => x | 0);
}

const VIEW = new DataView(new ArrayBuffer(4));

/** The binary32 bits of an f32 value, read through a DataView. */
export function bitsOfF32(x: number): number {
  VIEW.setFloat32(0, x);
  return VIEW.getUint32(0);
}

/** The f32 value of a binary32 bit pattern. */
export function f32OfBits(bits: number): number {
  VIEW.setUint32(0, bits >>> 0);
  return VIEW.getFloat32(0);
}

/**
 * Seeded f32 values: half from random bit patterns (every class: NaN, infinities, subnormals), half
 * of moderate magnitude, where sums and products are exact or round in interesting ways.
 */
export function randomF32s(seed: number, count: number): number[] {
  return randomU32s(seed, count).map((bits, i) => {
    if (i % 2 === 0) {
      return f32OfBits(bits);
    }
    // Exponent in 2^-10 .. 2^21, random sign and fraction.
    const exponent = 117 + (bits % 32);
    return f32OfBits((bits & 0x807fffff) | (exponent << 23));
  });
}

/** Every ordered pair of `xs` with `ys`. */
export function pairsOf<T>(xs: readonly T[], ys: readonly T[] = xs): [T, T][] {
  return xs.flatMap((x) => ys.map((y): [T, T] => [x, y]));
}

/** Witness pairs followed by `count` seeded random pairs zipped from two streams. */
export function operandPairs(
  witnesses: readonly number[],
  random: (seed: number, count: number) => number[],
  seed: number,
  count = 256,
): [number, number][] {
  const xs = random(seed, count);
  const ys = random(seed ^ 0x5bd1e995, count);
  return [
    ...pairsOf(witnesses),
    ...xs.map((x, i): [number, number] => [x, ys[i] ?? 0]),
  ];
}

/** A readable operand for failure messages: hex for integers, `-0` and `NaN` spelled out. */
export function show(x: unknown): string {
  if (typeof x === 'number') {
    if (Object.is(x, -0)) {
      return '-0';
    }
    return Number.isInteger(x) && Math.abs(x) > 9
      ? `${x < 0 ? '-' : ''}0x${Math.abs(x).toString(16)}`
      : String(x);
  }
  if (Array.isArray(x)) {
    return `[${x.map(show).join(', ')}]`;
  }
  return String(x);
}
