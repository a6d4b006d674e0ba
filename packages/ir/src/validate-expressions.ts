import { BinOp } from './bin-op.ts';
import { DataTypeWireTag } from './data-type.ts';
import type {
  BinaryExpr,
  CallExpr,
  CastExpr,
  Expr,
  Literal,
  UnaryExpr,
} from './expr.ts';
import {
  binaryType,
  castType,
  fmaType,
  literalType,
  selectType,
  unaryType,
  type TypeCheck,
} from './typing-rules.ts';
import { UnOp } from './un-op.ts';
import type { ValidationContext } from './validate-context.ts';
import { ValidationLimits } from './validate-limits.ts';
import { walkAtomic } from './validate-memory.ts';
import { isDataType } from './validate-program-rules.ts';
import { walkSubgroup } from './validate-subgroups.ts';
import { describeValue } from './validate-value-description.ts';
import { valueTypeOfElement, type ValueType } from './value-type.ts';

// The expression walk: types every expression with the rules of typing-rules.ts, resolves variables
// and buffers, and collects what the uniformity analysis needs. An expression whose type cannot be
// known (because of an error already reported) yields `undefined`, and nothing that depends on it is
// checked, so one mistake gives one diagnostic. Recursion depth is capped by V033.

const EXPRESSION_KINDS =
  'lit, var, load, bufLen, invocationId, workgroupId, localId, binary, unary, select, cast, fma, atomic, call, bufferRef, subgroupBallot, subgroupShuffle, subgroupReduce, subgroupLocalId, subgroupSize';
const DATA_TYPES = Object.keys(DataTypeWireTag).join(', ');

/**
 * Walks the root expression of a statement (a let value, a condition, a store index, ...), starting a
 * fresh uniformity collection, and returns its type.
 *
 * @param ctx - the validation run
 * @param expr - the expression
 * @param path - its path
 *
 * @internal
 */
export function walkRootExpression(
  ctx: ValidationContext,
  expr: Expr,
  path: string,
): ValueType | undefined {
  ctx.beginExpression();
  return walkExpression(ctx, expr, path, 1);
}

/**
 * Walks one expression at `depth` and returns its type, or `undefined` when it is ill-typed.
 *
 * @param ctx - the validation run
 * @param expr - the expression (possibly malformed, from untyped input)
 * @param path - its path
 * @param depth - its depth: 1 for the root of a statement
 * @param callArgument - whether it is an argument of a call (where a bufferRef is legal)
 *
 * @internal
 */
