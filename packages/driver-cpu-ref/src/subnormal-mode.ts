import type { BinOp, DataType, UnOp, ValueType } from '@vyre/ir';
import type { Value } from './cpu-value.ts';
import { binaryImpl, type BinaryFn } from './pinned-binary.ts';
import { castImpl, type CastFn } from './pinned-cast.ts';
import { unaryImpl, type UnaryFn } from './pinned-unary.ts';
import { SMALLEST_NORMAL_F32 } from './f32-bits.ts';

// What the CPU reference does with subnormal floats. `keep` is IEEE. `flush` behaves like a GPU that
// flushes subnormals (docs/semantics.md allows it; NVIDIA GPUs do, measured): every f32 or f16 operand
// of an arithmetic operation, comparison, math function or conversion that is subnormal is read as a
// zero of its sign, and every subnormal result is written as one. Comparing a GPU with both modes tells
// a flushing device from a wrong one.

/**
 * How the CPU reference treats subnormal f32 and f16 values: kept (IEEE, the default) or flushed to
 * zero on every operation's inputs and results, as GPUs may.
 *
 * @public
 */
export type SubnormalMode = 'keep' | 'flush';

const SMALLEST_NORMAL: Readonly<Record<'f32' | 'f16', number>> = {
  f32: SMALLEST_NORMAL_F32,
  f16: 2 ** -14,
};

const isFloat = (type: ValueType | DataType): type is 'f32' | 'f16' =>
  type === 'f32' || type === 'f16';

/** `x`, or a zero of its sign when it is subnormal in `type`. */
export function flushSubnormal(x: number, type: 'f32' | 'f16'): number {
  return x !== 0 && Math.abs(x) < SMALLEST_NORMAL[type] ? (x < 0 ? -0 : 0) : x;
}

function flushValue(v: Value, type: ValueType | DataType): Value {
  return isFloat(type) && typeof v === 'number' ? flushSubnormal(v, type) : v;
}

/** `binaryImpl` in `mode`. */
export function binaryIn(
  mode: SubnormalMode,
  op: BinOp,
  left: ValueType,
  right: ValueType,
  result: ValueType,
): BinaryFn {
  const f = binaryImpl(op, left, right);
  if (mode === 'keep' || !isFloat(left)) {
    return f;
  }
  return (a, b) =>
    flushValue(f(flushValue(a, left), flushValue(b, right)), result);
}

/** `unaryImpl` in `mode`. */
export function unaryIn(
  mode: SubnormalMode,
  op: UnOp,
  operand: ValueType,
  result: ValueType,
): UnaryFn {
  const f = unaryImpl(op, operand);
  if (mode === 'keep' || (!isFloat(operand) && !isFloat(result))) {
    return f;
  }
  return (a) => flushValue(f(flushValue(a, operand)), result);
}

/** `castImpl` in `mode`. */
export function castIn(
  mode: SubnormalMode,
  from: ValueType,
  target: DataType,
): CastFn {
  const f = castImpl(from, target);
  if (mode === 'keep' || (!isFloat(from) && !isFloat(target))) {
    return f;
  }
  return (a) => flushValue(f(flushValue(a, from)), target);
}
