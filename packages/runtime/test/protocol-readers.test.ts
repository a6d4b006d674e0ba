import { describe, expect, it } from 'vitest';
import {
  ControlWord,
  countDoneRingSlots,
  DebugLog,
  readDebugLog,
  readDoneCount,
  readEpoch,
  readMetrics,
  readObservable,
  RingStatus,
  SLOT_WORDS,
} from '../src/index.ts';

// Strict readers: the values when the bytes have the protocol's shape, RUNTIME_PROTOCOL_MALFORMED when
// they do not.

const bytes = (words: Uint32Array): Uint8Array => new Uint8Array(words.buffer);

function control(): Uint8Array {
  const w = new Uint32Array(164);
  w[ControlWord.DONE_COUNT] = 17;
  w[ControlWord.EPOCH] = 4;
  w[ControlWord.METRICS_BASE + 2] = 9;
  w[ControlWord.METRICS_BASE + 31] = 1;
  w[ControlWord.OBSERVABLE_BASE + 3] = 0xabc;
  return bytes(w);
}

describe('control readers', () => {
  it('read the done count, epoch, metrics and observables', () => {
    expect(readDoneCount(control())).toEqual({ ok: true, value: 17 });
    expect(readEpoch(control())).toEqual({ ok: true, value: 4 });
    expect(readMetrics(control())).toEqual({
      ok: true,
      value: [
        { opcode: 2, count: 9 },
        { opcode: 31, count: 1 },
      ],
    });
    expect(readObservable(control(), 3)).toEqual({ ok: true, value: 0xabc });
  });

  it.each<[string, () => unknown]>([
    ['a short control buffer', () => readDoneCount(new Uint8Array(159 * 4))],
    ['bytes that are not whole words', () => readEpoch(new Uint8Array(642))],
    ['not bytes', () => readMetrics([1, 2] as unknown as Uint8Array)],
    ['an observable past the buffer', () => readObservable(control(), 4)],
    ['a negative observable', () => readObservable(control(), -1)],
  ])('refuse %s', (_, read) => {
    const result = read() as { ok: boolean; error?: { code: string } };
    expect(result.ok).toBe(false);
    expect(result.error?.code).toBe('RUNTIME_PROTOCOL_MALFORMED');
  });
});

describe('readDebugLog', () => {
  it('reads the records in order, and counts the PRINTFs that found it full', () => {
    const w = new Uint32Array(DebugLog.BUFFER_WORDS);
    w[0] = 2 * DebugLog.RECORD_WORDS;
    w.set([5, 1, 2, 32], 1);
    w.set([6, 3, 4, 48], 5);
    expect(readDebugLog(bytes(w))).toEqual({
      ok: true,
      value: {
        records: [
          { fmtId: 5, args: [1, 2, 32] },
          { fmtId: 6, args: [3, 4, 48] },
        ],
        dropped: 0,
      },
    });
    w[0] = 70 * DebugLog.RECORD_WORDS;
    const full = readDebugLog(bytes(w));
    expect(full.ok && full.value.records.length).toBe(64);
    expect(full.ok && full.value.dropped).toBe(6);
  });

  it('refuses a log of the wrong size or a cursor inside a record', () => {
    const short = readDebugLog(new Uint8Array(256 * 4));
    expect(short.ok === false && short.error.code).toBe(
      'RUNTIME_PROTOCOL_MALFORMED',
    );
    const w = new Uint32Array(DebugLog.BUFFER_WORDS);
    w[0] = 6;
    const torn = readDebugLog(bytes(w));
    expect(torn.ok === false && torn.error.code).toBe(
      'RUNTIME_PROTOCOL_MALFORMED',
    );
  });
});

describe('countDoneRingSlots', () => {
  it('counts DONE slots, also from misaligned bytes', () => {
    const w = new Uint32Array(4 * SLOT_WORDS);
    w[0] = RingStatus.DONE;
    w[SLOT_WORDS] = RingStatus.CLAIMED;
    w[3 * SLOT_WORDS] = RingStatus.DONE;
    w[3 * SLOT_WORDS + 1] = RingStatus.DONE; // an opcode word, not a status
    expect(countDoneRingSlots(bytes(w))).toEqual({ ok: true, value: 2 });
    const backing = new Uint8Array(w.byteLength + 1);
    backing.set(bytes(w), 1);
    expect(countDoneRingSlots(backing.subarray(1))).toEqual({
      ok: true,
      value: 2,
    });
  });

  it('refuses a ring that is not whole slots', () => {
    const result = countDoneRingSlots(new Uint8Array(60));
    expect(result.ok === false && result.error.code).toBe(
      'RUNTIME_PROTOCOL_MALFORMED',
    );
  });
});