export function walkExpression(
  ctx: ValidationContext,
  expr: Expr,
  path: string,
  depth: number,
  callArgument = false,
): ValueType | undefined {
  const ordinal = ctx.visit(path);
  if (ordinal === 0) {
    return undefined;
  }
  if (depth > ValidationLimits.expressionDepth) {
    ctx.report(
      'V033',
      ordinal,
      path,
      `an expression is nested too deeply: expected at most ${ValidationLimits.expressionDepth} levels, found this one at level ${depth} (its operands are not checked)`,
    );
    return undefined;
  }
  if (typeof expr !== 'object' || expr === null) {
    ctx.report(
      'V056',
      ordinal,
      path,
      `an expression is ${describeValue(expr)}: expected an expression object with a kind`,
    );
    return undefined;
  }
  switch (expr.kind) {
    case 'lit':
      return checkLiteral(ctx, expr, path, ordinal);
    case 'var': {
      const binding = ctx.scopes.lookup(expr.name);
      if (binding === undefined) {
        ctx.report(
          'V066',
          ordinal,
          `${path}/name`,
          `variable ${describeValue(expr.name)} is read: expected a let or loop variable declared before, in this scope or an enclosing one, found none`,
        );
        return undefined;
      }
      ctx.read(binding);
      return binding.type;
    }
    case 'load': {
      const decl = ctx.buffers.get(expr.buffer);
      if (decl === undefined) {
        ctx.report(
          'V065',
          ordinal,
          `${path}/buffer`,
          `a load names buffer ${describeValue(expr.buffer)}: expected a declared buffer, found no buffer of that name`,
          expr.buffer,
        );
      }
      const indexPath = `${path}/index`;
      const indexOrdinal = ctx.nodes + 1;
      const index = walkExpression(ctx, expr.index, indexPath, depth + 1);
      if (index !== undefined && index !== 'u32') {
        ctx.report(
          'V131',
          indexOrdinal,
          indexPath,
          `a load index is ${index}: expected u32, found ${index}`,
        );
      }
      ctx.exprNonUniform = true;
      return decl !== undefined && isDataType(decl.element)
        ? valueTypeOfElement(decl.element)
        : undefined;
    }
    case 'bufLen':
      if (!ctx.buffers.has(expr.buffer)) {
        ctx.report(
          'V067',
          ordinal,
          `${path}/buffer`,
          `bufLen names buffer ${describeValue(expr.buffer)}: expected a declared buffer, found no buffer of that name`,
          expr.buffer,
        );
      }
      return 'u32';
    case 'invocationId':
    case 'workgroupId':
    case 'localId': {
      const axis: unknown = expr.axis;
      if (axis !== 0 && axis !== 1 && axis !== 2) {
        ctx.report(
          'V068',
          ordinal,
          `${path}/axis`,
          `${expr.kind} has axis ${describeValue(axis)}: expected 0 (x), 1 (y) or 2 (z)`,
        );
      }
      if (expr.kind !== 'workgroupId') {
        ctx.exprNonUniform = true;
      }
      return 'u32';
    }
    case 'binary':
      return walkBinary(ctx, expr, path, ordinal, depth);
    case 'unary':
      return walkUnary(ctx, expr, path, ordinal, depth);
    case 'select': {
      const cond = walkExpression(ctx, expr.cond, `${path}/cond`, depth + 1);
      const ifTrue = walkExpression(
        ctx,
        expr.ifTrue,
        `${path}/ifTrue`,
        depth + 1,
      );
      const ifFalse = walkExpression(
        ctx,
        expr.ifFalse,
        `${path}/ifFalse`,
        depth + 1,
      );
      return cond === undefined || ifTrue === undefined || ifFalse === undefined
        ? undefined
        : typed(ctx, selectType(cond, ifTrue, ifFalse), path, ordinal);
    }
    case 'cast':
      return walkCast(ctx, expr, path, ordinal, depth);
    case 'fma': {
      const a = walkExpression(ctx, expr.a, `${path}/a`, depth + 1);
      const b = walkExpression(ctx, expr.b, `${path}/b`, depth + 1);
      const c = walkExpression(ctx, expr.c, `${path}/c`, depth + 1);
      return a === undefined || b === undefined || c === undefined
        ? undefined
        : typed(ctx, fmaType(a, b, c), path, ordinal);
    }
    case 'atomic':
      return walkAtomic(ctx, expr, path, ordinal, depth, walkExpression);
    case 'call':
      walkCall(ctx, expr, path, ordinal, depth);
      return undefined;
    case 'bufferRef':
      if (!callArgument) {
        ctx.report(
          'V051',
          ordinal,
          path,
          `bufferRef ${describeValue(expr.buffer)} is used as a value: expected it only as a call argument, found it here`,
          expr.buffer,
        );
      }
      return undefined;
    case 'subgroupBallot':
    case 'subgroupShuffle':
    case 'subgroupReduce':
    case 'subgroupLocalId':
    case 'subgroupSize':
      return walkSubgroup(ctx, expr, path, ordinal, depth, walkExpression);
    default: {
      const kind: unknown = (expr as { readonly kind: unknown }).kind;
      ctx.report(
        'V056',
        ordinal,
        `${path}/kind`,
        `unknown expression kind ${describeValue(kind)}: expected one of ${EXPRESSION_KINDS}`,
      );
      return undefined;
    }
  }
}

// The type a rule gives, reporting its issue or warning at `path`.
function typed(
  ctx: ValidationContext,
  check: TypeCheck,
  path: string,
  ordinal: number,
): ValueType | undefined {
  if (!check.ok) {
    ctx.report(check.issue.code, ordinal, path, check.issue.message);
    return undefined;
  }
  if (check.warning !== undefined) {
    ctx.report(check.warning.code, ordinal, path, check.warning.message);
  }
  return check.type;
}

function checkLiteral(
  ctx: ValidationContext,
  literal: Literal,
  path: string,
  ordinal: number,
): ValueType | undefined {
  const type: unknown = literal.type;
  const value: unknown = literal.value;
  const expected =
    type === 'bool'
      ? 'boolean'
      : type === 'u32' || type === 'i32' || type === 'f32'
        ? 'number'
        : undefined;
  if (expected === undefined) {
    ctx.report(
      'V135',
      ordinal,
      `${path}/type`,
      `a literal has type ${describeValue(type)}: expected u32, i32, f32 or bool`,
    );
    return undefined;
  }
  if (typeof value !== expected) {
    ctx.report(
      'V135',
      ordinal,
      `${path}/value`,
      `a ${describeValue(type)} literal holds ${describeValue(value)}: expected a ${expected}`,
    );
    return undefined;
  }
  return typed(ctx, literalType(literal), path, ordinal);
}

