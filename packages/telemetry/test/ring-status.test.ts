import { describe, expect, it } from 'vitest';
import {
  isActiveRingStatus,
  RingStatus,
  ringStatusName,
  type RingStatusName,
} from '../src/index.ts';

// Wire values and activity as in vyre's protocol/slot.rs and RingStatus::is_active, spelled out.
const SPEC: ReadonlyArray<readonly [keyof typeof RingStatus, number, boolean]> =
  [
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
  it.each(SPEC)('%s is wire value %i (active: %s)', (name, word, active) => {
    expect(RingStatus[name]).toBe(word);
    expect(ringStatusName(word)).toBe(name);
    expect(isActiveRingStatus(name)).toBe(active);
  });

  it('has exactly the eight protocol statuses, in wire order', () => {
    expect(Object.keys(RingStatus)).toEqual(SPEC.map(([name]) => name));
  });

  it.each([
    ['8, one past FAULT', 8],
    ['0xFFFFFFFF', 0xffffffff],
    ['-1', -1],
    ['1.5', 1.5],
  ])('names %s UNKNOWN, which is not active', (_name, word) => {
    const name: RingStatusName = ringStatusName(word);
    expect(name).toBe('UNKNOWN');
    expect(isActiveRingStatus(name)).toBe(false);
  });
});
