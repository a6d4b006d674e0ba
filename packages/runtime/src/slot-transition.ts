import type { RingStatusName } from '@vyre/telemetry';

/**
 * A host-side change of a slot's status (vyre `RingSlotTransition`).
 *
 * @public
 */
export type RingSlotTransition =
  'publish' | 'claim' | 'done' | 'fault' | 'cancel';

const FROM: Readonly<Record<RingSlotTransition, readonly RingStatusName[]>> = {
  publish: ['EMPTY', 'DONE'],
  claim: ['PUBLISHED', 'YIELD', 'REQUEUE'],
  done: ['CLAIMED'],
  fault: ['PUBLISHED', 'CLAIMED', 'WAIT_IO', 'YIELD', 'REQUEUE'],
  cancel: ['PUBLISHED', 'WAIT_IO', 'YIELD', 'REQUEUE'],
};

const TO: Readonly<Record<RingSlotTransition, RingStatusName>> = {
  publish: 'PUBLISHED',
  claim: 'CLAIMED',
  done: 'DONE',
  fault: 'FAULT',
  cancel: 'EMPTY',
};

/**
 * The status a slot in status `from` moves to under `transition`, or `undefined` when the protocol
 * does not allow that transition from that status.
 *
 * @param from - the slot status before the transition
 * @param transition - the host-side transition
 *
 * @example
 * ```ts
 * import { applySlotTransition } from '@vyre/runtime';
 * applySlotTransition('DONE', 'publish'); // 'PUBLISHED': a finished slot is reusable
 * applySlotTransition('CLAIMED', 'publish'); // undefined: a worker owns it
 * ```
 *
 * @public
 */
export function applySlotTransition(
  from: RingStatusName,
  transition: RingSlotTransition,
): RingStatusName | undefined {
  return FROM[transition].includes(from) ? TO[transition] : undefined;
}
