import { describe, expect, it } from 'vitest';
import {
  ARGS_PER_SLOT,
  CONTROL_MIN_WORDS,
  ControlWord,
  MAX_RING_SLOTS,
  METRICS_SLOTS,
  Opcode,
  SLOT_WORDS,
  SlotPriority,
  SlotWord,
  TENANT_FAIRNESS_SLOTS,
} from '../src/index.ts';

// Verbatim from vyre's protocol (../shared/reference/vyre-inventory.md §6.1-6.6). A change here is a
// protocol break, so these values are spelled out rather than derived.
describe('protocol constants', () => {
  it('slot layout', () => {
    expect(SLOT_WORDS).toBe(16);
    expect(ARGS_PER_SLOT).toBe(12);
    expect(SlotWord).toEqual({
      STATUS: 0,
      OPCODE: 1,
      TENANT: 2,
      PRIORITY: 3,
      ARG0: 4,
    });
    expect(SlotWord.ARG0 + ARGS_PER_SLOT).toBe(SLOT_WORDS);
    expect(MAX_RING_SLOTS).toBe(268_435_455);
    // The word count of the largest ring fits in a u32; one more slot would not.
    expect(MAX_RING_SLOTS * SLOT_WORDS).toBeLessThanOrEqual(0xffffffff);
    expect((MAX_RING_SLOTS + 1) * SLOT_WORDS).toBeGreaterThan(0xffffffff);
  });

  it('priorities', () => {
    expect(SlotPriority).toEqual({
      CRITICAL: 0,
      HIGH: 1,
      NORMAL: 2,
      LOW: 3,
      IDLE: 4,
    });
  });

  it('control layout', () => {
    expect(ControlWord).toEqual({
      SHUTDOWN: 0,
      DONE_COUNT: 1,
      TENANT_BASE: 2,
      TENANT_QUOTA_BASE: 32,
      TENANT_FAIRNESS_BASE: 64,
      METRICS_BASE: 96,
      EPOCH: 128,
      PRIORITY_OFFSETS_BASE: 129,
      PRIORITY_STARVATION_COUNTER: 135,
      PRIORITY_FAIRNESS_BASE: 136,
      OBSERVABLE_BASE: 160,
    });
    expect(METRICS_SLOTS).toBe(32);
    expect(TENANT_FAIRNESS_SLOTS).toBe(32);
    expect(CONTROL_MIN_WORDS).toBe(160);
    expect(ControlWord.METRICS_BASE + METRICS_SLOTS).toBe(ControlWord.EPOCH);
  });

  it('opcodes', () => {
    expect(Opcode).toEqual({
      NOP: 0,
      STORE_U32: 1,
      ATOMIC_ADD: 2,
      LOAD_U32: 3,
      COMPARE_SWAP: 4,
      MEMCPY: 5,
      DFA_STEP: 6,
      BATCH_FENCE: 7,
      LOAD_MISS: 0xfffd,
      PRINTF: 0xfffe,
      PACKED_SLOT: 0x80000001,
      SHUTDOWN: 0xffffffff,
    });
  });
});
