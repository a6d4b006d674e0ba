import { assertNever, InternalError } from '@vyre/foundation';
import type { BinaryExpr } from './expr.ts';
import { binaryType, unaryType } from './typing-rules.ts';
import type { UnOp } from './un-op.ts';
import type { WgslEmitContext } from './wgsl-emit-context.ts';
import type { WgslHelper } from './wgsl-helper-library.ts';
import type { ValueType } from './value-type.ts';
import {
  argument,
  computed,
  conditionCode,
  typeOrThrow,
  argumentText,
  type WgslValue,
} from './wgsl-value.ts';

// Binary and unary operators (docs/semantics.md, "Integer arithmetic", "Shifts and bits", "Floating
// point"). An operator WGSL defines exactly is emitted inline, fully parenthesized, with the
// constant-operand rule applied; one WGSL leaves open is a call to a helper from the library.

function infix(
  ctx: WgslEmitContext,
  symbol: string,
  type: ValueType,
  left: WgslValue,
  right: WgslValue,
): WgslValue {
  const operands = [left, right];
  const a = ctx.firstOperand(operands);
  return computed(`(${a} ${symbol} ${right.code})`, type, operands, 1);
}

function call(
  ctx: WgslEmitContext,
  helper: WgslHelper,
  type: ValueType,
  operands: readonly WgslValue[],
): WgslValue {
  const args = operands.map(argument).join(', ');
  return computed(`${ctx.helper(helper)}(${args})`, type, operands, 1);
}

function builtin(
  ctx: WgslEmitContext,
  name: string,
  type: ValueType,
  operands: readonly WgslValue[],
): WgslValue {
  let args = argumentText(ctx.firstOperand(operands));
  for (let i = 1; i < operands.length; i++) {
    const operand = operands[i];
    if (operand !== undefined) {
      args += `, ${argument(operand)}`;
    }
  }
  return computed(`${name}(${args})`, type, operands, 1);
}

// The helper that pins `op` for u32 or i32 operands.
function integerHelper(
  op: 'div' | 'mod',
  type: ValueType,
): WgslHelper | undefined {
  if (type === 'u32') {
    return op === 'div' ? 'div_u32' : 'mod_u32';
  }
  if (type === 'i32') {
    return op === 'div' ? 'div_i32' : 'mod_i32';
  }
  return undefined;
}

// `a << b` and `a >> b` take the amount `& 31`: a literal amount is masked here (WGSL rejects a
// constant amount of 32 or more), any other is masked in WGSL.
function shift(
  ctx: WgslEmitContext,
  symbol: '<<' | '>>',
  type: ValueType,
  expr: BinaryExpr,
  left: WgslValue,
  right: WgslValue,
): WgslValue {
  const amount: WgslValue =
    expr.right.kind === 'lit' && typeof expr.right.value === 'number'
      ? { ...right, code: `${expr.right.value & 31}u` }
      : { ...right, code: `(${right.code} & 31u)`, depth: right.depth + 1 };
  return infix(ctx, symbol, type, left, amount);
}

// `and` and `or` of bools or u32s, both operands evaluated (`&` and `|` on bools do not short-circuit).
function logical(
  ctx: WgslEmitContext,
  symbol: '&' | '|',
  left: WgslValue,
  right: WgslValue,
): WgslValue {
  const operands = [left, right];
  const a = conditionCode(left, ctx.firstOperand(operands));
  const b = conditionCode(right, right.code);
  return computed(`(${a} ${symbol} ${b})`, 'bool', operands, 2);
}

/**
 * Emits a binary operation on already emitted operands.
 *
 * @param ctx - the emission state
 * @param expr - the IR expression (its right operand decides how a shift amount is written)
 * @param left - the emitted left operand
 * @param right - the emitted right operand
 *
 * @internal
 */
