/**
 * Out-of-bounds accesses during one dispatch: loads that yielded zero, stores that were dropped, and
 * atomics that did nothing.
 *
 * @public
 */
export interface OobReport {
  /** Loads that yielded zero. */
  readonly loads: number;
  /** Stores that were dropped. */
  readonly stores: number;
  /** Atomics that yielded 0 and wrote nothing. */
  readonly atomics: number;
}

import type { NarrowStoreTracker } from './narrow-store-tracker.ts';

/** State shared by every lane of one dispatch: the step budget and the out-of-bounds tallies. */
export class RunContext {
  steps = 0;
  /** The step count at which the scheduler next checks the budget and the deadline. */
  checkAt: number;
  readonly maxSteps: number;
  oobLoads = 0;
  oobStores = 0;
  oobAtomics = 0;
  readonly subgroupWidth: number;
  /** Records narrow stores for the race check; undefined in an ordinary run. */
  readonly narrowStores: NarrowStoreTracker | undefined;

  constructor(
    maxSteps: number,
    subgroupWidth: number,
    narrowStores?: NarrowStoreTracker,
  ) {
    this.maxSteps = maxSteps;
    this.narrowStores = narrowStores;
    this.checkAt = Math.min(0x4000, maxSteps + 1);
    this.subgroupWidth = subgroupWidth;
  }

  oobReport(): OobReport {
    return {
      loads: this.oobLoads,
      stores: this.oobStores,
      atomics: this.oobAtomics,
    };
  }
}
