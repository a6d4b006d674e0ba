/**
 * The status word of a ring slot, by name, with its wire value (vyre `protocol/slot.rs`).
 *
 * @remarks
 * This is the one definition of the slot-status vocabulary; the runtime's protocol uses it.
 * The values are protocol constants and never change.
 *
 * @public
 */
export const RingStatusWord = {
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
 * A decoded slot status: a key of {@link RingStatusWord}, or `'UNKNOWN'` for any other raw value
 * (the raw word stays with the snapshot that read it).
 *
 * @public
 */
export type RingStatus = keyof typeof RingStatusWord | 'UNKNOWN';

const BY_WORD: readonly RingStatus[] = [
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
 * Decodes a raw status word; never allocates, so it is safe in a per-slot loop.
 *
 * @example
 * ```ts
 * import { ringStatusFromWord } from '@vyre/telemetry';
 * ringStatusFromWord(3); // 'DONE'
 * ringStatusFromWord(42); // 'UNKNOWN'
 * ```
 *
 * @public
 */
export function ringStatusFromWord(word: number): RingStatus {
  return BY_WORD[word] ?? 'UNKNOWN';
}

/**
 * Whether a slot in this status still holds unfinished work: published, claimed, waiting on IO,
 * yielded or requeued. Empty, done, faulted and unknown slots are not active.
 *
 * @public
 */
export function isActiveRingStatus(status: RingStatus): boolean {
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
