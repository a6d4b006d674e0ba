import type { BinOp, DataType, UnOp, ValueType } from '@vyre/ir';
import type { BinaryFn } from './pinned-binary.ts';
import type { CastFn } from './pinned-cast.ts';
import type { UnaryFn } from './pinned-unary.ts';
import { isZeroLikeF32 } from './f32-bits.ts';
import {
  DIVISION_REACH_ULPS,
  MATH_FUNCTION_REACH_ULPS,
  nearEqual,
  nearJump,
  type RoundingStep,
} from './rounding-sensitivity.ts';

// f32 arithmetic whose result no GPU is bound to reproduce, even within the comparison window:
// - it takes or makes an infinity or NaN: WGSL lets compilers assume none occurs, and lavapipe folds
//   `x * 0.0` to 0 for an infinite x;
// - it underflows (a nonzero exact result rounds to zero or a subnormal), or a sum absorbs a nonzero
//   operand whole: compilers reassociate arithmetic with constants (measured on lavapipe and NVIDIA:
//   `(x * 1e-30) * 1e30` gives x, not 0), which moves or removes such steps.
// - after a division or a math function (which GPUs round differently), a rounding step, a conversion
//   to an integer or a comparison near its jump (see rounding-sensitivity.ts).
// With tracking on, the CPU reference counts these operations. Operations vyre pins by their bits
// (comparisons, min, max, sign, abs, negation, conversions) and the pinned division by zero do not count
// unless the last rule applies.

/** The count of one compiled program's runs, reset before each run. */
export interface UnboundCounter {
  count: number;
  /**
   * How far (in ULP) a value of this run may be off on a GPU so far: 0 until a division or math
   * function runs (see rounding-sensitivity.ts).
   */
  reachUlps: number;
}

/** A fresh counter. */
export function unboundCounter(): UnboundCounter {
  return { count: 0, reachUlps: 0 };
}

/** Resets `counter` before a run. */
export function resetUnbound(counter: UnboundCounter): void {
  counter.count = 0;
  counter.reachUlps = 0;
}

const ARITHMETIC: ReadonlySet<BinOp> = new Set<BinOp>([
  'add',
  'sub',
  'mul',
  'div',
  'mod',
]);
const COMPARISONS: ReadonlySet<BinOp> = new Set<BinOp>([
  'eq',
  'ne',
  'lt',
  'le',
  'gt',
  'ge',
]);
const ROUNDING: ReadonlySet<UnOp> = new Set<UnOp>([
  'trunc',
  'floor',
  'ceil',
  'round',
]);
const PINNED_UNARY: ReadonlySet<UnOp> = new Set<UnOp>([
  'negate',
  'abs',
  'sign',
  'isNan',
  'isInf',
  'isFinite',
]);

const finite = (x: number): boolean => Number.isFinite(x);
// A nonzero result below the normal range.
const subnormal = (x: number): boolean => x !== 0 && isZeroLikeF32(x);

// Whether `a op b = r` (all f32 values, finite) left the range GPUs reproduce exactly.
function unboundStep(op: BinOp, a: number, b: number, r: number): boolean {
  if (subnormal(r)) {
    return true;
  }
  if (op === 'add' || op === 'sub') {
    // Absorption: a nonzero operand vanished whole into the other.
    const other = op === 'add' ? b : -b;
    return a !== 0 && other !== 0 && (r === a || r === other);
  }
  if (op === 'mul') {
    return r === 0 && a !== 0 && b !== 0;
  }
  if (op === 'div') {
    return r === 0 && a !== 0;
  }
  return false;
}

/** `f` counting into `counter` when it is f32 arithmetic whose result is not bound on GPUs. */
export function watchBinary(
  f: BinaryFn,
  op: BinOp,
  left: ValueType,
  counter: UnboundCounter | undefined,
): BinaryFn {
  if (counter === undefined || left !== 'f32') {
    return f;
  }
  if (COMPARISONS.has(op)) {
    return (a, b) => {
      if (
        counter.reachUlps > 0 &&
        nearEqual(Number(a), Number(b), counter.reachUlps)
      ) {
        counter.count++;
      }
      return f(a, b);
    };
  }
  if (!ARITHMETIC.has(op)) {
    return f;
  }
  return (a, b) => {
    const r = f(a, b);
    const [x, y, z] = [Number(a), Number(b), Number(r)];
    if (op === 'div' && y === 0) {
      // The pinned division by zero; an infinite or NaN dividend still counts.
      if (!finite(x)) {
        counter.count++;
      }
      return r;
    }
    if (!finite(x) || !finite(y) || !finite(z) || unboundStep(op, x, y, z)) {
      counter.count++;
    }
    if (op === 'div') {
      counter.reachUlps = Math.max(counter.reachUlps, DIVISION_REACH_ULPS);
    }
    return r;
  };
}

/** `f` counting into `counter` when it is an f32 math function whose result is not bound on GPUs. */
export function watchUnary(
  f: UnaryFn,
  op: UnOp,
  operand: ValueType,
  counter: UnboundCounter | undefined,
): UnaryFn {
  if (counter === undefined || operand !== 'f32' || PINNED_UNARY.has(op)) {
    return f;
  }
  if (ROUNDING.has(op)) {
    const step = op as RoundingStep;
    return (a) => {
      const r = f(a);
      const [x, z] = [Number(a), Number(r)];
      if (
        !finite(x) ||
        !finite(z) ||
        (counter.reachUlps > 0 && nearJump(step, x, counter.reachUlps))
      ) {
        counter.count++;
      }
      return r;
    };
  }
  const reach =
    op === 'reciprocal' ? DIVISION_REACH_ULPS : MATH_FUNCTION_REACH_ULPS;
  return (a) => {
    const r = f(a);
    const [x, z] = [Number(a), Number(r)];
    // reciprocal(±0) is the pinned division by zero.
    if (op === 'reciprocal' && isZeroLikeF32(x)) {
      return r;
    }
    if (!finite(x) || !finite(z) || subnormal(z)) {
      counter.count++;
    }
    counter.reachUlps = Math.max(counter.reachUlps, reach);
    return r;
  };
}

/** `fma` counting into `counter` when its result is not bound on GPUs. */
export function watchFma(
  f: (a: number, b: number, c: number) => number,
  counter: UnboundCounter | undefined,
): (a: number, b: number, c: number) => number {
  if (counter === undefined) {
    return f;
  }
  return (a, b, c) => {
    const r = f(a, b, c);
    const product = a * b;
    if (
      !finite(a) ||
      !finite(b) ||
      !finite(c) ||
      !finite(r) ||
      subnormal(r) ||
      subnormal(product) ||
      (product !== 0 && c !== 0 && (r === Math.fround(product) || r === c))
    ) {
      counter.count++;
    }
    return r;
  };
}

/**
 * A conversion counting into `counter` when it truncates an f32 to an integer near a jump after a
 * division or math function (see rounding-sensitivity.ts).
 */
export function watchCast(
  f: CastFn,
  from: ValueType,
  target: DataType,
  counter: UnboundCounter | undefined,
): CastFn {
  if (
    counter === undefined ||
    from !== 'f32' ||
    target === 'bool' ||
    target === 'f32' ||
    target === 'f16'
  ) {
    return f;
  }
  return (a) => {
    if (
      counter.reachUlps > 0 &&
      nearJump('trunc', Number(a), counter.reachUlps)
    ) {
      counter.count++;
    }
    return f(a);
  };
}
