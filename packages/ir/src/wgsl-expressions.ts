import { assertNever, InternalError } from '@vyre/foundation';
import type {
  AtomicExpr,
  Expr,
  SelectExpr,
  SubgroupShuffleExpr,
} from './expr.ts';
import { fmaType, literalType, selectType } from './typing-rules.ts';
import { emitCast } from './wgsl-casts.ts';
import type { WgslEmitContext } from './wgsl-emit-context.ts';
import { orderedSelectHelper } from './wgsl-helper-library.ts';
import { wgslLiteral } from './wgsl-literals.ts';
import { wgslLocalName, WgslBuiltin } from './wgsl-names.ts';
import { emitBinary, emitUnary } from './wgsl-operators.ts';
import { wgslZero } from './wgsl-value-types.ts';
import {
  argument,
  computed,
  conditionCode,
  leaf,
  MAX_EXPRESSION_DEPTH,
  typeOrThrow,
  argumentText,
  withoutOuterParens,
  type WgslValue,
} from './wgsl-value.ts';

// Expressions: one WGSL expression per IR expression, typed by the typing rules as it is walked.
// Operators live in wgsl-operators.ts, conversions in wgsl-casts.ts. An expression nested deeper than
// MAX_EXPRESSION_DEPTH is bound to a temporary before its statement, which keeps every WGSL
// expression within Tint's parser limit whatever the IR's depth.

const AXES = ['x', 'y', 'z'] as const;

const REDUCTIONS = {
  add: 'subgroupAdd',
  mul: 'subgroupMul',
  min: 'subgroupMin',
  max: 'subgroupMax',
  and: 'subgroupAnd',
  or: 'subgroupOr',
  xor: 'subgroupXor',
} as const;

/**
 * Emits `expr`.
 *
 * @param ctx - the emission state
 * @param expr - an expression of a valid program
 *
 * @internal
 */
export function emitExpr(ctx: WgslEmitContext, expr: Expr): WgslValue {
  const value = emitNode(ctx, expr);
  return value.depth > MAX_EXPRESSION_DEPTH ? ctx.hoist(value) : value;
}

/**
 * Emits the operands of one construct, first to last. When an operand binds part of itself to a
 * temporary ahead of the statement, the earlier operands that touch memory are bound ahead of that
 * temporary, so that memory is still accessed in IR order.
 *
 * @param ctx - the emission state
 * @param exprs - the operands, in evaluation order
 *
 * @internal
 */
export function emitOperands(
  ctx: WgslEmitContext,
  exprs: readonly Expr[],
): WgslValue[] {
  const values: WgslValue[] = [];
  for (const expr of exprs) {
    const mark = ctx.pendingMark();
    const hoisted = ctx.hoisted;
    const value = emitExpr(ctx, expr);
    if (ctx.hoisted !== hoisted) {
      let at = mark;
      for (let i = 0; i < values.length; i++) {
        const earlier = values[i];
        if (earlier?.memory === true) {
          values[i] = ctx.hoist(earlier, at);
          at += 1;
        }
      }
    }
    values.push(value);
  }
  return values;
}

function emitNode(ctx: WgslEmitContext, expr: Expr): WgslValue {
  switch (expr.kind) {
    case 'lit':
      return leaf(
        wgslLiteral(expr),
        typeOrThrow(literalType(expr), 'literal'),
        true,
      );
    case 'var':
      return leaf(wgslLocalName(expr.name), ctx.localType(expr.name), false);
    case 'load': {
      const buffer = ctx.buffer(expr.buffer);
      const index = emitExpr(ctx, expr.index);
      const value = computed(
        buffer.load(argument(index)),
        buffer.valueType,
        [index],
        1,
      );
      return { ...value, memory: true };
    }
    case 'bufLen': {
      const buffer = ctx.buffer(expr.buffer);
      return leaf(buffer.length(), 'u32', buffer.constantLength());
    }
    case 'invocationId':
    case 'workgroupId':
    case 'localId': {
      const axis = AXES[expr.axis];
      if (axis === undefined) {
        throw new InternalError(
          `emitWgsl met ${expr.kind} axis ${expr.axis}, expected 0, 1 or 2 (V068)`,
        );
      }
      ctx.builtins.add(expr.kind);
      return leaf(`${WgslBuiltin[expr.kind].param}.${axis}`, 'u32', false);
    }
    case 'binary': {
      const [left, right] = emitOperands(ctx, [expr.left, expr.right]);
      if (left === undefined || right === undefined) {
        throw new InternalError('emitOperands lost an operand');
      }
      return emitBinary(ctx, expr, left, right);
    }
    case 'unary':
      return emitUnary(ctx, expr.op, emitExpr(ctx, expr.operand));
    case 'select':
      return emitSelect(ctx, expr);
    case 'cast':
      return emitCast(ctx, expr.target, emitExpr(ctx, expr.value));
    case 'fma': {
      const [a, b, c] = emitOperands(ctx, [expr.a, expr.b, expr.c]);
      if (a === undefined || b === undefined || c === undefined) {
        throw new InternalError('emitOperands lost an operand');
      }
      const type = typeOrThrow(fmaType(a.type, b.type, c.type), 'fma');
      const first = argumentText(ctx.firstOperand([a, b, c]));
      return computed(
        `fma(${first}, ${argument(b)}, ${argument(c)})`,
        type,
        [a, b, c],
        1,
      );
    }
    case 'atomic':
      return emitAtomic(ctx, expr);
    case 'subgroupBallot': {
      ctx.usesSubgroups = true;
      const cond = emitExpr(ctx, expr.cond);
      const test = withoutOuterParens(conditionCode(cond, cond.code));
      return computed(`subgroupBallot(${test}).x`, 'u32', [cond], 2);
    }
    case 'subgroupShuffle':
      return emitShuffle(ctx, expr);
    case 'subgroupReduce': {
      ctx.usesSubgroups = true;
      const value = emitExpr(ctx, expr.value);
      return computed(
        `${REDUCTIONS[expr.op]}(${argument(value)})`,
        value.type,
        [value],
        1,
      );
    }
    case 'subgroupLocalId':
    case 'subgroupSize':
      ctx.usesSubgroups = true;
      ctx.builtins.add(expr.kind);
      return leaf(WgslBuiltin[expr.kind].param, 'u32', false);
    case 'call':
    case 'bufferRef':
      throw new InternalError(
        `emitWgsl met a ${expr.kind} expression, which the validator rejects (V016, V051)`,
      );
    default:
      return assertNever(expr, 'emitExpr');
  }
}

