import { afterAll, describe, expect, it } from 'vitest';
import type { VyreBackend } from '@vyre/ir';
import {
  allocateReadback,
  controlWords,
  ControlWord,
  encodeControl,
  Megakernel,
  Opcode,
  publishSlots,
  RingStatus,
  SLOT_WORDS,
  type MegakernelBuffers,
  type MegakernelReadback,
} from '../src/index.ts';
import { CountingCpuBackend } from './counting-backend.ts';
import { sharedGpuBackend } from './gpu-backend.ts';

// One bounded drain of hand-built buffers through `Megakernel.dispatch`, `dispatchObserved` and
// `dispatchInto`. Every expected word is written out by hand from the built-ins' documented effects
// (STORE_U32: control[a1] = a0; ATOMIC_ADD: control[a1] += a0; LOAD_U32: control[160 + a1] =
// control[a0]; PRINTF: a 4-word record [a0, a1, a2, slot base] at the cursor, which advances by 4).

const OBS = ControlWord.OBSERVABLE_BASE; // 160
const UNKNOWN = 0x4000_0bad;
const DEBUG_WORDS = 257;
const IO_WORDS = 512;

interface Published {
  readonly slot: number;
  readonly tenant: number;
  readonly opcode: number;
  readonly args: number[];
}

const published: Published[] = [
  { slot: 0, tenant: 0, opcode: Opcode.STORE_U32, args: [42, OBS] },
  { slot: 1, tenant: 0, opcode: Opcode.ATOMIC_ADD, args: [5, OBS + 1] },
  { slot: 2, tenant: 0, opcode: Opcode.ATOMIC_ADD, args: [7, OBS + 1] },
  // control[32] is tenant 0's quota, 1_000_000, and nothing in this drain writes it.
  { slot: 3, tenant: 0, opcode: Opcode.LOAD_U32, args: [32, 2] },
  { slot: 4, tenant: 0, opcode: Opcode.PRINTF, args: [11, 22, 33] },
  { slot: 5, tenant: 0, opcode: Opcode.NOP, args: [] },
  { slot: 6, tenant: 0, opcode: UNKNOWN, args: [1] },
  // Tenant 1 is not authorized (one tenant): its slot faults without running.
  { slot: 7, tenant: 1, opcode: Opcode.STORE_U32, args: [99, OBS + 3] },
  { slot: 200, tenant: 0, opcode: Opcode.PRINTF, args: [44, 55, 66] },
];

function inputs(slots = 256): { control: Uint32Array; ring: Uint32Array } {
  const control = new Uint32Array(controlWords(4));
  const encoded = encodeControl(control, {
    tenantCount: 1,
    observableSlots: 4,
  });
  if (!encoded.ok) {
    throw new Error(encoded.error.format());
  }
  const ring = new Uint32Array(slots * SLOT_WORDS);
  for (const p of published) {
    const done = publishSlots(ring, p.slot, p.tenant, [
      { opcode: p.opcode, args: p.args },
    ]);
    if (!done.ok) {
      throw new Error(done.error.format());
    }
  }
  return { control, ring };
}

// The control buffer and ring after the drain, by hand.
function expected(): { control: number[]; ring: number[] } {
  const { control, ring } = inputs();
  control[OBS] = 42;
  control[OBS + 1] = 12;
  control[OBS + 2] = 1_000_000;
  control[ControlWord.DONE_COUNT] = 7; // slots 0-5 and 200
  control[ControlWord.METRICS_BASE + Opcode.NOP] = 1;
  control[ControlWord.METRICS_BASE + Opcode.STORE_U32] = 1; // slot 7 never claimed
  control[ControlWord.METRICS_BASE + Opcode.ATOMIC_ADD] = 2;
  control[ControlWord.METRICS_BASE + Opcode.LOAD_U32] = 1;
  for (const p of published) {
    ring[p.slot * SLOT_WORDS] =
      p.slot === 6 || p.slot === 7 ? RingStatus.FAULT : RingStatus.DONE;
  }
  return { control: Array.from(control), ring: Array.from(ring) };
}

// The debug log's records as sorted rows (their order depends on the lane schedule).
function records(log: Uint32Array): number[][] {
  const count = (log[0] ?? 0) / 4;
  return Array.from({ length: count }, (_, i) =>
    Array.from(log.subarray(1 + 4 * i, 5 + 4 * i)),
  ).sort((a, b) => (a[0] ?? 0) - (b[0] ?? 0));
}

function kernel(backend: VyreBackend): Megakernel {
  const made = Megakernel.bootstrap(backend);
  if (!made.ok) {
    throw new Error(made.error.format());
  }
  return made.value;
}

async function drain(backend: VyreBackend): Promise<MegakernelReadback> {
  const result = await kernel(backend).dispatch(inputs());
  if (!result.ok) {
    throw new Error(result.error.format());
  }
  return result.value;
}

const cpu = new CountingCpuBackend();
afterAll(() => {
  cpu.dispose();
});

const plain = (r: MegakernelReadback) => ({
  control: Array.from(r.control),
  ring: Array.from(r.ring),
  debugLog: Array.from(r.debugLog),
  ioQueue: Array.from(r.ioQueue),
  data: r.data.map((d) => Array.from(d)),
});

