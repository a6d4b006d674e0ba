import type { RingOccupancy } from './ring-occupancy.ts';

// The label values the exporters share: one per slot status (with the occupancy field it counts) and
// one per slot priority, in wire order.

/** Each status label and the occupancy field it reports. */
export const STATUS_LABELS: ReadonlyArray<
  readonly [label: string, field: keyof RingOccupancy]
> = [
  ['empty', 'empty'],
  ['published', 'published'],
  ['claimed', 'claimed'],
  ['done', 'done'],
  ['wait_io', 'waitIo'],
  ['yield', 'yield'],
  ['requeue', 'requeue'],
  ['fault', 'fault'],
  ['unknown', 'unknown'],
];

/** The priority labels, CRITICAL (0) to IDLE (4). */
export const PRIORITY_LABELS: readonly string[] = [
  'critical',
  'high',
  'normal',
  'low',
  'idle',
];
