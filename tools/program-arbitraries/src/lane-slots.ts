import fc from 'fast-check';
import {
  add,
  type AtomicOp,
  invocationId,
  localId,
  mul,
  storageElementSize,
  u32,
  type BufferDecl,
  type Expr,
} from '@vyre/ir';
import type { Draw } from './expression-generator.ts';

// The discipline that makes a generated program's results independent of the order its lanes run in,
// for differential testing: every lane loads and stores the buffers it writes only at its own slots, and
// updates the reduction buffer only with commutative atomics whose results it discards. Programs are
// one-dimensional (workgroup and grid), so `invocationId(0)` numbers the lanes of the dispatch and
// `localId(0)` those of a workgroup.

/** What the generator must respect to keep lanes apart. */
export interface LaneSlots {
  /** Lanes in the dispatch (workgroup size × grid). */
  readonly invocations: number;
  /** Lanes in one workgroup. */
  readonly workgroupInvocations: number;
  /** Writable buffers: each lane touches only its own slots. */
  readonly owned: ReadonlySet<string>;
  /** The reduction buffer: updated only by discarded atomics, never loaded or stored. */
  readonly reduction: string;
  /**
   * The one atomic operation of the program's reductions: add, or, and, xor, min and max each commute
   * with themselves, but not with each other (`max` then `add` is not `add` then `max`).
   */
  readonly reduceOp: ReductionOp;
}

/** Atomic operations whose final memory does not depend on the order lanes apply them. */
export type ReductionOp = Extract<
  AtomicOp,
  'add' | 'or' | 'and' | 'xor' | 'min' | 'max'
>;

/** Every {@link ReductionOp}. */
export const REDUCTION_OPS: readonly ReductionOp[] = [
  'add',
  'or',
  'and',
  'xor',
  'min',
  'max',
];

/**
 * A u32 index into `decl` that only this lane uses: its lane number, spread so that 8- and 16-bit lanes
 * own whole words, plus sometimes a multiple of the lane count (past the end of small buffers, to test
 * out-of-bounds accesses).
 */
export function ownSlot(draw: Draw, slots: LaneSlots, decl: BufferDecl): Expr {
  const workgroup = decl.access === 'workgroup';
  const lane = workgroup ? localId(0) : invocationId(0);
  const lanes = workgroup ? slots.workgroupInvocations : slots.invocations;
  const spread = Math.max(1, 4 / storageElementSize(decl.element));
  const base = spread === 1 ? lane : mul(lane, u32(spread));
  const round = draw(() => fc.constantFrom(0, 0, 0, 1, 2));
  return round === 0 ? base : add(base, u32(round * lanes * spread));
}
