import type { UnOp } from '@vyre/ir';

// WGSL's accuracy for f32 transcendental functions (WGSL, "Concrete Floating Point Accuracy"), for
// comparing a GPU's result with the CPU reference's on one input. WGSL bounds most of them only on
// part of their domain (sine and cosine inside [-π, π], division by normal numbers) and lets a device
// flush subnormal inputs, so an input outside the bounded domain has no comparable result; "inherited"
// bounds are propagated here through the defining expression with a first-order error estimate.

const F32_EPSILON = 2 ** -23;
const SMALLEST_NORMAL = 2 ** -126;

/** The distance between `x` and the next f32 away from zero. */
function ulp(x: number): number {
  const magnitude = Math.abs(x);
  if (magnitude < SMALLEST_NORMAL) {
    return 2 ** -149;
  }
  return 2 ** (Math.floor(Math.log2(magnitude)) - 23);
}

/** An f32 from its bits. */
function f32FromWord(word: number): number {
  return new Float32Array(new Uint32Array([word]).buffer)[0] ?? 0;
}

/**
 * The largest absolute error WGSL allows for `op(x)`, or undefined when WGSL does not bound it (the
 * input is not a finite normal number, or lies outside the bounded domain).
 */
export function allowedError(op: UnOp, x: number): number | undefined {
  if (!Number.isFinite(x) || (x !== 0 && Math.abs(x) < SMALLEST_NORMAL)) {
    return undefined;
  }
  const exact = (value: number, ulps: number): number =>
    ulps * ulp(value) + ulp(value);
  switch (op) {
    case 'sin':
    case 'cos':
      return Math.abs(x) <= Math.PI ? 2 ** -11 : undefined;
    case 'tan': {
      if (Math.abs(x) > Math.PI) {
        return undefined;
      }
      // sin / cos, each within 2^-11: d(s/c) = ds/c - s·dc/c².
      const s = Math.sin(x);
      const c = Math.cos(x);
      return Math.abs(c) < 2 ** -4
        ? undefined
        : 2 ** -11 * (1 / Math.abs(c) + Math.abs(s) / (c * c)) + ulp(s / c);
    }
    case 'atan':
      return exact(Math.atan(x), 4096);
    case 'asin':
    case 'acos': {
      // atan2 within 4096 ULP of its result, fed with sqrt(1 - x²) whose own error is a few ULP.
      if (Math.abs(x) > 1) {
        return undefined;
      }
      const value = op === 'asin' ? Math.asin(x) : Math.acos(x);
      const root = Math.sqrt(1 - x * x);
      const rootError = 6 * ulp(root) + 2 * F32_EPSILON;
      return exact(value, 4096) + rootError;
    }
    case 'exp':
    case 'exp2': {
      if (Math.abs(x) > 88) {
        return undefined;
      }
      const value = op === 'exp' ? Math.exp(x) : 2 ** x;
      return exact(value, 3 + 2 * Math.abs(x));
    }
    case 'log':
    case 'log2': {
      if (x <= 0) {
        return undefined;
      }
      const value = op === 'log' ? Math.log(x) : Math.log2(x);
      return x >= 0.5 && x <= 2 ? 2 ** -21 : exact(value, 3);
    }
    case 'inverseSqrt':
      return x > 0 ? exact(1 / Math.sqrt(x), 2) : undefined;
    case 'sqrt':
      // 1 / inverseSqrt(x): 2 ULP, then a division within 2.5 ULP.
      return x >= 0 ? exact(Math.sqrt(x), 5) : undefined;
    case 'sinh':
    case 'cosh':
    case 'tanh': {
      // From (exp(x) ± exp(-x)) · 0.5, each exp within (3 + 2|x|) ULP of itself.
      if (Math.abs(x) > 88) {
        return undefined;
      }
      const ep = Math.exp(x);
      const en = Math.exp(-x);
      const expError = (3 + 2 * Math.abs(x) + 1) * (ulp(ep) + ulp(en)) * 0.5;
      if (op !== 'tanh') {
        const value = op === 'sinh' ? Math.sinh(x) : Math.cosh(x);
        return expError + 2 * ulp(value);
      }
      // sinh / cosh, with cosh ≥ 1.
      const s = Math.sinh(x);
      const c = Math.cosh(x);
      return (expError / c) * (1 + Math.abs(s / c)) + 2 * ulp(s / c);
    }
    case 'abs':
    case 'bitNot':
    case 'ceil':
    case 'clz':
    case 'ctz':
    case 'floor':
    case 'isFinite':
    case 'isInf':
    case 'isNan':
    case 'logicalNot':
    case 'negate':
    case 'popcount':
    case 'reciprocal':
    case 'reverseBits':
    case 'round':
    case 'sign':
    case 'trunc':
    case 'unpack4High':
    case 'unpack4Low':
    case 'unpack8High':
    case 'unpack8Low':
      // Not transcendental: compared by the ULP window instead.
      return undefined;
  }
}

/** Whether `found` is within WGSL's accuracy of `op(x)`, or the input has no bounded result. */
export function transcendentalAgrees(
  op: UnOp,
  inputWord: number,
  expectedWord: number,
  foundWord: number,
): boolean {
  const x = f32FromWord(inputWord);
  const allowed = allowedError(op, x);
  if (allowed === undefined) {
    return true;
  }
  const expected = f32FromWord(expectedWord);
  const found = f32FromWord(foundWord);
  if (Number.isNaN(expected) || Number.isNaN(found)) {
    return Number.isNaN(expected) && Number.isNaN(found);
  }
  // A subnormal result may also be flushed to zero.
  const flush = (v: number): number => (Math.abs(v) < SMALLEST_NORMAL ? 0 : v);
  return (
    Math.abs(found - expected) <= allowed ||
    Math.abs(flush(found) - flush(expected)) <= allowed
  );
}
