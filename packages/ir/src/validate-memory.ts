import { AtomicOp } from './atomic-op.ts';
import type { BufferDecl } from './buffer-decl.ts';
import type { AtomicExpr } from './expr.ts';
import { MemoryOrdering } from './memory-ordering.ts';
import type { StoreNode } from './node.ts';
import type {
  ExpressionWalker,
  ValidationContext,
} from './validate-context.ts';
import { isDataType } from './validate-program-rules.ts';
import { describeValue } from './validate-value-description.ts';
import type { ValueType } from './value-type.ts';

// Memory rules for stores and atomics: the target buffer exists and may be written, the atomic's
// operator and ordering, and its operand types (V009, V014, V025, V027, V042, V056-V061, V063, V064).

const ATOMIC_OPS = Object.keys(AtomicOp).join(', ');
const ORDERINGS = Object.keys(MemoryOrdering).join(', ');

/**
 * Whether `ordering` is one of the memory orderings.
 *
 * @param ordering - from untyped input
 *
 * @internal
 */
export function isMemoryOrdering(
  ordering: unknown,
): ordering is MemoryOrdering {
  return (
    typeof ordering === 'string' && Object.hasOwn(MemoryOrdering, ordering)
  );
}

/**
 * V064 and V063: the buffer a store names, when it is declared.
 *
 * @param ctx - the validation run
 * @param node - the store
 * @param path - the store's path
 * @param ordinal - the store's ordinal
 *
 * @internal
 */
export function checkStoreTarget(
  ctx: ValidationContext,
  node: StoreNode,
  path: string,
  ordinal: number,
): BufferDecl | undefined {
  const decl = ctx.buffers.get(node.buffer);
  if (decl === undefined) {
    ctx.report(
      'V064',
      ordinal,
      `${path}/buffer`,
      `a store names buffer ${describeValue(node.buffer)}: expected a declared buffer, found no buffer of that name`,
      node.buffer,
    );
  } else if (decl.access === 'readOnly' || decl.access === 'uniform') {
    ctx.report(
      'V063',
      ordinal,
      `${path}/buffer`,
      `a store writes buffer ${describeValue(node.buffer)}: expected a readWrite, writeOnly or workgroup buffer, found a ${decl.access} one`,
      node.buffer,
    );
  }
  return decl;
}

/**
 * An atomic expression: its target, operator, ordering and operands. Its type is always u32.
 *
 * @param ctx - the validation run
 * @param expr - the atomic
 * @param path - its path
 * @param ordinal - its ordinal
 * @param depth - its expression depth
 * @param walk - the expression walker, for the operands
 *
 * @internal
 */
export function walkAtomic(
  ctx: ValidationContext,
  expr: AtomicExpr,
  path: string,
  ordinal: number,
  depth: number,
  walk: ExpressionWalker,
): ValueType {
  checkAtomicTarget(ctx, expr, path, ordinal);
  const op: unknown = expr.op;
  if (typeof op !== 'string' || !Object.hasOwn(AtomicOp, op)) {
    ctx.report(
      'V056',
      ordinal,
      `${path}/op`,
      `unknown atomic operator ${describeValue(op)}: expected one of ${ATOMIC_OPS}`,
    );
  } else if (op === 'compareExchangeWeak') {
    ctx.report(
      'V056',
      ordinal,
      `${path}/op`,
      'atomic compareExchangeWeak may fail spuriously and is not lowered: expected compareExchange (strong), found compareExchangeWeak',
    );
  }
  const ordering: unknown = expr.ordering;
  if (!isMemoryOrdering(ordering)) {
    ctx.report(
      'V056',
      ordinal,
      `${path}/ordering`,
      `unknown memory ordering ${describeValue(ordering)}: expected one of ${ORDERINGS}`,
    );
  } else if (ordering === 'gridSync') {
    ctx.report(
      'V042',
      ordinal,
      `${path}/ordering`,
      'an atomic has ordering gridSync: expected relaxed, acquire, release, acqRel or seqCst, found gridSync (only barriers accept it)',
    );
  }
  // Operands in evaluation order, so that their diagnostics come in program order: index, expected
  // (when present), value.
  checkOperand(ctx, 'V027', 'index', expr.index, path, depth, walk);
  const compareExchange =
    op === 'compareExchange' || op === 'compareExchangeWeak';
  if (expr.expected === undefined) {
    if (compareExchange) {
      ctx.report(
        'V059',
        ordinal,
        path,
        `atomic ${op} has no expected value: expected an expected operand (a u32), found none`,
      );
    }
  } else {
    if (!compareExchange) {
      ctx.report(
        'V060',
        ordinal,
        `${path}/expected`,
        `atomic ${describeValue(op)} has an expected value: expected one only on compareExchange, found one here`,
      );
    }
    checkOperand(ctx, 'V058', 'expected', expr.expected, path, depth, walk);
  }
  checkOperand(ctx, 'V057', 'value', expr.value, path, depth, walk);
  ctx.exprNonUniform = true;
  return 'u32';
}

function checkAtomicTarget(
  ctx: ValidationContext,
  expr: AtomicExpr,
  path: string,
  ordinal: number,
): void {
  const decl = ctx.buffers.get(expr.buffer);
  const name = describeValue(expr.buffer);
  const where = `${path}/buffer`;
  if (decl === undefined) {
    ctx.report(
      'V061',
      ordinal,
      where,
      `an atomic names buffer ${name}: expected a declared buffer, found no buffer of that name`,
      expr.buffer,
    );
    return;
  }
  if (decl.access === 'readOnly' || decl.access === 'uniform') {
    ctx.report(
      'V009',
      ordinal,
      where,
      `an atomic updates buffer ${name}: expected a readWrite or writeOnly buffer, found a ${decl.access} one`,
      expr.buffer,
    );
  } else if (decl.access === 'workgroup') {
    ctx.report(
      'V025',
      ordinal,
      where,
      `an atomic updates buffer ${name}: expected a storage buffer, found a workgroup buffer`,
      expr.buffer,
    );
  }
  if (isDataType(decl.element) && decl.element !== 'u32') {
    ctx.report(
      'V014',
      ordinal,
      where,
      `an atomic updates buffer ${name}: expected u32 elements, found ${describeValue(decl.element)}`,
      expr.buffer,
    );
  }
}

function checkOperand(
  ctx: ValidationContext,
  code: 'V027' | 'V057' | 'V058',
  field: 'index' | 'value' | 'expected',
  operand: AtomicExpr['index'],
  path: string,
  depth: number,
  walk: ExpressionWalker,
): void {
  const operandPath = `${path}/${field}`;
  const ordinal = ctx.nodes + 1;
  const type = walk(ctx, operand, operandPath, depth + 1);
  if (type !== undefined && type !== 'u32') {
    ctx.report(
      code,
      ordinal,
      operandPath,
      `an atomic ${field} is ${type}: expected u32, found ${type}`,
    );
  }
}
