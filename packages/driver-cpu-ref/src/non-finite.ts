import type { BinOp, UnOp, ValueType } from '@vyre/ir';
import type { BinaryFn } from './pinned-binary.ts';
import type { UnaryFn } from './pinned-unary.ts';

// WGSL lets a compiler assume that f32 arithmetic never meets an infinity or a NaN ("implementations
// may assume that overflow, infinities, and NaNs are not present"): lavapipe folds `x * 0.0` to 0 even
// when x is infinite. A program whose arithmetic meets one has f32 results no GPU is bound to, so a
// comparison must know. With tracking on, the CPU reference counts the arithmetic operations that took
// or made an infinity or NaN; operations vyre pins by their bits (comparisons, min, max, sign, abs,
// negation, conversions) do not count, nor does a division by zero, whose infinity is pinned.

/** The count of one compiled program's runs, reset before each run. */
export interface NonFiniteCounter {
  count: number;
}

const ARITHMETIC: ReadonlySet<BinOp> = new Set<BinOp>([
  'add',
  'sub',
  'mul',
  'div',
  'mod',
]);
const PINNED_UNARY: ReadonlySet<UnOp> = new Set<UnOp>([
  'negate',
  'abs',
  'sign',
  'isNan',
  'isInf',
  'isFinite',
]);

const finite = (x: unknown): boolean =>
  typeof x !== 'number' || Number.isFinite(x);

/** `f` counting into `counter` when it is f32 arithmetic that meets a non-finite value. */
export function watchBinary(
  f: BinaryFn,
  op: BinOp,
  left: ValueType,
  counter: NonFiniteCounter | undefined,
): BinaryFn {
  if (counter === undefined || left !== 'f32' || !ARITHMETIC.has(op)) {
    return f;
  }
  return (a, b) => {
    const r = f(a, b);
    if (
      !finite(a) ||
      !finite(b) ||
      (!finite(r) && !(op === 'div' && b === 0))
    ) {
      counter.count++;
    }
    return r;
  };
}

/** `f` counting into `counter` when it is an f32 math function that meets a non-finite value. */
export function watchUnary(
  f: UnaryFn,
  op: UnOp,
  operand: ValueType,
  counter: NonFiniteCounter | undefined,
): UnaryFn {
  if (counter === undefined || operand !== 'f32' || PINNED_UNARY.has(op)) {
    return f;
  }
  return (a) => {
    const r = f(a);
    // reciprocal(±0) is the pinned division by zero.
    if (!finite(a) || (!finite(r) && !(op === 'reciprocal' && a === 0))) {
      counter.count++;
    }
    return r;
  };
}

/** `fma` counting into `counter` when it meets a non-finite value. */
export function watchFma(
  f: (a: number, b: number, c: number) => number,
  counter: NonFiniteCounter | undefined,
): (a: number, b: number, c: number) => number {
  if (counter === undefined) {
    return f;
  }
  return (a, b, c) => {
    const r = f(a, b, c);
    if (
      !Number.isFinite(a) ||
      !Number.isFinite(b) ||
      !Number.isFinite(c) ||
      !Number.isFinite(r)
    ) {
      counter.count++;
    }
    return r;
  };
}
