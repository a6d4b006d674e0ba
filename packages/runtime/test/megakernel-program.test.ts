import { afterAll, describe, expect, it } from 'vitest';
import { CpuRefBackend } from '@vyre/driver-cpu-ref';
import { validateProgram, type VyreBackend } from '@vyre/ir';
import {
  batchPublish,
  controlWords,
  ControlWord,
  DebugLog,
  encodeControl,
  encodeEmptyDebugLog,
  encodeEmptyIoQueue,
  interpretedMegakernel,
  Opcode,
  publishPackedSlot,
  publishSlots,
  readDebugLog,
  RingStatus,
  SLOT_WORDS,
  type SlotDescriptor,
} from '../src/index.ts';
import { sharedGpuBackend } from './gpu-backend.ts';
import { drainOnce } from './word-bytes.ts';

// The interpreted megakernel is an IR Program: one bounded drain on the CPU reference and on WebGPU
// (lavapipe in CI) must leave the same bytes, and the bytes the protocol says.

const USER_OP = 0x4000_0001;
const OBS = ControlWord.OBSERVABLE_BASE;

interface Buffers {
  control: Uint32Array;
  ring: Uint32Array;
}

function workload(): Buffers {
  const control = new Uint32Array(controlWords(200));
  encodeControl(control, { tenantCount: 2, observableSlots: 200 });
  control[170] = 0xfeed;
  control[172] = 5;
  const ring = new Uint32Array(64 * SLOT_WORDS);
  const items: SlotDescriptor[] = [
    { opcode: Opcode.NOP },
    { opcode: Opcode.ATOMIC_ADD, args: [5, OBS + 1] },
    { opcode: Opcode.ATOMIC_ADD, args: [7, OBS + 1] },
    { opcode: Opcode.STORE_U32, args: [0xabc, OBS + 2] },
    { opcode: Opcode.LOAD_U32, args: [170, 3] },
    { opcode: Opcode.COMPARE_SWAP, args: [172, 5, 99] },
    { opcode: Opcode.MEMCPY, args: [170, OBS + 5, 2] },
    { opcode: Opcode.PRINTF, args: [42, 1, 2] },
    { opcode: USER_OP, args: [1] }, // no handler: FAULT
  ];
  const published = publishSlots(ring, 0, 1, items);
  if (!published.ok) {
    throw new Error(published.error.format());
  }
  // A packed slot: two additions and a store in one slot (slot 10).
  publishPackedSlot(ring, 10, 1, [
    { opcode: Opcode.ATOMIC_ADD, args: [1000, OBS + 7, 0] },
    { opcode: Opcode.ATOMIC_ADD, args: [20, OBS + 7, 0] },
    { opcode: Opcode.STORE_U32, args: [0x5eed, OBS + 8, 0] },
  ]);
  // Tenant 5 is not authorized: FAULT. Then a batch fence for tenant 0.
  publishSlots(ring, 20, 5, [
    { opcode: Opcode.ATOMIC_ADD, args: [1, OBS + 1] },
  ]);
  batchPublish(
    ring,
    30,
    0,
    [{ opcode: Opcode.ATOMIC_ADD, args: [100, OBS + 1] }],
    0x77,
  );
  return { control, ring };
}

async function drain(
  backend: VyreBackend,
  workgroups: number,
): Promise<Uint32Array[]> {
  const built = interpretedMegakernel({ workgroupSize: 16, workgroups });
  if (!built.ok) {
    throw new Error(built.error.format());
  }
  const { control, ring } = workload();
  return drainOnce(
    backend,
    built.value,
    [control, ring, encodeEmptyDebugLog(), encodeEmptyIoQueue()],
    workgroups,
  );
}

const cpu = new CpuRefBackend();
afterAll(() => {
  cpu.dispose();
});

describe('interpretedMegakernel', () => {
  it('is a valid program for the baseline WebGPU capabilities', () => {
    const built = interpretedMegakernel();
    expect(built.ok && validateProgram(built.value).ok).toBe(true);
  });

  it.for([1, 2, 8])(
    'drains the ring as the protocol says (%i workgroups of 16 lanes)',
    async (workgroups) => {
      const [control, ring, debug] = await drain(cpu, workgroups);
      if (control === undefined || ring === undefined || debug === undefined) {
        expect.fail('missing outputs');
      }
      const status = (slot: number): number => ring[slot * SLOT_WORDS] ?? -1;
      expect([0, 1, 2, 3, 4, 5, 6, 7].map(status)).toEqual(
        Array(8).fill(RingStatus.DONE),
      );
      expect(status(8)).toBe(RingStatus.FAULT); // unknown opcode
      expect(status(20)).toBe(RingStatus.FAULT); // tenant 5 not authorized
      expect([status(30), status(31)]).toEqual([
        RingStatus.DONE,
        RingStatus.DONE,
      ]);
      expect(status(40)).toBe(RingStatus.EMPTY);
      expect(status(10)).toBe(RingStatus.DONE); // the packed slot
      expect(control[OBS + 7]).toBe(1020);
      expect(control[OBS + 8]).toBe(0x5eed);
      expect(control[ControlWord.DONE_COUNT]).toBe(11);
      expect(control[OBS + 1]).toBe(5 + 7 + 100);
      expect(control[OBS + 2]).toBe(0xabc);
      expect(control[OBS + 3]).toBe(0xfeed);
      expect(control[172]).toBe(99); // swapped, and the previous value at OBSERVABLE_BASE + 172
      expect(control[OBS + 172]).toBe(5);
      expect(control[OBS + 5]).toBe(0xfeed); // MEMCPY of words 170, 171
      expect(control[ControlWord.EPOCH]).toBe(1);
      expect(control[OBS]).toBe(0x77); // the batch tag
      expect(control[ControlWord.METRICS_BASE + Opcode.ATOMIC_ADD]).toBe(3);
      const log = readDebugLog(new Uint8Array(debug.buffer));
      expect(log.ok && log.value.records).toEqual([
        { fmtId: 42, args: [1, 2, 7 * SLOT_WORDS] },
      ]);
      expect(debug[DebugLog.CURSOR_WORD]).toBe(4);
    },
  );

  it(
    'leaves the same bytes on WebGPU as on the CPU reference',
    { tags: ['gpu'] },
    async ({ skip }) => {
      const backend = await sharedGpuBackend(skip);
      for (const workgroups of [1, 4]) {
        const expected = await drain(cpu, workgroups);
        const found = await drain(backend, workgroups);
        expect(found.map((w) => Array.from(w))).toEqual(
          expected.map((w) => Array.from(w)),
        );
      }
    },
  );
});
