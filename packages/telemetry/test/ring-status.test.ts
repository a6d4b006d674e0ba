import { describe, expect, it } from 'vitest';
import {
  isActiveRingStatus,
  ringStatusFromWord,
  RingStatusWord,
  type RingStatus,
} from '../src/index.ts';

// Wire values and activity as in vyre's protocol/slot.rs and RingStatus::is_active.
const SPEC: ReadonlyArray<readonly [RingStatus, number, boolean]> = [
  ['EMPTY', 0, false],
  ['PUBLISHED', 1, true],
  ['CLAIMED', 2, true],
  ['DONE', 3, false],
  ['WAIT_IO', 4, true],
  ['YIELD', 5, true],
  ['REQUEUE', 6, true],
  ['FAULT', 7, false],
];

describe('RingStatus', () => {
  it.each(SPEC)('%s is wire value %i (active: %s)', (status, word, active) => {
    expect(RingStatusWord[status as keyof typeof RingStatusWord]).toBe(word);
    expect(ringStatusFromWord(word)).toBe(status);
    expect(isActiveRingStatus(status)).toBe(active);
  });

  it('has exactly the eight protocol statuses', () => {
    expect(Object.keys(RingStatusWord)).toEqual(SPEC.map(([status]) => status));
  });

  it.each([
    ['8, one past FAULT', 8],
    ['0xFFFFFFFF', 0xffffffff],
    ['-1', -1],
    ['1.5', 1.5],
  ])('decodes %s as UNKNOWN, which is not active', (_name, word) => {
    expect(ringStatusFromWord(word)).toBe('UNKNOWN');
    expect(isActiveRingStatus('UNKNOWN')).toBe(false);
  });
});
