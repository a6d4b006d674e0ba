import { SLOT_WORDS } from '@vyre/telemetry';

// The host's ring storage of a megakernel, kept between runs: two rings of the kernel's size (the one
// the host publishes into and the one a drain reads back into, swapped after every drain) and the
// slot → item table. Fresh multi-megabyte arrays per run cost page faults and garbage collection that
// dwarf the work at 100,000 items. A run takes the storage (a concurrent run gets its own) and gives
// it back; storage given back with slots still in use is cleared when next taken.

/** Ring storage for one run. */
export interface RingScratch {
  ring: Uint32Array;
  ringBack: Uint32Array;
  /** The item in each slot, -1 for none. */
  readonly owner: Int32Array;
  /**
   * Every slot unowned and EMPTY, except that slots `0 .. stale - 1` may still show the status they
   * had when a drain finished them all (see `reclaimFinished`).
   */
  clean: boolean;
  /** Unowned slots below this may hold a stale status: set them EMPTY before the ring is uploaded. */
  stale: number;
}

const pool = new WeakMap<object, RingScratch>();

/** Ring storage of `slots` slots for a run of `kernel`: the kernel's kept storage when free. */
export function takeRingScratch(kernel: object, slots: number): RingScratch {
  const kept = pool.get(kernel);
  if (kept?.owner.length === slots) {
    pool.delete(kernel);
    if (!kept.clean) {
      kept.ring.fill(0);
      kept.owner.fill(-1);
      kept.stale = 0;
    }
    return kept;
  }
  return {
    ring: new Uint32Array(slots * SLOT_WORDS),
    ringBack: new Uint32Array(slots * SLOT_WORDS),
    owner: new Int32Array(slots).fill(-1),
    clean: true,
    stale: 0,
  };
}

/** Gives ring storage back to `kernel` after a run. */
export function returnRingScratch(kernel: object, scratch: RingScratch): void {
  pool.set(kernel, scratch);
}
