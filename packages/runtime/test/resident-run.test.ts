import { afterAll, describe, expect, it } from 'vitest';
import { CpuRefBackend } from '@vyre/driver-cpu-ref';
import type { ResidentBuffer, VyreBackend } from '@vyre/ir';
import {
  ControlWord,
  Megakernel,
  Opcode,
  runWorkItems,
  type SlotDescriptor,
} from '../src/index.ts';
import { sharedGpuBackend } from './gpu-backend.ts';
import { bytesOf } from './word-bytes.ts';
import {
  SCALE,
  scaleDataBuffers,
  scaled,
  scaleHandlers,
} from './scale-opcode.ts';

// Runs over resident data buffers: the data stays on the device, each drain moves only the control
// buffer and the ring, and the results equal a run over host data, with the ring read back only when
// some published slot did not finish.

const SEGMENT = 8;
const handlers = scaleHandlers;
const dataBuffers = scaleDataBuffers;
const ITEMS = 150; // more than the 64 slots: three drains
const items: SlotDescriptor[] = Array.from({ length: ITEMS }, (_, i) => ({
  opcode: SCALE,
  args: [i * SEGMENT, SEGMENT, i % 3],
}));
const data = Uint32Array.from({ length: ITEMS * SEGMENT }, (_, i) => i + 1);
const factors = Uint32Array.from([2, 3, 5]);
const expected = scaled(data, factors, SEGMENT);

function kernel(backend: VyreBackend): Megakernel {
  const built = Megakernel.create(backend, {
    slotCount: 64,
    workgroupSize: 16,
    handlers,
    dataBuffers,
  });
  if (!built.ok) {
    throw new Error(built.error.format());
  }
  return built.value;
}

async function resident(
  backend: VyreBackend,
  contents: readonly Uint8Array[],
): Promise<ResidentBuffer[]> {
  const out: ResidentBuffer[] = [];
  for (const c of contents) {
    const allocated = await backend.allocateResident(c.byteLength);
    if (!allocated.ok) {
      throw new Error(allocated.error.format());
    }
    const uploaded = await backend.uploadResident(allocated.value, c);
    if (!uploaded.ok) {
      throw new Error(uploaded.error.format());
    }
    out.push(allocated.value);
  }
  return out;
}

async function residentRun(backend: VyreBackend, work = items) {
  const buffers = await resident(backend, [bytesOf(data), bytesOf(factors)]);
  const ringReads: boolean[] = [];
  const report = await runWorkItems(kernel(backend), work, {
    residentData: buffers,
    onDrain: (p) => ringReads.push(p.ringRead),
  });
  for (const b of buffers) {
    backend.freeResident(b);
  }
  if (!report.ok) {
    throw new Error(report.error.format());
  }
  return { report: report.value, ringReads };
}

const cpu = new CpuRefBackend();
afterAll(() => {
  cpu.dispose();
});

describe('runWorkItems over resident data', () => {
  it('gives the results of a host-data run without reading the ring back (CPU reference)', async () => {
    const { report, ringReads } = await residentRun(cpu);
    expect(report.itemsProcessed).toBe(ITEMS);
    expect(report.drains).toBe(3);
    // Every drain finished all its slots, so no ring came back.
    expect(ringReads).toEqual([false, false, false]);
    // Only the read-write data buffer is read, at the last drain.
    expect(report.data).toHaveLength(1);
    expect(
      Array.from(
        new Uint32Array((report.data[0] ?? new Uint8Array()).slice().buffer),
      ),
    ).toEqual(expected);
    expect(report.control[ControlWord.DONE_COUNT]).toBe(ITEMS);
  });

  it('reads the ring when a slot did not finish, and names the faulted item', async () => {
    const work = [...items.slice(0, 10), { opcode: 0x4000_0999 }];
    const { report, ringReads } = await residentRun(cpu, work);
    expect(ringReads).toEqual([true]);
    expect(report.itemsProcessed).toBe(10);
    expect(report.faulted).toEqual([{ item: 10, reason: 'unknownOpcode' }]);
  });

  it('refuses host and resident data together, and the wrong number of resident buffers', async () => {
    const buffers = await resident(cpu, [bytesOf(data)]);
    const both = await runWorkItems(kernel(cpu), items, {
      data: [bytesOf(data), bytesOf(factors)],
      residentData: buffers,
    });
    expect(both.ok === false && both.error.code).toBe(
      'RUNTIME_PUBLISH_REFUSED',
    );
    const short = await runWorkItems(kernel(cpu), items, {
      residentData: buffers,
    });
    expect(short.ok === false && short.error.code).toBe(
      'RUNTIME_PROTOCOL_MALFORMED',
    );
    cpu.freeResident(buffers[0] as ResidentBuffer);
  });

  it('gives the same bytes on WebGPU', { tags: ['gpu'] }, async ({ skip }) => {
    const backend = await sharedGpuBackend(skip);
    const [a, b] = [await residentRun(cpu), await residentRun(backend)];
    expect(Array.from(b.report.control)).toEqual(Array.from(a.report.control));
    expect(b.report.data).toEqual(a.report.data);
    expect(b.ringReads).toEqual(a.ringReads);
  });

  it('runs built-ins that only touch the control buffer', async () => {
    const buffers = await resident(cpu, [bytesOf(data), bytesOf(factors)]);
    const report = await runWorkItems(
      kernel(cpu),
      [{ opcode: Opcode.ATOMIC_ADD, args: [7, ControlWord.OBSERVABLE_BASE] }],
      { residentData: buffers, observableSlots: 1 },
    );
    expect(report.ok && report.value.control[ControlWord.OBSERVABLE_BASE]).toBe(
      7,
    );
  });
});
