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
  /** Discriminant. */
  readonly kind: 'lit';
  /** The literal's type. */
  readonly type: 'u32' | 'i32' | 'f32';
  /** The exact value: an integer in range, or a finite f32. */
  readonly value: number;
}

/**
 * A bool literal.
 *
 * @public
 */
export interface BoolLiteral {
  /** Discriminant. */
  readonly kind: 'lit';
  /** The literal's type. */
  readonly type: 'bool';
  /** The value. */
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
  /** Discriminant. */
  readonly kind: 'var';
  /** The name of a visible binding. */
  readonly name: string;
}

/**
 * Reads element `index` of a buffer; out of bounds it yields zero.
 *
 * @public
 */
export interface LoadExpr {
  /** Discriminant. */
  readonly kind: 'load';
  /** The buffer's name. */
  readonly buffer: string;
  /** The element index, a u32. */
  readonly index: Expr;
}

/**
 * The element count of a buffer, as a u32.
 *
 * @public
 */
export interface BufLenExpr {
  /** Discriminant. */
  readonly kind: 'bufLen';
  /** The buffer's name. */
  readonly buffer: string;
}

/**
 * `global_invocation_id`, `workgroup_id` or `local_invocation_id` along axis 0 (x), 1 (y) or 2 (z).
 *
 * @public
 */
export interface IdExpr {
  /** Which id: global invocation, workgroup or local invocation. */
  readonly kind: 'invocationId' | 'workgroupId' | 'localId';
  /** 0 (x), 1 (y) or 2 (z). */
  readonly axis: number;
}

/**
 * A binary operation.
 *
 * @public
 */
export interface BinaryExpr {
  /** Discriminant. */
  readonly kind: 'binary';
  /** The binary operator. */
  readonly op: BinOp;
  /** The left operand. */
  readonly left: Expr;
  /** The right operand. */
  readonly right: Expr;
}

/**
 * A unary operation.
 *
 * @public
 */
export interface UnaryExpr {
  /** Discriminant. */
  readonly kind: 'unary';
  /** The unary operator. */
  readonly op: UnOp;
  /** The operand. */
  readonly operand: Expr;
}

/**
 * `cond ? ifTrue : ifFalse`, with both branches evaluated.
 *
 * @public
 */
export interface SelectExpr {
  /** Discriminant. */
  readonly kind: 'select';
  /** The condition: a bool, or a u32 where nonzero is true. */
  readonly cond: Expr;
  /** The value when the condition holds. */
  readonly ifTrue: Expr;
  /** The value otherwise. */
  readonly ifFalse: Expr;
}

/**
 * A conversion to `target` (see the cast table in `docs/semantics.md`).
 *
 * @public
 */
export interface CastExpr {
  /** Discriminant. */
  readonly kind: 'cast';
  /** The type to convert to. */
  readonly target: DataType;
  /** The value to convert. */
  readonly value: Expr;
}

/**
 * `a * b + c` with a single rounding (f32).
 *
 * @public
 */
export interface FmaExpr {
  /** Discriminant. */
  readonly kind: 'fma';
  /** The first factor. */
  readonly a: Expr;
  /** The second factor. */
  readonly b: Expr;
  /** The addend. */
  readonly c: Expr;
}

/**
 * An atomic read-modify-write of `buffer[index]` that yields the previous value; `expected` is
 * required for `compareExchange` and forbidden otherwise.
 *
 * @public
 */
export interface AtomicExpr {
  /** Discriminant. */
  readonly kind: 'atomic';
  /** The atomic operator. */
  readonly op: AtomicOp;
  /** The name of a writable u32 storage buffer. */
  readonly buffer: string;
  /** The element index, a u32. */
  readonly index: Expr;
  /** The operand (for compareExchange: the value to store on a match). */
  readonly value: Expr;
  /** The value compare-exchange compares with (only for `compareExchange`). */
  readonly expected?: Expr;
  /** The memory ordering. */
  readonly ordering: MemoryOrdering;
}

/**
 * A call to a registered operation, inlined before lowering. No registry exists yet, so every call is
 * rejected by the validator (V016).
 *
 * @public
 */
export interface CallExpr {
  /** Discriminant. */
  readonly kind: 'call';
  /** The registered operation to call. */
  readonly op: string;
  /** The arguments, in order. */
  readonly args: readonly Expr[];
}

/**
 * Names a whole buffer; legal only as a call argument.
 *
 * @public
 */
export interface BufferRefExpr {
  /** Discriminant. */
  readonly kind: 'bufferRef';
  /** The buffer's name. */
  readonly buffer: string;
}

/**
 * A bitmask of the subgroup lanes for which `cond` holds (lanes 0..31).
 *
 * @public
 */
export interface SubgroupBallotExpr {
  /** Discriminant. */
  readonly kind: 'subgroupBallot';
  /** The condition: a bool, or a u32 where nonzero is true. */
  readonly cond: Expr;
}

/**
 * `value` as seen by subgroup lane `lane`.
 *
 * @public
 */
export interface SubgroupShuffleExpr {
  /** Discriminant. */
  readonly kind: 'subgroupShuffle';
  /** The value to read from another lane. */
  readonly value: Expr;
  /** The subgroup lane to read from, a u32. */
  readonly lane: Expr;
}

/**
 * A reduction of `value` over the subgroup.
 *
 * @public
 */
export interface SubgroupReduceExpr {
  /** Discriminant. */
  readonly kind: 'subgroupReduce';
  /** The reduction. */
  readonly op: SubgroupReduceOp;
  /** The value to reduce. */
  readonly value: Expr;
}

/**
 * This lane's index in its subgroup, or the subgroup's width.
 *
 * @public
 */
export interface SubgroupInfoExpr {
  /** `subgroupLocalId` (this lane's index) or `subgroupSize`. */
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
