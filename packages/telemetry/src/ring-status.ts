/**
 * The status word of a ring slot, by name, with its wire value (vyre `protocol/slot.rs`).
 *
 * @remarks
 * This is the one definition of the slot-status vocabulary; the runtime's protocol uses it.
 * The values are protocol constants and never change.
 *
 * @public
 */
export const RingStatus = {
  EMPTY: 0,
  PUBLISHED: 1,
  CLAIMED: 2,
  DONE: 3,
  WAIT_IO: 4,
  YIELD: 5,
  REQUEUE: 6,
  FAULT: 7,
} as const;

/**
 * A slot-status wire value: one of the values of {@link (RingStatus:variable)}.
 *
 * @public
 */
export type RingStatus = (typeof RingStatus)[keyof typeof RingStatus];

/**
 * A decoded slot status by name: a key of {@link (RingStatus:variable)}, or `'UNKNOWN'` for any other raw word
 * (the raw word stays with the snapshot that read it).
 *
 * @public
 */
export type RingStatusName = keyof typeof RingStatus | 'UNKNOWN';

const BY_WORD: readonly RingStatusName[] = [
  'EMPTY',
  'PUBLISHED',
  'CLAIMED',
  'DONE',
  'WAIT_IO',
  'YIELD',
  'REQUEUE',
  'FAULT',
];

/**
 * The name of a raw status word; never allocates, so it is safe in a per-slot loop.
 *
 * @param word - the STATUS word of a slot as read back from the ring
 *
 * @example
 * ```ts
 * import { ringStatusName } from '@vyre/telemetry';
 * ringStatusName(3); // 'DONE'
 * ringStatusName(42); // 'UNKNOWN'
 * ```
 *
 * @public
 */
export function ringStatusName(word: number): RingStatusName {
  return BY_WORD[word] ?? 'UNKNOWN';
}

/**
 * Whether a slot in this status still holds unfinished work: published, claimed, waiting on IO,
 * yielded or requeued. Empty, done, faulted and unknown slots are not active.
 *
 * @param status - a decoded slot status
 *
 * @public
 */
export function isActiveRingStatus(status: RingStatusName): boolean {
  switch (status) {
    case 'PUBLISHED':
    case 'CLAIMED':
    case 'WAIT_IO':
    case 'YIELD':
    case 'REQUEUE':
      return true;
    case 'EMPTY':
    case 'DONE':
    case 'FAULT':
    case 'UNKNOWN':
      return false;
  }
}
