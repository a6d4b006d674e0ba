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
  /** Discriminant. */
  readonly kind: 'let';
  /** The binding's name. */
  readonly name: string;
  /** The initial value; its type becomes the binding's type. */
  readonly value: Expr;
}

/**
 * Assigns a new value (of the same type) to the nearest visible `let` binding.
 *
 * @public
 */
export interface AssignNode {
  /** Discriminant. */
  readonly kind: 'assign';
  /** The binding's name. */
  readonly name: string;
  /** The new value, of the binding's type. */
  readonly value: Expr;
}

/**
 * Writes element `index` of a buffer; out of bounds the store is dropped.
 *
 * @public
 */
export interface StoreNode {
  /** Discriminant. */
  readonly kind: 'store';
  /** The buffer's name. */
  readonly buffer: string;
  /** The element index, a u32. */
  readonly index: Expr;
  /** The value to store, of the element's value type. */
  readonly value: Expr;
}

/**
 * Runs `then` when `cond` holds (a nonzero u32 or true), otherwise `otherwise`; each in its own scope.
 *
 * @public
 */
export interface IfNode {
  /** Discriminant. */
  readonly kind: 'if';
  /** The condition: a bool, or a u32 where nonzero is true. */
  readonly cond: Expr;
  /** The statements run when the condition holds. */
  readonly then: readonly Node[];
  /** The statements run otherwise (possibly none). */
  readonly otherwise: readonly Node[];
}

/**
 * Runs `body` for `var` in the half-open u32 range `[from, to)`, bounds evaluated once; `var` is
 * immutable and each iteration gets a fresh scope.
 *
 * @public
 */
export interface LoopNode {
  /** Discriminant. */
  readonly kind: 'loop';
  /** The loop variable: a u32, immutable inside the body. */
  readonly var: string;
  /** The first value of the loop variable (inclusive), a u32 evaluated once. */
  readonly from: Expr;
  /** The end of the range (exclusive), a u32 evaluated once. */
  readonly to: Expr;
  /** The statements of the scope. */
  readonly body: readonly Node[];
}

/**
 * Ends this invocation.
 *
 * @public
 */
export interface ReturnNode {
  /** Discriminant. */
  readonly kind: 'return';
}

/**
 * A nested scope.
 *
 * @public
 */
export interface BlockNode {
  /** Discriminant. */
  readonly kind: 'block';
  /** The statements of the scope. */
  readonly body: readonly Node[];
}

/**
 * A workgroup barrier (`gridSync`: a whole-dispatch barrier, which one WGSL kernel cannot express).
 *
 * @public
 */
export interface BarrierNode {
  /** Discriminant. */
  readonly kind: 'barrier';
  /** The memory ordering. */
  readonly ordering: MemoryOrdering;
}

/**
 * A named scope that evaluates exactly like a block; it records which generator produced the body.
 * Every top-level node of a program is a region.
 *
 * @public
 */
export interface RegionNode {
  /** Discriminant. */
  readonly kind: 'region';
  /** Which generator produced the body (for example `vyre.program.root`). */
  readonly generator: string;
  /** The region this one was derived from, when it was. */
  readonly sourceRegion?: string;
  /** The statements of the scope. */
  readonly body: readonly Node[];
}

/**
 * Dispatches a follow-up kernel whose workgroup counts are read from `countBuffer` at byte
 * `countOffset`. Representable; not lowered yet.
 *
 * @public
 */
export interface IndirectDispatchNode {
  /** Discriminant. */
  readonly kind: 'indirectDispatch';
  /** The buffer holding the workgroup counts. */
  readonly countBuffer: string;
  /** The byte offset of the counts in it, a multiple of 4. */
  readonly countOffset: number;
}

/**
 * A tagged asynchronous copy of `size` elements from `source` to `destination` starting at `offset`.
 * Representable; not lowered yet.
 *
 * @public
 */
export interface AsyncCopyNode {
  /** Load or store. */
  readonly kind: 'asyncLoad' | 'asyncStore';
  /** The buffer to copy from. */
  readonly source: string;
  /** The buffer to copy to. */
  readonly destination: string;
  /** The first element to copy. */
  readonly offset: Expr;
  /** How many elements to copy. */
  readonly size: Expr;
  /** The tag that names this operation. */
  readonly tag: string;
}

/**
 * Waits for the asynchronous copy tagged `tag`.
 *
 * @public
 */
export interface AsyncWaitNode {
  /** Discriminant. */
  readonly kind: 'asyncWait';
  /** The tag that names this operation. */
  readonly tag: string;
}

/**
 * Traps to the host with an address and a tag. Representable; not lowered yet.
 *
 * @public
 */
export interface TrapNode {
  /** Discriminant. */
  readonly kind: 'trap';
  /** The trap address reported to the host. */
  readonly address: Expr;
  /** The tag that names this operation. */
  readonly tag: string;
}

/**
 * Resumes after a trap tagged `tag`. Representable; not lowered yet.
 *
 * @public
 */
export interface ResumeNode {
  /** Discriminant. */
  readonly kind: 'resume';
  /** The tag that names this operation. */
  readonly tag: string;
}

/**
 * A distributed collective over the ranks of a device mesh. Representable, always rejected: vyre for
 * TypeScript targets one device (V046).
 *
 * @public
 */
export interface CollectiveNode {
  /** Which collective. */
  readonly kind: 'allReduce' | 'allGather' | 'reduceScatter' | 'broadcast';
  /** The buffer the collective operates on. */
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
