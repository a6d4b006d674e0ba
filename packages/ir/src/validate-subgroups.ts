import type {
  SubgroupBallotExpr,
  SubgroupInfoExpr,
  SubgroupReduceExpr,
  SubgroupShuffleExpr,
} from './expr.ts';
import { SubgroupReduceOp } from './subgroup-reduce-op.ts';
import { isConditionType } from './typing-rules.ts';
import type {
  ExpressionWalker,
  ValidationContext,
} from './validate-context.ts';
import { describeValue } from './validate-value-description.ts';
import type { ValueType } from './value-type.ts';

// Subgroup expressions: the capability (V041), operand types (V047, and the arithmetic codes V084,
// V087, V088 where no subgroup-specific code exists), and the collectives (ballot, shuffle, reduce)
// as synchronization points for the uniformity analysis.

/**
 * The subgroup expressions.
 *
 * @internal
 */
export type SubgroupExpr =
  | SubgroupBallotExpr
  | SubgroupShuffleExpr
  | SubgroupReduceExpr
  | SubgroupInfoExpr;

const REDUCE_OPS = Object.keys(SubgroupReduceOp).join(', ');

/**
 * A subgroup expression and its operands; returns its type.
 *
 * @param ctx - the validation run
 * @param expr - the subgroup expression
 * @param path - its path
 * @param ordinal - its ordinal
 * @param depth - its expression depth
 * @param walk - the expression walker, for the operands
 *
 * @internal
 */
export function walkSubgroup(
  ctx: ValidationContext,
  expr: SubgroupExpr,
  path: string,
  ordinal: number,
  depth: number,
  walk: ExpressionWalker,
): ValueType | undefined {
  if (ctx.capabilities.subgroups !== true) {
    ctx.report(
      'V041',
      ordinal,
      path,
      `${expr.kind} is a subgroup operation: expected a target with the subgroups capability, found one without it`,
    );
  }
  switch (expr.kind) {
    case 'subgroupLocalId':
      ctx.exprNonUniform = true;
      return 'u32';
    case 'subgroupSize':
      return 'u32';
    case 'subgroupBallot': {
      const condPath = `${path}/cond`;
      const condOrdinal = ctx.nodes + 1;
      const cond = walk(ctx, expr.cond, condPath, depth + 1);
      if (cond !== undefined && !isConditionType(cond)) {
        ctx.report(
          'V123',
          condOrdinal,
          condPath,
          `a subgroupBallot condition is ${cond}: expected bool or u32, found ${cond}`,
        );
      }
      synchronize(ctx, 'subgroupBallot', path, ordinal);
      return 'u32';
    }
    case 'subgroupShuffle': {
      const valuePath = `${path}/value`;
      const valueOrdinal = ctx.nodes + 1;
      const value = walk(ctx, expr.value, valuePath, depth + 1);
      const lanePath = `${path}/lane`;
      const laneOrdinal = ctx.nodes + 1;
      const lane = walk(ctx, expr.lane, lanePath, depth + 1);
      const valueOk = checkScalar(
        ctx,
        'subgroupShuffle',
        value,
        false,
        valuePath,
        valueOrdinal,
      );
      if (lane !== undefined && lane !== 'u32') {
        ctx.report(
          'V088',
          laneOrdinal,
          lanePath,
          `a subgroupShuffle lane is ${lane}: expected u32, found ${lane} (there is no implicit conversion)`,
        );
      }
      synchronize(ctx, 'subgroupShuffle', path, ordinal);
      return valueOk ? value : undefined;
    }
    case 'subgroupReduce': {
      const op: unknown = expr.op;
      const knownOp =
        typeof op === 'string' && Object.hasOwn(SubgroupReduceOp, op);
      if (!knownOp) {
        ctx.report(
          'V056',
          ordinal,
          `${path}/op`,
          `unknown subgroup reduction ${describeValue(op)}: expected one of ${REDUCE_OPS}`,
        );
      }
      const valuePath = `${path}/value`;
      const valueOrdinal = ctx.nodes + 1;
      const value = walk(ctx, expr.value, valuePath, depth + 1);
      const bitwise = op === 'and' || op === 'or' || op === 'xor';
      const valueOk = checkScalar(
        ctx,
        `subgroupReduce ${describeValue(op)}`,
        value,
        bitwise,
        valuePath,
        valueOrdinal,
      );
      synchronize(ctx, 'subgroupReduce', path, ordinal);
      return knownOp && valueOk ? value : undefined;
    }
  }
}

// Records a subgroup collective as a point every lane must reach together; its result differs
// between lanes.
function synchronize(
  ctx: ValidationContext,
  what: string,
  path: string,
  ordinal: number,
): void {
  ctx.uniformity.syncPoints.push({
    control: ctx.control,
    returned: ctx.returned,
    what,
    path,
    ordinal,
  });
  ctx.exprNonUniform = true;
}

// Whether a shuffled or reduced value has a type the subgroup operations take: u32, i32 or f32
// (bitwise reductions: u32 or i32).
function checkScalar(
  ctx: ValidationContext,
  what: string,
  type: ValueType | undefined,
  bitwise: boolean,
  path: string,
  ordinal: number,
): boolean {
  if (type === undefined) {
    return false;
  }
  if (type === 'u32' || type === 'i32') {
    return true;
  }
  const expected = bitwise ? 'u32 or i32' : 'u32, i32 or f32';
  if (type === 'f32') {
    if (!bitwise) {
      return true;
    }
    ctx.report(
      'V047',
      ordinal,
      path,
      `${what} reduces an f32 bitwise: expected ${expected}, found f32`,
    );
  } else if (type === 'bool') {
    ctx.report(
      'V087',
      ordinal,
      path,
      `${what} takes a bool: expected ${expected}, found bool`,
    );
  } else {
    ctx.report(
      'V084',
      ordinal,
      path,
      `${what} takes a ${type}: expected ${expected}, found ${type}`,
    );
  }
  return false;
}