// `subgroupShuffle(v, lane)` yields zero for a lane at or beyond the subgroup size, where WGSL's
// value is indeterminate: `select(zero, subgroupShuffle(v, l), l < sg_size)`. The lane appears twice,
// so unless it is a local or a builtin it is bound to a temporary first (after the value, when the
// value touches memory, to keep IR order); a constant lane is bound too, because WGSL rejects a
// constant lane of 128 or more at shader creation.
function emitShuffle(
  ctx: WgslEmitContext,
  expr: SubgroupShuffleExpr,
): WgslValue {
  ctx.usesSubgroups = true;
  let [value, lane] = emitOperands(ctx, [expr.value, expr.lane]);
  if (value === undefined || lane === undefined) {
    throw new InternalError('emitOperands lost an operand');
  }
  if (lane.constant) {
    lane = leaf(ctx.temp(lane.code), lane.type, false);
  } else if (lane.depth > 0) {
    if (value.memory) {
      value = ctx.hoist(value);
    }
    lane = ctx.hoist(lane);
  }
  ctx.builtins.add('subgroupSize');
  const size = WgslBuiltin.subgroupSize.param;
  return computed(
    `select(${wgslZero(value.type)}, subgroupShuffle(${argument(value)}, ${lane.code}), ${lane.code} < ${size})`,
    value.type,
    [value, lane],
    2,
  );
}

// `select(f, t, c)` evaluates f, t, c; the IR evaluates c, t, f. The order is observable only when an
// operand performs an atomic, and then an ordered helper evaluates them in IR order.
function emitSelect(ctx: WgslEmitContext, expr: SelectExpr): WgslValue {
  const operands = emitOperands(ctx, [expr.cond, expr.ifTrue, expr.ifFalse]);
  const [cond, ifTrue, ifFalse] = operands;
  if (cond === undefined || ifTrue === undefined || ifFalse === undefined) {
    throw new InternalError('emitOperands lost an operand');
  }
  const type = typeOrThrow(
    selectType(cond.type, ifTrue.type, ifFalse.type),
    'select',
  );
  if (cond.effect || ifTrue.effect || ifFalse.effect) {
    const helper = ctx.helper(orderedSelectHelper(type));
    const test = argumentText(conditionCode(cond, cond.code));
    return computed(
      `${helper}(${test}, ${argument(ifTrue)}, ${argument(ifFalse)})`,
      type,
      operands,
      2,
    );
  }
  const test = conditionCode(cond, ctx.firstOperand(operands));
  return computed(
    `select(${argument(ifFalse)}, ${argument(ifTrue)}, ${argumentText(test)})`,
    type,
    operands,
    2,
  );
}

// An atomic evaluates its index, then (compareExchange) the expected value, then its operand.
function emitAtomic(ctx: WgslEmitContext, expr: AtomicExpr): WgslValue {
  const buffer = ctx.buffer(expr.buffer);
  const exprs: Expr[] = [expr.index];
  if (expr.op === 'compareExchange') {
    if (expr.expected === undefined) {
      throw new InternalError(
        'emitWgsl met a compareExchange without an expected value (V059)',
      );
    }
    exprs.push(expr.expected);
  }
  exprs.push(expr.value);
  const operands = emitOperands(ctx, exprs);
  const args = operands.map(argument).join(', ');
  const value = computed(buffer.atomicOp(expr.op, args), 'u32', operands, 1);
  return { ...value, effect: true, memory: true };
}
