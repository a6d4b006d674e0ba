import { RingStatus, SLOT_WORDS } from '@vyre/telemetry';
import { STATUS_WORD } from './publish-slot.ts';
import type { SlotFeeder } from './slot-feeder.ts';

// The two host loops of every drain, over every slot of the ring: filling free slots with waiting
// items before it, reclaiming finished ones after it. They are small plain functions with the
// protocol's word offsets as local constants, so that V8 optimizes them after a call or two; inside the
// run's long async function the same loops stayed interpreted and cost about 100 ns per slot.

const EMPTY: number = RingStatus.EMPTY;
const PUBLISHED: number = RingStatus.PUBLISHED;
const DONE: number = RingStatus.DONE;
const FAULT: number = RingStatus.FAULT;

/**
 * Publishes waiting items into the free slots of `ring` (`owner[slot] === -1`), copying each item's
 * slot words from `words`; consecutive items into consecutive slots are copied as one run.
 *
 * @returns the number of items published
 */
export function fillFreeSlots(
  ring: Uint32Array,
  owner: Int32Array,
  feeder: SlotFeeder,
  words: Uint32Array,
): number {
  const slots = owner.length;
  if (feeder.sequential) {
    return fillConsecutive(ring, owner, feeder, words);
  }
  let published = 0;
  let runSlot = 0;
  let runItem = 0;
  let runLength = 0;
  for (let slot = 0; slot < slots && feeder.waiting > 0; slot++) {
    if (owner[slot] !== -1) {
      continue;
    }
    const item = feeder.next(slot);
    if (item < 0) {
      continue;
    }
    owner[slot] = item;
    published++;
    if (
      runLength > 0 &&
      slot === runSlot + runLength &&
      item === runItem + runLength
    ) {
      runLength++;
    } else {
      copySlots(words, runItem, runLength, ring, runSlot);
      runSlot = slot;
      runItem = item;
      runLength = 1;
    }
  }
  copySlots(words, runItem, runLength, ring, runSlot);
  return published;
}

// Items in input order: each run of free slots takes the next items at once.
function fillConsecutive(
  ring: Uint32Array,
  owner: Int32Array,
  feeder: SlotFeeder,
  words: Uint32Array,
): number {
  const slots = owner.length;
  let published = 0;
  let slot = 0;
  while (slot < slots && feeder.waiting > 0) {
    if (owner[slot] !== -1) {
      slot++;
      continue;
    }
    let end = slot + 1;
    while (end < slots && owner[end] === -1 && end - slot < feeder.waiting) {
      end++;
    }
    const count = end - slot;
    const first = feeder.takeConsecutive(count);
    for (let k = 0; k < count; k++) {
      owner[slot + k] = first + k;
    }
    copySlots(words, first, count, ring, slot);
    published += count;
    slot = end;
  }
  return published;
}

function copySlots(
  words: Uint32Array,
  first: number,
  count: number,
  ring: Uint32Array,
  slot: number,
): void {
  if (count > 0) {
    ring.set(
      words.subarray(first * SLOT_WORDS, (first + count) * SLOT_WORDS),
      slot * SLOT_WORDS,
    );
  }
}

/**
 * Items published into an empty ring without copying their words into the host's ring: slots
 * `0 .. count - 1` hold items `first .. first + count - 1`, whose words are in `words`, and every other
 * slot is EMPTY. The transport uploads them straight from `words`.
 */
export interface BatchSpan {
  readonly words: Uint32Array;
  readonly first: number;
  readonly count: number;
}

/**
 * For an empty ring (every slot unowned and EMPTY) and a {@link SlotFeeder.sequential} feeder: hands
 * slots `0 .. count - 1` the next items, without writing the ring (one copy of the words fewer: the
 * transport uploads them from `words`).
 *
 * @returns the span published (`count` 0 when nothing waits)
 */
export function publishSpan(
  owner: Int32Array,
  feeder: SlotFeeder,
  words: Uint32Array,
): BatchSpan {
  const count = Math.min(owner.length, feeder.waiting);
  const first = feeder.takeConsecutive(count);
  for (let slot = 0; slot < count; slot++) {
    owner[slot] = first + slot;
  }
  return { words, first, count };
}

/** Copies the items of `span` into `ring` (for a transport that uploads the host's ring whole). */
export function writeSpan(ring: Uint32Array, span: BatchSpan): void {
  copySlots(span.words, span.first, span.count, ring, 0);
}

/** What {@link reclaimFinished} found. */
export interface Reclaimed {
  /** Slots that ended DONE. */
  readonly done: number;
  /** Slots that ended DONE or FAULT, now unowned. */
  readonly reclaimed: number;
  /** The first slot in a status other than DONE, FAULT or PUBLISHED, or -1. */
  readonly badSlot: number;
  /**
   * The slots were released without touching the ring (every owned one finished DONE): their status
   * words are stale until {@link clearStale} runs.
   */
  readonly leftStale: boolean;
}

/** Sets every unowned slot below `stale` EMPTY (slots released by a reclaim that left them stale). */
export function clearStale(
  ring: Uint32Array,
  owner: Int32Array,
  stale: number,
): void {
  for (let slot = 0; slot < stale; slot++) {
    if (owner[slot] === -1) {
      ring[slot * SLOT_WORDS + STATUS_WORD] = EMPTY;
    }
  }
}

/**
 * After a drain: every owned slot that ended DONE or FAULT becomes EMPTY and unowned; `onFault` hears
 * of each FAULT slot before it is cleared. Stops at the first slot in any other status than DONE,
 * FAULT or PUBLISHED. With `ringRead` false the ring was not read back because all `owned` published
 * slots finished DONE: they are all released at once, and their status words left stale (touching one
 * word in every 64 bytes of the ring costs more than the rest of the host's work per slot).
 */
export function reclaimFinished(
  ring: Uint32Array,
  owner: Int32Array,
  ringRead: boolean,
  owned: number,
  onFault: (slot: number, item: number) => void,
): Reclaimed {
  if (!ringRead) {
    owner.fill(-1);
    return { done: owned, reclaimed: owned, badSlot: -1, leftStale: true };
  }
  const slots = owner.length;
  let done = 0;
  let reclaimed = 0;
  for (let slot = 0; slot < slots; slot++) {
    const item = owner[slot] ?? -1;
    if (item === -1) {
      continue;
    }
    const at = slot * SLOT_WORDS + STATUS_WORD;
    const status = ring[at] ?? EMPTY;
    if (status === DONE) {
      done++;
    } else if (status === FAULT) {
      onFault(slot, item);
    } else if (status === PUBLISHED) {
      continue;
    } else {
      return { done, reclaimed, badSlot: slot, leftStale: false };
    }
    // Reclaimed by the host, which owns the ring between drains: EMPTY (the payload is rewritten whole
    // when the slot is published again).
    ring[at] = EMPTY;
    owner[slot] = -1;
    reclaimed++;
  }
  return { done, reclaimed, badSlot: -1, leftStale: false };
}
