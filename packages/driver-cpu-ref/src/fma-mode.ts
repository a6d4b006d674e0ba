import { flushSubnormal, type SubnormalMode } from './subnormal-mode.ts';

// How the CPU reference rounds `fma(a, b, c)`. WGSL gives `fma` the accuracy of `a * b + c`, so a GPU
// may round once (fused) or twice (SwiftShader and lavapipe do, measured): with operands near the top
// of the f32 range that is the difference between -infinity (fused) and NaN (the product overflows to
// infinity first). Comparing a device with both tells a legal rounding from a wrong result.

/**
 * How the CPU reference rounds `fma`: once (`fused`, the default) or twice (`separate`: the product is
 * rounded to f32, then the sum), as GPUs may.
 *
 * @public
 */
export type FmaMode = 'fused' | 'separate';

/**
 * `fma(a, b, c)` on f32 in the given modes. Fused: `a * b` is exact in a double for f32 operands, so
 * `Math.fround(a * b + c)` rounds at most twice, in double then in f32.
 */
export function fmaIn(
  subnormals: SubnormalMode,
  rounding: FmaMode,
): (a: number, b: number, c: number) => number {
  const flush =
    subnormals === 'flush'
      ? (x: number): number => flushSubnormal(x, 'f32')
      : (x: number): number => x;
  const product =
    rounding === 'fused'
      ? (a: number, b: number): number => a * b
      : (a: number, b: number): number => flush(Math.fround(a * b));
  return (a, b, c) =>
    flush(Math.fround(product(flush(a), flush(b)) + flush(c)));
}
