import { afterAll, describe, expect, it } from 'vitest';
import { CpuRefBackend } from '@vyre/driver-cpu-ref';
import type { VyreBackend } from '@vyre/ir';
import {
  controlWords,
  ControlWord,
  encodeControl,
  Megakernel,
  Opcode,
  publishSlots,
  SLOT_WORDS,
  type MegakernelResidentHandles,
  type MegakernelResidentScratch,
} from '../src/index.ts';
import { bytesOf, wordsOf } from './word-bytes.ts';
import { sharedGpuBackend } from './gpu-backend.ts';

// Resident dispatches: the same buffers uploaded once, drained on the device, read back with
// `downloadResident`; the control buffer must match a host dispatch of the same inputs. Three handle
// sets run in one submission through `dispatchResidentMany`, with a reused scratch.

const OBS = ControlWord.OBSERVABLE_BASE;
const SLOTS = 64;

// Variant `k`: ATOMIC_ADD of (k + 1) × (i + 1) into observable i % 3 for slots 0..9, STORE_U32 of k into
// observable 3.
function hostInputs(k: number): { control: Uint32Array; ring: Uint32Array } {
  const control = new Uint32Array(controlWords(4));
  encodeControl(control, { observableSlots: 4 });
  const ring = new Uint32Array(SLOTS * SLOT_WORDS);
  publishSlots(ring, 0, 0, [
    ...Array.from({ length: 10 }, (_, i) => ({
      opcode: Opcode.ATOMIC_ADD,
      args: [(k + 1) * (i + 1), OBS + (i % 3)],
    })),
    { opcode: Opcode.STORE_U32, args: [k, OBS + 3] },
  ]);
  return { control, ring };
}

// By hand: observable j gets (k + 1) × Σ (i + 1) over i ≡ j (mod 3), i < 10.
function expectedObservables(k: number): number[] {
  const sums = [1 + 4 + 7 + 10, 2 + 5 + 8, 3 + 6 + 9];
  return [...sums.map((s) => (k + 1) * s), k];
}

async function resident(
  backend: VyreBackend,
  k: number,
): Promise<MegakernelResidentHandles> {
  const { control, ring } = hostInputs(k);
  const handles: Record<string, Uint32Array> = {
    control,
    ring,
    debugLog: new Uint32Array(257),
    ioQueue: new Uint32Array(512),
  };
  const out: Record<string, unknown> = {};
  for (const [name, words] of Object.entries(handles)) {
    const buffer = await backend.allocateResident(words.byteLength);
    if (!buffer.ok) {
      throw new Error(buffer.error.format());
    }
    const uploaded = await backend.uploadResident(buffer.value, bytesOf(words));
    if (!uploaded.ok) {
      throw new Error(uploaded.error.format());
    }
    out[name] = buffer.value;
  }
  return out as unknown as MegakernelResidentHandles;
}

async function download(
  backend: VyreBackend,
  handles: MegakernelResidentHandles,
): Promise<{ control: Uint32Array; ring: Uint32Array }> {
  const [control, ring] = await Promise.all([
    backend.downloadResident(handles.control),
    backend.downloadResident(handles.ring),
  ]);
  if (!control.ok || !ring.ok) {
    throw new Error('download failed');
  }
  return { control: wordsOf(control.value), ring: wordsOf(ring.value) };
}

function kernel(backend: VyreBackend): Megakernel {
  const made = Megakernel.bootstrapSharded(backend, SLOTS, 16);
  if (!made.ok) {
    throw new Error(made.error.format());
  }
  return made.value;
}

async function hostDrain(
  backend: VyreBackend,
  k: number,
): Promise<{ control: number[]; ring: number[] }> {
  const found = await kernel(backend).dispatch(hostInputs(k));
  if (!found.ok) {
    throw new Error(found.error.format());
  }
  return {
    control: Array.from(found.value.control),
    ring: Array.from(found.value.ring),
  };
}

