import { describe, expect, it } from 'vitest';
import {
  createTelemetryScratch,
  decodeCapacityEvidence,
  decodeControl,
  createControlSnapshot,
  decodeRingTelemetry,
  isCapacityEvidenceComplete,
  isWindowActive,
  ringSlotAt,
  RingStatus,
  WindowClass,
} from '../src/index.ts';
import {
  controlBytes,
  misaligned,
  ringBytes,
  type SlotSpec,
} from './snapshot-builder.ts';

// Decoding control and ring snapshots into caller-owned scratch: every field, windows, reuse across
// polls, misaligned bytes, and coded errors for bytes that are not snapshots.

const { EMPTY, PUBLISHED, CLAIMED, DONE, WAIT_IO, YIELD, REQUEUE, FAULT } =
  RingStatus;
const WINDOW_OP = 0x4000_0001;

const slots: SlotSpec[] = [
  { status: EMPTY },
  { status: PUBLISHED, opcode: 2, tenant: 7, args: [10, 11, 12, 13] },
  {
    status: CLAIMED,
    opcode: WINDOW_OP,
    tenant: 3,
    args: [99, WindowClass.REQUIRED],
  },
  {
    status: DONE,
    opcode: WINDOW_OP,
    tenant: 3,
    args: [99, WindowClass.LOOKAHEAD],
  },
  {
    status: FAULT,
    opcode: WINDOW_OP,
    tenant: 3,
    args: [99, WindowClass.REQUIRED],
  },
  {
    status: DONE,
    opcode: WINDOW_OP,
    tenant: 4,
    args: [98, WindowClass.REQUIRED],
  },
  { status: WAIT_IO, opcode: 5 },
  { status: YIELD, opcode: 5 },
  { status: REQUEUE, opcode: 5 },
  { status: 0xdead, opcode: 5 },
  {
    status: EMPTY,
    opcode: WINDOW_OP,
    tenant: 3,
    args: [99, WindowClass.REQUIRED],
  },
];
const control = controlBytes({
  shutdown: 2,
  doneCount: 41,
  epoch: 3,
  metrics: { 2: 40, 31: 1 },
  tenantFairness: [5, 0, 9],
  priorityFairness: [1, 2, 3, 4, 5],
  words: 170,
});

