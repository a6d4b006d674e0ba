import type { Expr } from './expr.ts';
import type { MemoryOrdering } from './memory-ordering.ts';
import type {
  AssignNode,
  AsyncCopyNode,
  AsyncWaitNode,
  BarrierNode,
  BlockNode,
  CollectiveNode,
  IfNode,
  IndirectDispatchNode,
  LetNode,
  LoopNode,
  Node,
  RegionNode,
  ResumeNode,
  ReturnNode,
  StoreNode,
  TrapNode,
} from './node.ts';

// Small builders for statements. They build plain objects and check nothing: the validator does.

/** Declares `name = value` in the current scope. @public */
export const letBind = (name: string, value: Expr): LetNode => ({
  kind: 'let',
  name,
  value,
});
/** Assigns `value` to the visible binding `name`. @public */
export const assign = (name: string, value: Expr): AssignNode => ({
  kind: 'assign',
  name,
  value,
});
/** `buffer[index] = value`; dropped out of bounds. @public */
export const store = (buffer: string, index: Expr, value: Expr): StoreNode => ({
  kind: 'store',
  buffer,
  index,
  value,
});
/** `if (cond) { then } else { otherwise }`. @public */
export const ifThen = (
  cond: Expr,
  then: readonly Node[],
  otherwise: readonly Node[] = [],
): IfNode => ({
  kind: 'if',
  cond,
  then,
  otherwise,
});
/** `for (var = from; var < to; var++) { body }` over u32. @public */
export const loop = (
  variable: string,
  from: Expr,
  to: Expr,
  body: readonly Node[],
): LoopNode => ({
  kind: 'loop',
  var: variable,
  from,
  to,
  body,
});
/** Ends this invocation. @public */
export const ret = (): ReturnNode => ({ kind: 'return' });
/** A nested scope. @public */
export const block = (body: readonly Node[]): BlockNode => ({
  kind: 'block',
  body,
});
/** A workgroup barrier (default ordering `seqCst`). @public */
export const barrier = (ordering: MemoryOrdering = 'seqCst'): BarrierNode => ({
  kind: 'barrier',
  ordering,
});
/** A named scope recording the generator of its body. @public */
export const region = (
  generator: string,
  body: readonly Node[],
  sourceRegion?: string,
): RegionNode =>
  sourceRegion === undefined
    ? { kind: 'region', generator, body }
    : { kind: 'region', generator, sourceRegion, body };
/** An indirect dispatch (not lowered yet). @public */
export const indirectDispatch = (
  countBuffer: string,
  countOffset: number,
): IndirectDispatchNode => ({
  kind: 'indirectDispatch',
  countBuffer,
  countOffset,
});
/** A tagged asynchronous load (not lowered yet). @public */
export const asyncLoad = (
  source: string,
  destination: string,
  offset: Expr,
  size: Expr,
  tag: string,
): AsyncCopyNode => ({
  kind: 'asyncLoad',
  source,
  destination,
  offset,
  size,
  tag,
});
/** A tagged asynchronous store (not lowered yet). @public */
export const asyncStore = (
  source: string,
  destination: string,
  offset: Expr,
  size: Expr,
  tag: string,
): AsyncCopyNode => ({
  kind: 'asyncStore',
  source,
  destination,
  offset,
  size,
  tag,
});
/** Waits for the copy tagged `tag`. @public */
export const asyncWait = (tag: string): AsyncWaitNode => ({
  kind: 'asyncWait',
  tag,
});
/** Traps to the host (not lowered yet). @public */
export const trap = (address: Expr, tag: string): TrapNode => ({
  kind: 'trap',
  address,
  tag,
});
/** Resumes after a trap (not lowered yet). @public */
export const resume = (tag: string): ResumeNode => ({ kind: 'resume', tag });
/** A distributed collective (always rejected: one device). @public */
export const collective = (
  kind: CollectiveNode['kind'],
  buffer: string,
): CollectiveNode => ({ kind, buffer });
