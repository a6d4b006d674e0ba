import { assertNever, InternalError } from '@vyre/foundation';
import type { SubgroupReduceOp, ValueType } from '@vyre/ir';
import type { Value } from './cpu-value.ts';
import { binaryImpl, type BinaryFn } from './pinned-binary.ts';

// Subgroup reductions over the active lanes (docs/semantics.md, "Subgroups"): u32, i32 or f32 values,
// bitwise reductions on u32 or i32 only. The doc leaves the combining order of an f32 add or mul (so
// its rounding) and NaN/signed-zero handling of f32 min/max reductions to the device; the reference
// folds in lane order, rounding after each step, with the pinned binary min/max.

/** A reduction over the values of the active lanes, in lane order. */
export type ReduceFn = (values: readonly Value[]) => Value;

// Folds `values` with `step`, from the first lane; no lanes give `empty` (the operator's identity).
function fold(step: BinaryFn, empty: Value): ReduceFn {
  return (values) => {
    const count = values.length;
    if (count === 0) {
      return empty;
    }
    let acc = values[0] as Value;
    for (let i = 1; i < count; i += 1) {
      acc = step(acc, values[i] as Value);
    }
    return acc;
  };
}

// The binary operator each reduction folds with, and its identity on `type`.
function reduction(
  op: SubgroupReduceOp,
  type: ValueType,
): { readonly step: BinaryFn; readonly empty: Value } {
  const numeric = type === 'u32' || type === 'i32' || type === 'f32';
  const bitwise = type === 'u32' || type === 'i32';
  const allOnes = type === 'i32' ? -1 : 0xffff_ffff;
  switch (op) {
    case 'add':
      if (numeric) {
        return { step: binaryImpl('add', type, type), empty: 0 };
      }
      break;
    case 'mul':
      if (numeric) {
        return { step: binaryImpl('mul', type, type), empty: 1 };
      }
      break;
    case 'min':
      if (numeric) {
        const empty =
          type === 'f32'
            ? Infinity
            : type === 'i32'
              ? 0x7fff_ffff
              : 0xffff_ffff;
        return { step: binaryImpl('min', type, type), empty };
      }
      break;
    case 'max':
      if (numeric) {
        const empty =
          type === 'f32' ? -Infinity : type === 'i32' ? -0x8000_0000 : 0;
        return { step: binaryImpl('max', type, type), empty };
      }
      break;
    case 'and':
      if (bitwise) {
        return { step: binaryImpl('bitAnd', type, type), empty: allOnes };
      }
      break;
    case 'or':
      if (bitwise) {
        return { step: binaryImpl('bitOr', type, type), empty: 0 };
      }
      break;
    case 'xor':
      if (bitwise) {
        return { step: binaryImpl('bitXor', type, type), empty: 0 };
      }
      break;
    default:
      return assertNever(op, 'reduceImpl');
  }
  throw new InternalError(
    `reduceImpl was asked for a subgroup ${op} reduction of ${type}, which the validator rejects: expected ${op === 'and' || op === 'or' || op === 'xor' ? 'u32 or i32' : 'u32, i32 or f32'}, found ${type}`,
  );
}

/**
 * The pinned subgroup reduction `op` over values of `type`.
 *
 * @remarks
 * Integer add and mul wrap; f32 add and mul round after each lane, in lane order; min and max are the
 * pinned binary operators; and, or and xor are bitwise. No lanes give the operator's identity (the
 * interpreter always passes at least the calling lane).
 *
 * @param op - the reduction
 * @param type - the reduced values' type (u32, i32 or f32; u32 or i32 for and, or, xor)
 */
export function reduceImpl(op: SubgroupReduceOp, type: ValueType): ReduceFn {
  const { step, empty } = reduction(op, type);
  return fold(step, empty);
}
