import type { AtomicOp } from './atomic-op.ts';
import type { BinOp } from './bin-op.ts';
import type { DataType } from './data-type.ts';
import type {
  AtomicExpr,
  BinaryExpr,
  BoolLiteral,
  BufferRefExpr,
  BufLenExpr,
  CallExpr,
  CastExpr,
  Expr,
  FmaExpr,
  IdExpr,
  LoadExpr,
  NumberLiteral,
  SelectExpr,
  SubgroupBallotExpr,
  SubgroupInfoExpr,
  SubgroupReduceExpr,
  SubgroupShuffleExpr,
  UnaryExpr,
  VarExpr,
} from './expr.ts';
import type { MemoryOrdering } from './memory-ordering.ts';
import type { SubgroupReduceOp } from './subgroup-reduce-op.ts';
import type { UnOp } from './un-op.ts';

// Small builders for expressions. They build plain objects and check nothing: the validator does.

/** A u32 literal. @public */
export const u32 = (value: number): NumberLiteral => ({
  kind: 'lit',
  type: 'u32',
  value,
});
/** An i32 literal. @public */
export const i32 = (value: number): NumberLiteral => ({
  kind: 'lit',
  type: 'i32',
  value,
});
/** An f32 literal; `value` is rounded to f32 (ties to even). @public */
export const f32 = (value: number): NumberLiteral => ({
  kind: 'lit',
  type: 'f32',
  value: Math.fround(value),
});
/** A bool literal. @public */
export const bool = (value: boolean): BoolLiteral => ({
  kind: 'lit',
  type: 'bool',
  value,
});
/** Reads a local binding. @public */
export const local = (name: string): VarExpr => ({ kind: 'var', name });
/** Reads `buffer[index]`; zero out of bounds. @public */
export const load = (buffer: string, index: Expr): LoadExpr => ({
  kind: 'load',
  buffer,
  index,
});
/** The element count of `buffer`. @public */
export const bufLen = (buffer: string): BufLenExpr => ({
  kind: 'bufLen',
  buffer,
});

/** `global_invocation_id` along `axis`. @public */
export const invocationId = (axis: number): IdExpr => ({
  kind: 'invocationId',
  axis,
});
/** `workgroup_id` along `axis`. @public */
export const workgroupId = (axis: number): IdExpr => ({
  kind: 'workgroupId',
  axis,
});
/** `local_invocation_id` along `axis`. @public */
export const localId = (axis: number): IdExpr => ({ kind: 'localId', axis });
/** `global_invocation_id.x`. @public */
export const gidX = (): IdExpr => invocationId(0);
/** `global_invocation_id.y`. @public */
export const gidY = (): IdExpr => invocationId(1);
/** `global_invocation_id.z`. @public */
export const gidZ = (): IdExpr => invocationId(2);
/** `workgroup_id.x`. @public */
export const wgX = (): IdExpr => workgroupId(0);
/** `local_invocation_id.x`. @public */
export const lidX = (): IdExpr => localId(0);

/** A binary operation. @public */
export const binary = (op: BinOp, left: Expr, right: Expr): BinaryExpr => ({
  kind: 'binary',
  op,
  left,
  right,
});
/** `a + b`. @public */
export const add = (a: Expr, b: Expr): BinaryExpr => binary('add', a, b);
/** `a - b`. @public */
export const sub = (a: Expr, b: Expr): BinaryExpr => binary('sub', a, b);
/** `a * b`. @public */
export const mul = (a: Expr, b: Expr): BinaryExpr => binary('mul', a, b);
/** `a / b` (pinned for a zero divisor). @public */
export const div = (a: Expr, b: Expr): BinaryExpr => binary('div', a, b);
/** `a % b` (pinned for a zero divisor). @public */
export const mod = (a: Expr, b: Expr): BinaryExpr => binary('mod', a, b);
/** `a & b`. @public */
export const bitAnd = (a: Expr, b: Expr): BinaryExpr => binary('bitAnd', a, b);
/** `a | b`. @public */
export const bitOr = (a: Expr, b: Expr): BinaryExpr => binary('bitOr', a, b);
/** `a ^ b`. @public */
export const bitXor = (a: Expr, b: Expr): BinaryExpr => binary('bitXor', a, b);
/** `a << (b & 31)`. @public */
export const shl = (a: Expr, b: Expr): BinaryExpr => binary('shl', a, b);
/** `a >> (b & 31)`, arithmetic for i32. @public */
export const shr = (a: Expr, b: Expr): BinaryExpr => binary('shr', a, b);
/** `a == b`. @public */
export const eq = (a: Expr, b: Expr): BinaryExpr => binary('eq', a, b);
/** `a != b`. @public */
export const ne = (a: Expr, b: Expr): BinaryExpr => binary('ne', a, b);
/** `a < b`. @public */
export const lt = (a: Expr, b: Expr): BinaryExpr => binary('lt', a, b);
/** `a <= b`. @public */
export const le = (a: Expr, b: Expr): BinaryExpr => binary('le', a, b);
/** `a > b`. @public */
export const gt = (a: Expr, b: Expr): BinaryExpr => binary('gt', a, b);
/** `a >= b`. @public */
export const ge = (a: Expr, b: Expr): BinaryExpr => binary('ge', a, b);
/** Logical and of bools or u32s; both sides are evaluated. @public */
export const and = (a: Expr, b: Expr): BinaryExpr => binary('and', a, b);
/** Logical or of bools or u32s; both sides are evaluated. @public */
export const or = (a: Expr, b: Expr): BinaryExpr => binary('or', a, b);
/** The smaller of `a` and `b`. @public */
export const min = (a: Expr, b: Expr): BinaryExpr => binary('min', a, b);
/** The larger of `a` and `b`. @public */
export const max = (a: Expr, b: Expr): BinaryExpr => binary('max', a, b);

