import type { Expr } from './expr.ts';
import type { MemoryOrdering } from './memory-ordering.ts';

// Statements: immutable plain objects tagged by `kind` (vyre's Node variants, less the opaque
// extension). Semantics in docs/semantics.md.

/**
 * Declares a local binding in the current scope; shadowing a visible name is an error.
 *
 * @public
 */
export interface LetNode {
  readonly kind: 'let';
  readonly name: string;
  readonly value: Expr;
}

/**
 * Assigns a new value (of the same type) to the nearest visible `let` binding.
 *
 * @public
 */
export interface AssignNode {
  readonly kind: 'assign';
  readonly name: string;
  readonly value: Expr;
}

/**
 * Writes element `index` of a buffer; out of bounds the store is dropped.
 *
 * @public
 */
export interface StoreNode {
  readonly kind: 'store';
  readonly buffer: string;
  readonly index: Expr;
  readonly value: Expr;
}

/**
 * Runs `then` when `cond` holds (a nonzero u32 or true), otherwise `otherwise`; each in its own scope.
 *
 * @public
 */
export interface IfNode {
  readonly kind: 'if';
  readonly cond: Expr;
  readonly then: readonly Node[];
  readonly otherwise: readonly Node[];
}

/**
 * Runs `body` for `var` in the half-open u32 range `[from, to)`, bounds evaluated once; `var` is
 * immutable and each iteration gets a fresh scope.
 *
 * @public
 */
export interface LoopNode {
  readonly kind: 'loop';
  readonly var: string;
  readonly from: Expr;
  readonly to: Expr;
  readonly body: readonly Node[];
}

/**
 * Ends this invocation.
 *
 * @public
 */
export interface ReturnNode {
  readonly kind: 'return';
}

/**
 * A nested scope.
 *
 * @public
 */
export interface BlockNode {
  readonly kind: 'block';
  readonly body: readonly Node[];
}

/**
 * A workgroup barrier (`gridSync`: a whole-dispatch barrier, which one WGSL kernel cannot express).
 *
 * @public
 */
export interface BarrierNode {
  readonly kind: 'barrier';
  readonly ordering: MemoryOrdering;
}

/**
 * A named scope that evaluates exactly like a block; it records which generator produced the body.
 * Every top-level node of a program is a region.
 *
 * @public
 */
export interface RegionNode {
  readonly kind: 'region';
  readonly generator: string;
  readonly sourceRegion?: string;
  readonly body: readonly Node[];
}

/**
 * Dispatches a follow-up kernel whose workgroup counts are read from `countBuffer` at byte
 * `countOffset`. Representable; not lowered yet.
 *
 * @public
 */
export interface IndirectDispatchNode {
  readonly kind: 'indirectDispatch';
  readonly countBuffer: string;
  readonly countOffset: number;
}

/**
 * A tagged asynchronous copy of `size` elements from `source` to `destination` starting at `offset`.
 * Representable; not lowered yet.
 *
 * @public
 */
export interface AsyncCopyNode {
  readonly kind: 'asyncLoad' | 'asyncStore';
  readonly source: string;
  readonly destination: string;
  readonly offset: Expr;
  readonly size: Expr;
  readonly tag: string;
}

/**
 * Waits for the asynchronous copy tagged `tag`.
 *
 * @public
 */
export interface AsyncWaitNode {
  readonly kind: 'asyncWait';
  readonly tag: string;
}

/**
 * Traps to the host with an address and a tag. Representable; not lowered yet.
 *
 * @public
 */
export interface TrapNode {
  readonly kind: 'trap';
  readonly address: Expr;
  readonly tag: string;
}

/**
 * Resumes after a trap tagged `tag`. Representable; not lowered yet.
 *
 * @public
 */
export interface ResumeNode {
  readonly kind: 'resume';
  readonly tag: string;
}

/**
 * A distributed collective over the ranks of a device mesh. Representable, always rejected: vyre for
 * TypeScript targets one device (V046).
 *
 * @public
 */
export interface CollectiveNode {
  readonly kind: 'allReduce' | 'allGather' | 'reduceScatter' | 'broadcast';
  readonly buffer: string;
}

/**
 * A statement: every kind the IR has.
 *
 * @public
 */
export type Node =
  | LetNode
  | AssignNode
  | StoreNode
  | IfNode
  | LoopNode
  | ReturnNode
  | BlockNode
  | BarrierNode
  | RegionNode
  | IndirectDispatchNode
  | AsyncCopyNode
  | AsyncWaitNode
  | TrapNode
  | ResumeNode
  | CollectiveNode;

/**
 * The `kind` tags of {@link Node}.
 *
 * @public
 */
export type NodeKind = Node['kind'];