describe('decodeRingTelemetry', () => {
  it('decodes the control words, the occupancy, every slot and the windows', () => {
    const scratch = createTelemetryScratch();
    const decoded = decodeRingTelemetry(control, ringBytes(slots), scratch, {
      windowOpcodes: [WINDOW_OP],
    });
    if (!decoded.ok) {
      expect.fail(decoded.error.format());
    }
    const t = decoded.value;
    expect(t.control.shutdown).toBe(true);
    expect(t.control.doneCount).toBe(41);
    expect(t.control.epoch).toBe(3);
    expect(t.control.metrics).toEqual([
      { opcode: 2, count: 40 },
      { opcode: 31, count: 1 },
    ]);
    expect(Array.from(t.control.tenantFairness.subarray(0, 4))).toEqual([
      5, 0, 9, 0,
    ]);
    expect(Array.from(t.control.priorityFairness)).toEqual([1, 2, 3, 4, 5]);
    expect(t.occupancy).toEqual({
      empty: 2,
      published: 1,
      claimed: 1,
      done: 2,
      waitIo: 1,
      yield: 1,
      requeue: 1,
      fault: 1,
      unknown: 1,
    });
    expect(t.slots.count).toBe(slots.length);
    expect(ringSlotAt(t.slots, 1)).toEqual({
      slotIndex: 1,
      status: 'PUBLISHED',
      rawStatus: PUBLISHED,
      tenant: 7,
      opcode: 2,
      argsPrefix: [10, 11, 12],
    });
    expect(ringSlotAt(t.slots, 9)?.status).toBe('UNKNOWN');
    expect(ringSlotAt(t.slots, 9)?.rawStatus).toBe(0xdead);
    expect(ringSlotAt(t.slots, slots.length)).toBeUndefined();
    expect(t.windows).toEqual([
      {
        ticket: 98,
        tenant: 4,
        opcode: WINDOW_OP,
        requiredSlots: 1,
        lookaheadSlots: 0,
        published: 0,
        claimed: 0,
        done: 1,
        waitIo: 0,
        yield: 0,
        requeue: 0,
        fault: 0,
      },
      {
        ticket: 99,
        tenant: 3,
        opcode: WINDOW_OP,
        requiredSlots: 2,
        lookaheadSlots: 1,
        published: 0,
        claimed: 1,
        done: 1,
        waitIo: 0,
        yield: 0,
        requeue: 0,
        fault: 1,
      },
    ]);
    expect(t.windows.map(isWindowActive)).toEqual([false, true]);
    const evidence = decodeCapacityEvidence(scratch);
    expect(evidence.decodedSlotCount).toBe(slots.length);
    expect(isCapacityEvidenceComplete(evidence)).toBe(true);
  });

  it('reuses the scratch: a smaller second snapshot leaves nothing of the first', () => {
    const scratch = createTelemetryScratch();
    decodeRingTelemetry(control, ringBytes(slots), scratch, {
      windowOpcodes: [WINDOW_OP],
    });
    const columns = scratch.telemetry.slots.status;
    const second = decodeRingTelemetry(
      controlBytes({ doneCount: 42 }),
      ringBytes([{ status: DONE }, { status: EMPTY }]),
      scratch,
    );
    if (!second.ok) {
      expect.fail(second.error.format());
    }
    expect(second.value).toBe(scratch.telemetry);
    expect(scratch.telemetry.slots.status).toBe(columns); // no reallocation
    expect(second.value.slots.count).toBe(2);
    expect(second.value.control.metrics).toEqual([]);
    expect(second.value.control.shutdown).toBe(false);
    expect(second.value.windows).toEqual([]);
    expect(second.value.occupancy.done).toBe(1);
    expect(second.value.occupancy.unknown).toBe(0);
  });

  it('reads misaligned bytes (a subarray at an odd offset) the same as aligned ones', () => {
    const aligned = decodeRingTelemetry(
      control,
      ringBytes(slots),
      createTelemetryScratch(),
      { windowOpcodes: [WINDOW_OP] },
    );
    const odd = decodeRingTelemetry(
      misaligned(control),
      misaligned(ringBytes(slots)),
      createTelemetryScratch(),
      { windowOpcodes: [WINDOW_OP] },
    );
    if (!aligned.ok || !odd.ok) {
      expect.fail('decode failed');
    }
    expect(odd.value.occupancy).toEqual(aligned.value.occupancy);
    expect(odd.value.windows).toEqual(aligned.value.windows);
    expect(odd.value.control.metrics).toEqual(aligned.value.control.metrics);
  });

  it('decodes an empty ring', () => {
    const decoded = decodeRingTelemetry(
      controlBytes(),
      new Uint8Array(0),
      createTelemetryScratch(),
    );
    expect(decoded.ok && decoded.value.slots.count).toBe(0);
  });

  it.each<[string, unknown, unknown]>([
    ['a control buffer of 159 words', new Uint8Array(159 * 4), ringBytes([])],
    [
      'a control buffer that is not whole words',
      new Uint8Array(641),
      ringBytes([]),
    ],
    ['a ring that is not whole slots', controlBytes(), new Uint8Array(60)],
    ['a ring that is not whole words', controlBytes(), new Uint8Array(66)],
    ['a control buffer that is not bytes', [1, 2, 3], ringBytes([])],
    ['a ring that is null', controlBytes(), null],
  ])('refuses %s with TELEMETRY_SNAPSHOT_MALFORMED', (_, c, r) => {
    const decoded = decodeRingTelemetry(
      c as Uint8Array,
      r as Uint8Array,
      createTelemetryScratch(),
    );
    expect(decoded.ok === false && decoded.error.code).toBe(
      'TELEMETRY_SNAPSHOT_MALFORMED',
    );
    expect(decoded.ok === false && decoded.error.hint).toMatch(/160 words/);
  });
});

describe('decodeControl', () => {
  it('reuses the metric objects of the snapshot it decodes into', () => {
    const into = createControlSnapshot();
    decodeControl(controlBytes({ metrics: { 1: 5, 2: 6 } }), into);
    const first = into.metrics[0];
    decodeControl(controlBytes({ metrics: { 3: 7 } }), into);
    expect(into.metrics).toEqual([{ opcode: 3, count: 7 }]);
    expect(into.metrics[0]).toBe(first);
  });
});