export function emitBinary(
  ctx: WgslEmitContext,
  expr: BinaryExpr,
  left: WgslValue,
  right: WgslValue,
): WgslValue {
  const op = expr.op;
  const type = typeOrThrow(binaryType(op, left.type, right.type), op);
  const both = [left, right];
  switch (op) {
    case 'add':
    case 'wrappingAdd':
      return infix(ctx, '+', type, left, right);
    case 'sub':
    case 'wrappingSub':
      return infix(ctx, '-', type, left, right);
    case 'mul':
      return infix(ctx, '*', type, left, right);
    case 'div':
    case 'mod': {
      const helper = integerHelper(op, type);
      if (helper !== undefined) {
        return call(ctx, helper, type, both);
      }
      if (op === 'div') {
        return type === 'f32'
          ? call(ctx, 'div_f32', type, both)
          : infix(ctx, '/', type, left, right);
      }
      throw new InternalError(`emitWgsl met mod on ${type}`);
    }
    case 'bitAnd':
      return infix(ctx, '&', type, left, right);
    case 'bitOr':
      return infix(ctx, '|', type, left, right);
    case 'bitXor':
      return infix(ctx, '^', type, left, right);
    case 'shl':
      return shift(ctx, '<<', type, expr, left, right);
    case 'shr':
      return shift(ctx, '>>', type, expr, left, right);
    case 'eq':
      return left.type === 'f32'
        ? call(ctx, 'eq_f32', type, both)
        : infix(ctx, '==', type, left, right);
    case 'ne':
      return left.type === 'f32'
        ? call(ctx, 'ne_f32', type, both)
        : infix(ctx, '!=', type, left, right);
    case 'lt':
      return left.type === 'f32'
        ? call(ctx, 'lt_f32', type, both)
        : infix(ctx, '<', type, left, right);
    case 'gt':
      return left.type === 'f32'
        ? call(ctx, 'gt_f32', type, both)
        : infix(ctx, '>', type, left, right);
    case 'le':
      return left.type === 'f32'
        ? call(ctx, 'le_f32', type, both)
        : infix(ctx, '<=', type, left, right);
    case 'ge':
      return left.type === 'f32'
        ? call(ctx, 'ge_f32', type, both)
        : infix(ctx, '>=', type, left, right);
    case 'and':
      return logical(ctx, '&', left, right);
    case 'or':
      return logical(ctx, '|', left, right);
    case 'min':
      return type === 'f32'
        ? call(ctx, 'min_f32', type, both)
        : builtin(ctx, 'min', type, both);
    case 'max':
      return type === 'f32'
        ? call(ctx, 'max_f32', type, both)
        : builtin(ctx, 'max', type, both);
    case 'absDiff':
      return call(ctx, 'abs_diff_u32', type, both);
    case 'mulHigh':
      return call(ctx, 'mul_high_u32', type, both);
    case 'saturatingAdd':
      return call(ctx, 'saturating_add_u32', type, both);
    case 'saturatingSub':
      return call(ctx, 'saturating_sub_u32', type, both);
    case 'saturatingMul':
      return call(ctx, 'saturating_mul_u32', type, both);
    case 'rotateLeft':
      return call(ctx, 'rotl_u32', type, both);
    case 'rotateRight':
      return call(ctx, 'rotr_u32', type, both);
    default:
      return assertNever(op, 'emitBinary');
  }
}

// `(v >> shift) & mask` of the operand's bits (an i32 operand is reinterpreted, so the shift is
// logical).
function unpack(
  ctx: WgslEmitContext,
  operand: WgslValue,
  shiftBy: number,
  mask: string,
): WgslValue {
  const x = ctx.firstOperand([operand]);
  const bits = operand.type === 'i32' ? `bitcast<u32>(${x})` : x;
  const shifted = shiftBy === 0 ? bits : `(${bits} >> ${shiftBy}u)`;
  return computed(`(${shifted} & ${mask})`, 'u32', [operand], 3);
}

/**
 * Emits a unary operation on an already emitted operand.
 *
 * @param ctx - the emission state
 * @param op - the operator
 * @param operand - the emitted operand
 *
 * @internal
 */
export function emitUnary(
  ctx: WgslEmitContext,
  op: UnOp,
  operand: WgslValue,
): WgslValue {
  const type = typeOrThrow(unaryType(op, operand.type), op);
  const only = [operand];
  switch (op) {
    case 'negate': {
      const x = ctx.firstOperand(only);
      return computed(
        type === 'u32' ? `(0u - ${x})` : `(-${x})`,
        type,
        only,
        1,
      );
    }
    case 'bitNot':
      return computed(`(~${ctx.firstOperand(only)})`, type, only, 1);
    case 'logicalNot': {
      const x = ctx.firstOperand(only);
      return computed(
        operand.type === 'bool' ? `(!${x})` : `(${x} == 0u)`,
        type,
        only,
        1,
      );
    }
    case 'popcount':
      return builtin(ctx, 'countOneBits', type, only);
    case 'clz':
      return builtin(ctx, 'countLeadingZeros', type, only);
    case 'ctz':
      return builtin(ctx, 'countTrailingZeros', type, only);
    case 'reverseBits':
      return builtin(ctx, 'reverseBits', type, only);
    case 'isNan':
      return call(ctx, 'is_nan', type, only);
    case 'isInf':
      return call(ctx, 'is_inf', type, only);
    case 'isFinite':
      return call(ctx, 'is_finite', type, only);
    case 'unpack4Low':
      return unpack(ctx, operand, 0, '0xfu');
    case 'unpack4High':
      return unpack(ctx, operand, 4, '0xfu');
    case 'unpack8Low':
      return unpack(ctx, operand, 0, '0xffu');
    case 'unpack8High':
      return unpack(ctx, operand, 24, '0xffu');
    case 'sign':
      return call(ctx, 'sign_f32', type, only);
    case 'reciprocal':
      // Through vyre_div_f32, so that 1 / ±0 is ±∞ as in IEEE.
      return computed(
        `${ctx.helper('div_f32')}(1.0f, ${argument(operand)})`,
        type,
        only,
        1,
      );
    case 'cos':
    case 'sin':
    case 'tan':
    case 'acos':
    case 'asin':
    case 'atan':
    case 'tanh':
    case 'sinh':
    case 'cosh':
    case 'exp':
    case 'exp2':
    case 'log':
    case 'log2':
    case 'sqrt':
    case 'inverseSqrt':
    case 'abs':
    case 'floor':
    case 'ceil':
    case 'round':
    case 'trunc':
      return builtin(ctx, op, type, only);
    default:
      return assertNever(op, 'emitUnary');
  }
}