async function residentOne(backend: VyreBackend): Promise<void> {
  const mk = kernel(backend);
  const handles = await resident(backend, 0);
  const stats = await mk.dispatchResident(handles);
  expect(stats.ok).toBe(true);
  expect(stats.ok && stats.value).toMatchObject({
    kernelLaunches: 1,
    syncPoints: 1,
    residentResourceRows: 1,
    residentResourceHandles: 4,
    inputBytes: 0,
    readbackBytes: 0,
    recoveredAfterDeviceLoss: false,
  });
  const found = await download(backend, handles);
  const host = await hostDrain(backend, 0);
  expect(Array.from(found.control)).toEqual(host.control);
  expect(Array.from(found.ring)).toEqual(host.ring);
  expect(Array.from(found.control.subarray(OBS))).toEqual(
    expectedObservables(0),
  );
  expect(found.control[ControlWord.DONE_COUNT]).toBe(11);
}

async function residentMany(backend: VyreBackend): Promise<void> {
  const mk = kernel(backend);
  const sets = await Promise.all([0, 1, 2].map((k) => resident(backend, k)));
  const scratch: MegakernelResidentScratch = { steps: [] };
  const steps = scratch.steps;
  const stats = await mk.dispatchResidentMany(sets, scratch);
  expect(stats.ok).toBe(true);
  expect(stats.ok && stats.value).toMatchObject({
    kernelLaunches: 3,
    syncPoints: 1,
    residentResourceRows: 3,
    residentResourceHandles: 12,
  });
  expect(scratch.steps).toBe(steps);
  expect(scratch.steps).toHaveLength(3);
  expect(scratch.steps.map((s) => s.program)).toEqual([
    mk.program,
    mk.program,
    mk.program,
  ]);
  for (const [k, handles] of sets.entries()) {
    const found = await download(backend, handles);
    expect(Array.from(found.control)).toEqual(
      (await hostDrain(backend, k)).control,
    );
    expect(Array.from(found.control.subarray(OBS))).toEqual(
      expectedObservables(k),
    );
  }
  // The scratch is reused: cleared and refilled, not appended to.
  const again = await mk.dispatchResidentMany([sets[0]!], scratch);
  expect(again.ok && again.value.residentResourceRows).toBe(1);
  expect(scratch.steps).toBe(steps);
  expect(scratch.steps).toHaveLength(1);
  // A second drain of finished slots changes nothing.
  const found = await download(backend, sets[0]!);
  expect(Array.from(found.control.subarray(OBS))).toEqual(
    expectedObservables(0),
  );
}

const cpu = new CpuRefBackend();
afterAll(() => {
  cpu.dispose();
});

describe('Megakernel resident dispatch', () => {
  it('dispatchResident leaves what a host dispatch returns (CPU reference)', async () => {
    await residentOne(cpu);
  });

  it('dispatchResidentMany runs three handle sets in one submission (CPU reference)', async () => {
    await residentMany(cpu);
  });

  it('refuses a resident ring of the wrong size or a missing data buffer', async () => {
    const mk = kernel(cpu);
    const handles = await resident(cpu, 0);
    const small = await cpu.allocateResident(32 * SLOT_WORDS * 4);
    expect(small.ok).toBe(true);
    if (!small.ok) {
      return;
    }
    const wrongRing = { ...handles, ring: small.value };
    for (const found of [
      await mk.dispatchResident(wrongRing),
      await mk.dispatchResidentMany([handles, wrongRing]),
      await mk.dispatchResident({ ...handles, data: [small.value] }),
    ]) {
      expect(found.ok ? 'ok' : found.error.code).toBe(
        'RUNTIME_PROTOCOL_MALFORMED',
      );
    }
    // Nothing ran: the control buffer is still as uploaded.
    const found = await download(cpu, handles);
    expect(Array.from(found.control)).toEqual(
      Array.from(hostInputs(0).control),
    );
  });

  it(
    'gives the same buffers on WebGPU',
    { tags: ['gpu'] },
    async ({ skip }) => {
      const backend = await sharedGpuBackend(skip);
      await residentOne(backend);
      await residentMany(backend);
    },
  );
});