/** A unary operation. @public */
export const unary = (op: UnOp, operand: Expr): UnaryExpr => ({
  kind: 'unary',
  op,
  operand,
});
/** `-x` (wrapping for u32). @public */
export const negate = (x: Expr): UnaryExpr => unary('negate', x);
/** `~x`. @public */
export const bitNot = (x: Expr): UnaryExpr => unary('bitNot', x);
/** `!x` for a bool or u32. @public */
export const not = (x: Expr): UnaryExpr => unary('logicalNot', x);

/** `cond ? ifTrue : ifFalse`, both evaluated. @public */
export const select = (
  cond: Expr,
  ifTrue: Expr,
  ifFalse: Expr,
): SelectExpr => ({
  kind: 'select',
  cond,
  ifTrue,
  ifFalse,
});
/** A conversion to `target`. @public */
export const cast = (target: DataType, value: Expr): CastExpr => ({
  kind: 'cast',
  target,
  value,
});
/** `a * b + c` with one rounding (f32). @public */
export const fma = (a: Expr, b: Expr, c: Expr): FmaExpr => ({
  kind: 'fma',
  a,
  b,
  c,
});

/**
 * An atomic read-modify-write yielding the previous value (see {@link atomicCompareExchange}).
 *
 * @param op - the operator (not `compareExchange`)
 * @param buffer - a writable u32 buffer
 * @param index - the element
 * @param value - the operand
 * @param ordering - defaults to `seqCst`
 *
 * @public
 */
export function atomic(
  op: Exclude<AtomicOp, 'compareExchange' | 'compareExchangeWeak'>,
  buffer: string,
  index: Expr,
  value: Expr,
  ordering: MemoryOrdering = 'seqCst',
): AtomicExpr {
  return { kind: 'atomic', op, buffer, index, value, ordering };
}

/** `atomicAdd(&buffer[index], value)`, yielding the previous value. @public */
export const atomicAdd = (
  buffer: string,
  index: Expr,
  value: Expr,
): AtomicExpr => atomic('add', buffer, index, value);

/**
 * Strong compare-exchange: stores `value` when `buffer[index] == expected`; yields the previous value.
 *
 * @param buffer - a writable u32 buffer
 * @param index - the element
 * @param expected - the value to compare with
 * @param value - the value to store on a match
 * @param ordering - defaults to `seqCst`
 *
 * @public
 */
export function atomicCompareExchange(
  buffer: string,
  index: Expr,
  expected: Expr,
  value: Expr,
  ordering: MemoryOrdering = 'seqCst',
): AtomicExpr {
  return {
    kind: 'atomic',
    op: 'compareExchange',
    buffer,
    index,
    value,
    expected,
    ordering,
  };
}

/** A call to a registered operation. @public */
export const call = (op: string, args: readonly Expr[]): CallExpr => ({
  kind: 'call',
  op,
  args,
});
/** Names a whole buffer (only as a call argument). @public */
export const bufferRef = (buffer: string): BufferRefExpr => ({
  kind: 'bufferRef',
  buffer,
});
/** The subgroup lanes for which `cond` holds. @public */
export const subgroupBallot = (cond: Expr): SubgroupBallotExpr => ({
  kind: 'subgroupBallot',
  cond,
});
/** `value` as seen by subgroup lane `lane`. @public */
export const subgroupShuffle = (
  value: Expr,
  lane: Expr,
): SubgroupShuffleExpr => ({
  kind: 'subgroupShuffle',
  value,
  lane,
});
/** A subgroup reduction. @public */
export const subgroupReduce = (
  op: SubgroupReduceOp,
  value: Expr,
): SubgroupReduceExpr => ({
  kind: 'subgroupReduce',
  op,
  value,
});
/** This lane's index in its subgroup. @public */
export const subgroupLocalId = (): SubgroupInfoExpr => ({
  kind: 'subgroupLocalId',
});
/** The subgroup width. @public */
export const subgroupSize = (): SubgroupInfoExpr => ({ kind: 'subgroupSize' });
