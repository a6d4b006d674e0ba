import { assertNever, InternalError } from '@vyre/foundation';
import {
  binaryType,
  castType,
  fmaType,
  literalType,
  selectType,
  unaryType,
  valueTypeOfElement,
  type BinOp,
  type Expr,
  type TypeCheck,
  type ValueType,
} from '@vyre/ir';
import { WaitKind } from './lane.ts';
import type { CompileContext, Eval, Scope } from './compile-context.ts';
import { compileAtomic, compileLoad } from './compile-memory.ts';
import { isTruthy, type Value } from './cpu-value.ts';
import { fmaIn } from './fma-mode.ts';
import {
  watchBinary,
  watchCast,
  watchFma,
  watchUnary,
} from './unbound-arithmetic.ts';
import { binaryIn, castIn, unaryIn } from './subnormal-mode.ts';

// Expressions compile to closures over a lane. Operands are evaluated left to right, each once.

/** A compiled expression and its static type. */
export interface Compiled {
  readonly eval: Eval;
  readonly type: ValueType;
}

function typeOf(check: TypeCheck, what: string): ValueType {
  if (!check.ok) {
    throw new InternalError(
      `cpu-ref compiler: ${what} is ill-typed (${check.issue.code}); the validator admits only well-typed programs`,
    );
  }
  return check.type;
}

/** Compiles `expr` in `scope`; subgroup operations queue their hand-offs in `cc.pending`. */
export function compileExpression(
  expr: Expr,
  scope: Scope,
  cc: CompileContext,
): Compiled {
  switch (expr.kind) {
    case 'lit': {
      const type = typeOf(literalType(expr), 'a literal');
      const value = literalValue(expr.value, type);
      return { eval: () => value, type };
    }
    case 'var': {
      const { slot, type } = scope.lookup(expr.name);
      return { eval: (lane) => lane.locals[slot] as Value, type };
    }
    case 'load': {
      const { index, decl } = cc.buffer(expr.buffer);
      const at = compileExpression(expr.index, scope, cc);
      return {
        eval: compileLoad(index, decl.element, at.eval),
        type: valueTypeOfElement(decl.element),
      };
    }
    case 'bufLen': {
      const { index } = cc.buffer(expr.buffer);
      return { eval: (lane) => lane.mem[index]?.length ?? 0, type: 'u32' };
    }
    case 'invocationId':
      return { eval: axisReader(expr.axis, 'gid'), type: 'u32' };
    case 'workgroupId':
      return { eval: axisReader(expr.axis, 'wid'), type: 'u32' };
    case 'localId':
      return { eval: axisReader(expr.axis, 'lid'), type: 'u32' };
    case 'binary': {
      const left = compileExpression(expr.left, scope, cc);
      const right = compileExpression(expr.right, scope, cc);
      const type = typeOf(
        binaryType(expr.op, left.type, right.type),
        `binary ${expr.op}`,
      );
      return {
        eval: binaryClosure(expr.op, left, right, type, cc),
        type,
      };
    }
    case 'unary': {
      const operand = compileExpression(expr.operand, scope, cc);
      const type = typeOf(unaryType(expr.op, operand.type), `unary ${expr.op}`);
      const f = watchUnary(
        unaryIn(cc.subnormals, expr.op, operand.type, type),
        expr.op,
        operand.type,
        cc.unbound,
      );
      const x = operand.eval;
      return { eval: (lane) => f(x(lane)), type };
    }
    case 'select': {
      const cond = compileExpression(expr.cond, scope, cc);
      const ifTrue = compileExpression(expr.ifTrue, scope, cc);
      const ifFalse = compileExpression(expr.ifFalse, scope, cc);
      const type = typeOf(
        selectType(cond.type, ifTrue.type, ifFalse.type),
        'select',
      );
      const [c, t, f] = [cond.eval, ifTrue.eval, ifFalse.eval];
      return {
        eval: (lane) => {
          const chosen = isTruthy(c(lane));
          const whenTrue = t(lane);
          const whenFalse = f(lane);
          return chosen ? whenTrue : whenFalse;
        },
        type,
      };
    }
    case 'cast': {
      const value = compileExpression(expr.value, scope, cc);
      const type = typeOf(
        castType(value.type, expr.target),
        `cast to ${expr.target}`,
      );
      const f = watchCast(
        castIn(cc.subnormals, value.type, expr.target),
        value.type,
        expr.target,
        cc.unbound,
      );
      const x = value.eval;
      return { eval: (lane) => f(x(lane)), type };
    }
    case 'fma': {
      const a = compileExpression(expr.a, scope, cc);
      const b = compileExpression(expr.b, scope, cc);
      const c = compileExpression(expr.c, scope, cc);
      const type = typeOf(fmaType(a.type, b.type, c.type), 'fma');
      const [fa, fb, fc] = [a.eval, b.eval, c.eval];
      const f = watchFma(fmaIn(cc.subnormals, cc.fma), cc.unbound);
      return {
        eval: (lane) =>
          f(fa(lane) as number, fb(lane) as number, fc(lane) as number),
        type,
      };
    }
    case 'atomic': {
      const { index } = cc.buffer(expr.buffer);
      const at = compileExpression(expr.index, scope, cc);
      const expected =
        expr.expected === undefined
          ? undefined
          : compileExpression(expr.expected, scope, cc);
      const value = compileExpression(expr.value, scope, cc);
      return {
        eval: compileAtomic(
          index,
          expr.op,
          at.eval,
          value.eval,
          expected?.eval,
        ),
        type: 'u32',
      };
    }
    case 'subgroupLocalId':
      return { eval: (lane) => lane.subgroupLocalId(), type: 'u32' };
    case 'subgroupSize':
      return { eval: (lane) => lane.ctx.subgroupWidth, type: 'u32' };
    case 'subgroupBallot': {
      const cond = compileExpression(expr.cond, scope, cc);
      const id = cc.collectives.length + 1;
      const resultSlot = cc.slot();
      cc.collectives.push({ kind: 'ballot', id, resultSlot });
      handOff(cc, id, cond.eval, undefined);
      return { eval: (lane) => lane.locals[resultSlot] as number, type: 'u32' };
    }
    case 'subgroupShuffle': {
      const value = compileExpression(expr.value, scope, cc);
      const lanePick = compileExpression(expr.lane, scope, cc);
      const id = cc.collectives.length + 1;
      const resultSlot = cc.slot();
      cc.collectives.push({
        kind: 'shuffle',
        id,
        resultSlot,
        type: value.type,
      });
      handOff(cc, id, value.eval, lanePick.eval);
      return {
        eval: (lane) => lane.locals[resultSlot] as Value,
        type: value.type,
      };
    }
    case 'subgroupReduce': {
      const value = compileExpression(expr.value, scope, cc);
      const id = cc.collectives.length + 1;
      const resultSlot = cc.slot();
      cc.collectives.push({
        kind: 'reduce',
        id,
        resultSlot,
        op: expr.op,
        type: value.type,
      });
      handOff(cc, id, value.eval, undefined);
      return {
        eval: (lane) => lane.locals[resultSlot] as Value,
        type: value.type,
      };
    }
    case 'call':
    case 'bufferRef':
      throw new InternalError(
        `cpu-ref compiler: ${expr.kind} reached the interpreter; the validator rejects it`,
      );
    default:
      return assertNever(expr, 'compileExpression');
  }
}

