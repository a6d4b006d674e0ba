import { describe, expect, it } from 'vitest';
import type { RingStatusName } from '@vyre/telemetry';
import { applySlotTransition, type RingSlotTransition } from '../src/index.ts';

const STATUSES: readonly RingStatusName[] = [
  'EMPTY',
  'PUBLISHED',
  'CLAIMED',
  'DONE',
  'WAIT_IO',
  'YIELD',
  'REQUEUE',
  'FAULT',
  'UNKNOWN',
];

// vyre's host transition table (inventory §6.2): transition -> [allowed sources, target].
const TABLE: ReadonlyArray<
  readonly [RingSlotTransition, readonly RingStatusName[], RingStatusName]
> = [
  ['publish', ['EMPTY', 'DONE'], 'PUBLISHED'],
  ['claim', ['PUBLISHED', 'YIELD', 'REQUEUE'], 'CLAIMED'],
  ['done', ['CLAIMED'], 'DONE'],
  ['fault', ['PUBLISHED', 'CLAIMED', 'WAIT_IO', 'YIELD', 'REQUEUE'], 'FAULT'],
  ['cancel', ['PUBLISHED', 'WAIT_IO', 'YIELD', 'REQUEUE'], 'EMPTY'],
];

describe('applySlotTransition', () => {
  for (const [transition, sources, target] of TABLE) {
    it.each(STATUSES)(`${transition} from %s`, (from) => {
      expect(applySlotTransition(from, transition)).toBe(
        sources.includes(from) ? target : undefined,
      );
    });
  }
});