function walkBinary(
  ctx: ValidationContext,
  expr: BinaryExpr,
  path: string,
  ordinal: number,
  depth: number,
): ValueType | undefined {
  const left = walkExpression(ctx, expr.left, `${path}/left`, depth + 1);
  const rightPath = `${path}/right`;
  const rightOrdinal = ctx.nodes + 1;
  const right = walkExpression(ctx, expr.right, rightPath, depth + 1);
  const op: unknown = expr.op;
  if (typeof op !== 'string') {
    ctx.report(
      'V137',
      ordinal,
      `${path}/op`,
      `a binary operator is ${describeValue(op)}: expected one of ${Object.keys(BinOp).join(', ')}`,
    );
    return undefined;
  }
  if (left === undefined || right === undefined) {
    if (!Object.hasOwn(BinOp, op)) {
      // The rule rejects an unknown operator before it looks at the operand types.
      typed(ctx, binaryType(expr.op, 'u32', 'u32'), `${path}/op`, ordinal);
    }
    return undefined;
  }
  const check = binaryType(expr.op, left, right);
  const type = typed(
    ctx,
    check,
    check.ok || check.issue.code !== 'V137' ? path : `${path}/op`,
    ordinal,
  );
  if (type !== undefined && (op === 'div' || op === 'mod')) {
    const divisor = expr.right;
    if (divisor.kind === 'lit' && divisor.value === 0) {
      ctx.report(
        'V044',
        rightOrdinal,
        rightPath,
        `${op} has the constant divisor ${describeValue(divisor.value)} (${divisor.type}): expected a divisor that can be nonzero, found a literal zero (the result is pinned, see docs/semantics.md)`,
      );
    }
  }
  return type;
}

function walkUnary(
  ctx: ValidationContext,
  expr: UnaryExpr,
  path: string,
  ordinal: number,
  depth: number,
): ValueType | undefined {
  const operand = walkExpression(
    ctx,
    expr.operand,
    `${path}/operand`,
    depth + 1,
  );
  const op: unknown = expr.op;
  if (typeof op !== 'string') {
    ctx.report(
      'V104',
      ordinal,
      `${path}/op`,
      `a unary operator is ${describeValue(op)}: expected one of ${Object.keys(UnOp).join(', ')}`,
    );
    return undefined;
  }
  if (!Object.hasOwn(UnOp, op)) {
    typed(ctx, unaryType(expr.op, operand ?? 'u32'), `${path}/op`, ordinal);
    return undefined;
  }
  return operand === undefined
    ? undefined
    : typed(ctx, unaryType(expr.op, operand), path, ordinal);
}

function walkCast(
  ctx: ValidationContext,
  expr: CastExpr,
  path: string,
  ordinal: number,
  depth: number,
): ValueType | undefined {
  const value = walkExpression(ctx, expr.value, `${path}/value`, depth + 1);
  const target: unknown = expr.target;
  if (!isDataType(target)) {
    ctx.report(
      'V012',
      ordinal,
      `${path}/target`,
      `a cast targets ${describeValue(target)}: expected one of ${DATA_TYPES}`,
    );
    return undefined;
  }
  if (target === 'f16' && ctx.capabilities.shaderF16 !== true) {
    ctx.report(
      'V136',
      ordinal,
      `${path}/target`,
      'a cast produces an f16: expected the shaderF16 capability, found a target without it',
    );
  }
  return value === undefined
    ? undefined
    : typed(ctx, castType(value, target), path, ordinal);
}

function walkCall(
  ctx: ValidationContext,
  expr: CallExpr,
  path: string,
  ordinal: number,
  depth: number,
): void {
  ctx.report(
    'V016',
    ordinal,
    path,
    `a call to ${describeValue(expr.op)}: expected a registered operation, found none (no operation registry exists yet)`,
  );
  const args: unknown = expr.args;
  if (!Array.isArray(args)) {
    ctx.report(
      'V056',
      ordinal,
      `${path}/args`,
      `call arguments are ${describeValue(args)}: expected an array of expressions`,
    );
    return;
  }
  for (let i = 0; i < args.length; i++) {
    walkExpression(ctx, args[i] as Expr, `${path}/args/${i}`, depth + 1, true);
  }
  ctx.exprNonUniform = true;
}