describe('Megakernel.dispatch', () => {
  it('runs STORE_U32, ATOMIC_ADD, LOAD_U32, PRINTF, NOP and faults the rest (CPU reference)', async () => {
    const given = inputs();
    const before = { control: given.control.slice(), ring: given.ring.slice() };
    const result = await kernel(cpu).dispatch(given);
    expect(result.ok).toBe(true);
    if (!result.ok) {
      return;
    }
    const found = result.value;
    const want = expected();
    expect(Array.from(found.control)).toEqual(want.control);
    expect(Array.from(found.ring)).toEqual(want.ring);
    expect(found.debugLog[0]).toBe(8);
    expect(records(found.debugLog)).toEqual([
      [11, 22, 33, 4 * SLOT_WORDS],
      [44, 55, 66, 200 * SLOT_WORDS],
    ]);
    expect(found.debugLog.length).toBe(DEBUG_WORDS);
    expect(Array.from(found.debugLog.subarray(9))).toEqual(
      new Array<number>(DEBUG_WORDS - 9).fill(0),
    );
    expect(Array.from(found.ioQueue)).toEqual(
      new Array<number>(IO_WORDS).fill(0),
    );
    expect(found.data).toEqual([]);
    // The buffers given are not modified.
    expect(given.control).toEqual(before.control);
    expect(given.ring).toEqual(before.ring);
  });

  it('gives the same bytes on WebGPU', { tags: ['gpu'] }, async ({ skip }) => {
    const backend = await sharedGpuBackend(skip);
    const [gpu, ref] = [await drain(backend), await drain(cpu)];
    expect(Array.from(gpu.control)).toEqual(Array.from(ref.control));
    expect(Array.from(gpu.ring)).toEqual(Array.from(ref.ring));
    expect(Array.from(gpu.ioQueue)).toEqual(Array.from(ref.ioQueue));
    expect(gpu.debugLog[0]).toBe(ref.debugLog[0]);
    expect(records(gpu.debugLog)).toEqual(records(ref.debugLog));
    expect(Array.from(gpu.control)).toEqual(expected().control);
  });

  it('dispatchInto fills the caller readback in place, reused across dispatches', async () => {
    const mk = kernel(cpu);
    const readback = allocateReadback(controlWords(4), 256);
    const arrays = { ...readback };
    const first = await mk.dispatchInto(inputs(), readback);
    expect(first.ok).toBe(true);
    expect(readback.control).toBe(arrays.control);
    expect(readback.ring).toBe(arrays.ring);
    expect(readback.debugLog).toBe(arrays.debugLog);
    expect(readback.ioQueue).toBe(arrays.ioQueue);
    expect(Array.from(readback.control)).toEqual(expected().control);
    expect(Array.from(readback.ring)).toEqual(expected().ring);
    expect(records(readback.debugLog)).toHaveLength(2);
    // Again, from the same inputs: the same storage holds the same results (not accumulated).
    const second = await mk.dispatchInto(inputs(), readback);
    expect(second.ok).toBe(true);
    expect(readback.control).toBe(arrays.control);
    expect(plain(readback)).toEqual(plain(await drain(cpu)));
  });

  it('dispatchInto refuses a readback of the wrong shape before dispatching', async () => {
    const mk = kernel(cpu);
    const wrong: MegakernelReadback[] = [
      allocateReadback(controlWords(5), 256),
      allocateReadback(controlWords(4), 128),
      allocateReadback(controlWords(4), 256, [16]),
      {
        ...allocateReadback(controlWords(4), 256),
        debugLog: new Uint32Array(256),
      },
      {
        ...allocateReadback(controlWords(4), 256),
        ioQueue: new Uint32Array(511),
      },
    ];
    for (const [i, readback] of wrong.entries()) {
      const before = cpu.dispatches;
      const found = await mk.dispatchInto(inputs(), readback);
      expect(found.ok ? 'ok' : found.error.code, `case ${i}`).toBe(
        'RUNTIME_PROTOCOL_MALFORMED',
      );
      expect(cpu.dispatches, `case ${i}`).toBe(before);
      expect(readback.control.every((w) => w === 0)).toBe(true);
    }
  });

  it('refuses buffers of the wrong size before dispatching', async () => {
    const mk = kernel(cpu);
    const ok = inputs();
    const cases: MegakernelBuffers[] = [
      { ...ok, ring: new Uint32Array(255 * SLOT_WORDS) }, // 255 slots for a 256-slot kernel
      { ...ok, ring: new Uint8Array(256 * 64 + 4) },
      { ...ok, control: new Uint32Array(159) }, // < 160 words
      { ...ok, control: new Uint8Array(161 * 4 + 2) }, // not whole words
      { ...ok, debugLog: new Uint32Array(DEBUG_WORDS - 1) },
      { ...ok, ioQueue: new Uint32Array(IO_WORDS + 1) },
      { ...ok, data: [new Uint8Array(16)] }, // no data buffers declared
    ];
    for (const [i, buffers] of cases.entries()) {
      const before = cpu.dispatches;
      for (const found of [
        await mk.dispatch(buffers),
        await mk.dispatchObserved(buffers),
        await mk.dispatchInto(buffers, allocateReadback(controlWords(4), 256)),
      ]) {
        expect(found.ok ? 'ok' : found.error.code, `case ${i}`).toBe(
          'RUNTIME_PROTOCOL_MALFORMED',
        );
      }
      expect(cpu.dispatches, `case ${i}`).toBe(before);
    }
  });
});
