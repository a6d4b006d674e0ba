import type { AtomicOp } from './atomic-op.ts';
import type { BinOp } from './bin-op.ts';
import type { DataType } from './data-type.ts';
import type { MemoryOrdering } from './memory-ordering.ts';
import type { SubgroupReduceOp } from './subgroup-reduce-op.ts';
import type { UnOp } from './un-op.ts';

// Expressions: immutable plain objects tagged by `kind` (vyre's 24 Expr variants, less the opaque
// extension). Typing rules are in typing-rules.ts; semantics in docs/semantics.md.

/**
 * A numeric literal: an exact u32, i32 or f32 value (f32 literals are finite).
 *
 * @public
 */
export interface NumberLiteral {
  readonly kind: 'lit';
  readonly type: 'u32' | 'i32' | 'f32';
  readonly value: number;
}

/**
 * A bool literal.
 *
 * @public
 */
export interface BoolLiteral {
  readonly kind: 'lit';
  readonly type: 'bool';
  readonly value: boolean;
}

/**
 * A literal value.
 *
 * @public
 */
export type Literal = NumberLiteral | BoolLiteral;

/**
 * Reads a local binding (`let` or loop variable).
 *
 * @public
 */
export interface VarExpr {
  readonly kind: 'var';
  readonly name: string;
}

/**
 * Reads element `index` of a buffer; out of bounds it yields zero.
 *
 * @public
 */
export interface LoadExpr {
  readonly kind: 'load';
  readonly buffer: string;
  readonly index: Expr;
}

/**
 * The element count of a buffer, as a u32.
 *
 * @public
 */
export interface BufLenExpr {
  readonly kind: 'bufLen';
  readonly buffer: string;
}

/**
 * `global_invocation_id`, `workgroup_id` or `local_invocation_id` along axis 0 (x), 1 (y) or 2 (z).
 *
 * @public
 */
export interface IdExpr {
  readonly kind: 'invocationId' | 'workgroupId' | 'localId';
  readonly axis: number;
}

/**
 * A binary operation.
 *
 * @public
 */
export interface BinaryExpr {
  readonly kind: 'binary';
  readonly op: BinOp;
  readonly left: Expr;
  readonly right: Expr;
}

/**
 * A unary operation.
 *
 * @public
 */
export interface UnaryExpr {
  readonly kind: 'unary';
  readonly op: UnOp;
  readonly operand: Expr;
}

/**
 * `cond ? ifTrue : ifFalse`, with both branches evaluated.
 *
 * @public
 */
export interface SelectExpr {
  readonly kind: 'select';
  readonly cond: Expr;
  readonly ifTrue: Expr;
  readonly ifFalse: Expr;
}

/**
 * A conversion to `target` (see the cast table in `docs/semantics.md`).
 *
 * @public
 */
export interface CastExpr {
  readonly kind: 'cast';
  readonly target: DataType;
  readonly value: Expr;
}

/**
 * `a * b + c` with a single rounding (f32).
 *
 * @public
 */
export interface FmaExpr {
  readonly kind: 'fma';
  readonly a: Expr;
  readonly b: Expr;
  readonly c: Expr;
}

/**
 * An atomic read-modify-write of `buffer[index]` that yields the previous value; `expected` is
 * required for `compareExchange` and forbidden otherwise.
 *
 * @public
 */
export interface AtomicExpr {
  readonly kind: 'atomic';
  readonly op: AtomicOp;
  readonly buffer: string;
  readonly index: Expr;
  readonly value: Expr;
  readonly expected?: Expr;
  readonly ordering: MemoryOrdering;
}

/**
 * A call to a registered operation, inlined before lowering. No registry exists yet, so every call is
 * rejected by the validator (V016).
 *
 * @public
 */
export interface CallExpr {
  readonly kind: 'call';
  readonly op: string;
  readonly args: readonly Expr[];
}

/**
 * Names a whole buffer; legal only as a call argument.
 *
 * @public
 */
export interface BufferRefExpr {
  readonly kind: 'bufferRef';
  readonly buffer: string;
}

/**
 * A bitmask of the subgroup lanes for which `cond` holds (lanes 0..31).
 *
 * @public
 */
export interface SubgroupBallotExpr {
  readonly kind: 'subgroupBallot';
  readonly cond: Expr;
}

/**
 * `value` as seen by subgroup lane `lane`.
 *
 * @public
 */
export interface SubgroupShuffleExpr {
  readonly kind: 'subgroupShuffle';
  readonly value: Expr;
  readonly lane: Expr;
}

/**
 * A reduction of `value` over the subgroup.
 *
 * @public
 */
export interface SubgroupReduceExpr {
  readonly kind: 'subgroupReduce';
  readonly op: SubgroupReduceOp;
  readonly value: Expr;
}

/**
 * This lane's index in its subgroup, or the subgroup's width.
 *
 * @public
 */
export interface SubgroupInfoExpr {
  readonly kind: 'subgroupLocalId' | 'subgroupSize';
}

/**
 * An expression: every kind the IR has.
 *
 * @public
 */
export type Expr =
  | Literal
  | VarExpr
  | LoadExpr
  | BufLenExpr
  | IdExpr
  | BinaryExpr
  | UnaryExpr
  | SelectExpr
  | CastExpr
  | FmaExpr
  | AtomicExpr
  | CallExpr
  | BufferRefExpr
  | SubgroupBallotExpr
  | SubgroupShuffleExpr
  | SubgroupReduceExpr
  | SubgroupInfoExpr;

/**
 * The `kind` tags of {@link Expr}.
 *
 * @public
 */
export type ExprKind = Expr['kind'];
