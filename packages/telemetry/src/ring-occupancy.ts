import { saturatingAddU32 } from './counter-math.ts';

/**
 * How many ring slots are in each status (vyre `RingOccupancy`).
 *
 * @public
 */
export interface RingOccupancy {
  empty: number;
  published: number;
  claimed: number;
  done: number;
  waitIo: number;
  yield: number;
  requeue: number;
  fault: number;
  /** Slots whose status word is none of the eight statuses. */
  unknown: number;
}

/**
 * An occupancy of all zeros, to decode into.
 *
 * @public
 */
export function emptyOccupancy(): RingOccupancy {
  return {
    empty: 0,
    published: 0,
    claimed: 0,
    done: 0,
    waitIo: 0,
    yield: 0,
    requeue: 0,
    fault: 0,
    unknown: 0,
  };
}

/**
 * Every slot the occupancy counts (a u32 sum that saturates, as in vyre).
 *
 * @param occupancy - the counts
 *
 * @public
 */
export function totalSlots(occupancy: RingOccupancy): number {
  return [
    occupancy.empty,
    occupancy.published,
    occupancy.claimed,
    occupancy.done,
    occupancy.waitIo,
    occupancy.yield,
    occupancy.requeue,
    occupancy.fault,
    occupancy.unknown,
  ].reduce(saturatingAddU32, 0);
}

/**
 * The host-visible queue depth: every slot that is neither empty nor done (faulted and unknown slots
 * included, as in vyre), saturating at U32_MAX.
 *
 * @param occupancy - the counts
 *
 * @public
 */
export function queueDepth(occupancy: RingOccupancy): number {
  return [
    occupancy.published,
    occupancy.claimed,
    occupancy.waitIo,
    occupancy.yield,
    occupancy.requeue,
    occupancy.fault,
    occupancy.unknown,
  ].reduce(saturatingAddU32, 0);
}
