import { afterAll, describe, expect, it } from 'vitest';
import { CpuRefBackend } from '@vyre/driver-cpu-ref';
import { readWriteBuffer, store, u32, type VyreBackend } from '@vyre/ir';
import {
  drainWorkItems,
  interpretedMegakernel,
  Opcode,
  slotArg,
  type SlotDescriptor,
} from '../src/index.ts';
import { sharedGpuBackend } from './gpu-backend.ts';
import {
  SCALE,
  scaleDataBuffers,
  scaled,
  scaleHandlers,
} from './scale-opcode.ts';

// User opcodes as IR bodies over data buffers: each item scales a segment of `data` by a factor from
// `factors`, and the results are the same on the CPU reference and WebGPU.

const SEGMENT = 4;
const handlers = scaleHandlers;
const dataBuffers = scaleDataBuffers;
const ITEMS = 100;
const items: SlotDescriptor[] = Array.from({ length: ITEMS }, (_, i) => ({
  opcode: SCALE,
  args: [i * SEGMENT, SEGMENT, i % 3, 0xdead],
}));
const data = Uint32Array.from({ length: ITEMS * SEGMENT }, (_, i) => i + 1);
const factors = Uint32Array.from([2, 3, 5]);

async function run(backend: VyreBackend): Promise<Uint32Array> {
  const report = await drainWorkItems(backend, items, {
    slots: 32,
    workgroupSize: 8,
    workgroups: 2,
    handlers,
    data: [
      {
        buffer: dataBuffers[0],
        bytes: new Uint8Array(data.buffer.slice(0)),
      },
      {
        buffer: dataBuffers[1],
        bytes: new Uint8Array(factors.buffer.slice(0)),
      },
    ],
  });
  if (!report.ok) {
    throw new Error(report.error.format());
  }
  expect(report.value.itemsProcessed).toBe(ITEMS);
  expect(report.value.faulted).toEqual([]);
  return new Uint32Array(
    (report.value.data[0] ?? new Uint8Array(0)).slice().buffer,
  );
}

const cpu = new CpuRefBackend();
afterAll(() => {
  cpu.dispose();
});

describe('opcode handlers', () => {
  it('run user opcodes over data buffers across refills (CPU reference)', async () => {
    const result = await run(cpu);
    expect(Array.from(result)).toEqual(scaled(data, factors, SEGMENT));
  });

  it('slotArg reads any argument word', () => {
    const built = interpretedMegakernel({
      handlers: [{ opcode: SCALE, body: [store('data', u32(0), slotArg(3))] }],
      dataBuffers: [readWriteBuffer('data', 4, 'u32')],
    });
    expect(built.ok).toBe(true);
  });

  it('refuses a system opcode, a repeated one, and a body that does not validate', () => {
    const system = interpretedMegakernel({
      handlers: [{ opcode: Opcode.NOP, body: [] }],
    });
    expect(system.ok === false && system.error.code).toBe(
      'RUNTIME_PUBLISH_REFUSED',
    );
    const twice = interpretedMegakernel({
      handlers: [
        { opcode: SCALE, body: [] },
        { opcode: SCALE, body: [] },
      ],
    });
    expect(twice.ok === false && twice.error.code).toBe(
      'RUNTIME_PUBLISH_REFUSED',
    );
    const invalid = interpretedMegakernel({
      handlers: [{ opcode: SCALE, body: [store('missing', u32(0), u32(1))] }],
    });
    expect(invalid.ok === false && invalid.error.code).toBe(
      'IR_INVALID_PROGRAM',
    );
  });

  it('gives the same data on WebGPU', { tags: ['gpu'] }, async ({ skip }) => {
    const backend = await sharedGpuBackend(skip);
    expect(Array.from(await run(backend))).toEqual(Array.from(await run(cpu)));
  });
});
