// Steps whose result jumps for a tiny change of their operand: `trunc`, `floor`, `ceil`, `round`,
// conversions from f32 to integers and f32 comparisons. GPUs do not round division (2.5 ULP
// in WGSL) or math functions (more) as the CPU reference does, so such a step applied near its jump to a
// value that went through one can turn a difference inside the comparison window into any difference
// at all (measured on an NVIDIA H100: `trunc(x / x)` is 0 for x = 2.16e31, as the quotient is just
// below 1). These helpers say whether an operand is that near.

/** How far (in ULP of the operand) a value that went through a division may be off on a GPU. */
export const DIVISION_REACH_ULPS = 16;
/** How far a value that went through a math function may be off (sin's 2^-11 near 1 is 4096 ULP). */
export const MATH_FUNCTION_REACH_ULPS = 4096;

const F32_MIN_NORMAL = 2 ** -126;
const F32_MIN_SUBNORMAL = 2 ** -149;
// From 2^23 on every f32 is an integer: rounding functions are the identity there.
const ALL_INTEGERS = 2 ** 23;

/** The spacing of f32 values at `x` (at least the smallest subnormal). */
export function f32Ulp(x: number): number {
  const m = Math.abs(x);
  if (!(m >= F32_MIN_NORMAL)) {
    return F32_MIN_SUBNORMAL;
  }
  let exponent = Math.floor(Math.log2(m));
  // log2 may round up just below a power of two.
  if (2 ** exponent > m) {
    exponent -= 1;
  }
  return 2 ** (exponent - 23);
}

/** The rounding steps of {@link nearJump}. */
export type RoundingStep = 'trunc' | 'floor' | 'ceil' | 'round';

/**
 * Whether `step` jumps within `reachUlps` ULP of `x`: `x` is that near an integer (`trunc` away from
 * zero, `floor`, `ceil`) or a half-integer (`round`).
 */
export function nearJump(
  step: RoundingStep,
  x: number,
  reachUlps: number,
): boolean {
  if (!Number.isFinite(x) || Math.abs(x) >= ALL_INTEGERS) {
    return false;
  }
  const jump = step === 'round' ? Math.floor(x) + 0.5 : Math.round(x);
  if (step === 'trunc' && jump === 0) {
    // trunc is ±0 on both sides of zero.
    return false;
  }
  return Math.abs(x - jump) <= reachUlps * f32Ulp(x);
}

/** Whether `a` and `b` are within `reachUlps` ULP of each other (so a comparison of them may flip). */
export function nearEqual(a: number, b: number, reachUlps: number): boolean {
  if (!Number.isFinite(a) || !Number.isFinite(b)) {
    return false;
  }
  return (
    Math.abs(a - b) <= reachUlps * f32Ulp(Math.max(Math.abs(a), Math.abs(b)))
  );
}