// A subgroup operation runs in two steps: each lane evaluates its operand (and shuffle lane) and waits;
// when the subgroup's lanes have all arrived, the scheduler writes each lane's result to its slot.
function handOff(
  cc: CompileContext,
  id: number,
  operand: Eval,
  lanePick: Eval | undefined,
): void {
  cc.pending.push((pc) => (lane) => {
    lane.collectiveOperand = operand(lane);
    lane.collectiveLane =
      lanePick === undefined ? 0 : (lanePick(lane) as number);
    lane.waitKind = WaitKind.COLLECTIVE;
    lane.waitId = id;
    return pc + 1;
  });
}

/**
 * A literal's value as the interpreter holds it: an integer literal written `-0` is the integer 0
 * (u32 and i32 values are never -0); f32 keeps its sign.
 */
export function literalValue(value: Value, type: ValueType): Value {
  return (type === 'u32' || type === 'i32') && value === 0 ? 0 : value;
}

function axisReader(axis: number, which: 'gid' | 'wid' | 'lid'): Eval {
  switch (`${which}${axis}`) {
    case 'gid0':
      return (lane) => lane.gidX;
    case 'gid1':
      return (lane) => lane.gidY;
    case 'gid2':
      return (lane) => lane.gidZ;
    case 'wid0':
      return (lane) => lane.widX;
    case 'wid1':
      return (lane) => lane.widY;
    case 'wid2':
      return (lane) => lane.widZ;
    case 'lid0':
      return (lane) => lane.lidX;
    case 'lid1':
      return (lane) => lane.lidY;
    case 'lid2':
      return (lane) => lane.lidZ;
    default:
      throw new InternalError(
        `cpu-ref compiler: id axis ${axis} reached the interpreter; the validator rejects it`,
      );
  }
}

// The operators that dominate straight-line integer code get their own closure, so that evaluating
// them costs two operand calls and the arithmetic; every other combination goes through binaryImpl.
type Fast = (l: Eval, r: Eval) => Eval;

const U32_FAST: Partial<Readonly<Record<BinOp, Fast>>> = {
  add: (l, r) => (lane) => ((l(lane) as number) + (r(lane) as number)) >>> 0,
  wrappingAdd: (l, r) => (lane) =>
    ((l(lane) as number) + (r(lane) as number)) >>> 0,
  sub: (l, r) => (lane) => ((l(lane) as number) - (r(lane) as number)) >>> 0,
  wrappingSub: (l, r) => (lane) =>
    ((l(lane) as number) - (r(lane) as number)) >>> 0,
  mul: (l, r) => (lane) =>
    Math.imul(l(lane) as number, r(lane) as number) >>> 0,
  bitAnd: (l, r) => (lane) => ((l(lane) as number) & (r(lane) as number)) >>> 0,
  bitOr: (l, r) => (lane) => ((l(lane) as number) | (r(lane) as number)) >>> 0,
  bitXor: (l, r) => (lane) => ((l(lane) as number) ^ (r(lane) as number)) >>> 0,
  shl: (l, r) => (lane) =>
    ((l(lane) as number) << ((r(lane) as number) & 31)) >>> 0,
  shr: (l, r) => (lane) => (l(lane) as number) >>> ((r(lane) as number) & 31),
  lt: (l, r) => (lane) => (l(lane) as number) < (r(lane) as number),
  eq: (l, r) => (lane) => l(lane) === r(lane),
};

function binaryClosure(
  op: BinOp,
  left: Compiled,
  right: Compiled,
  result: ValueType,
  cc: CompileContext,
): Eval {
  const l = left.eval;
  const r = right.eval;
  const fast =
    left.type === 'u32' && right.type === 'u32' ? U32_FAST[op] : undefined;
  if (fast !== undefined) {
    return fast(l, r);
  }
  const f = watchBinary(
    binaryIn(cc.subnormals, op, left.type, right.type, result),
    op,
    left.type,
    cc.unbound,
  );
  return (lane) => f(l(lane), r(lane));
}
