import { afterAll, describe, expect, it } from 'vitest';
import { WebGpuBackend } from '@vyre/driver-webgpu';
import type { ResidentBuffer, VyreBackend } from '@vyre/ir';
import {
  ControlWord,
  Megakernel,
  Opcode,
  runWorkItems,
  SlotBatch,
  SlotPriority,
  type SlotDescriptor,
} from '../src/index.ts';
import { CountingCpuBackend } from './counting-backend.ts';
import { sharedGpuBackend } from './gpu-backend.ts';
import {
  SCALE,
  scaleDataBuffers,
  scaled,
  scaleHandlers,
} from './scale-opcode.ts';
import { bytesOf, wordsOf } from './word-bytes.ts';

// Work encoded once as a SlotBatch and published by copying words; read-write data read into
// caller-owned storage (dataInto); the protocol buffers of resident runs kept with the megakernel.

const SEGMENT = 4;
const ITEMS = 100; // more than the 48 slots: three drains
const items: SlotDescriptor[] = Array.from({ length: ITEMS }, (_, i) => ({
  opcode: SCALE,
  args: [i * SEGMENT, SEGMENT, i % 3],
}));
const data = Uint32Array.from({ length: ITEMS * SEGMENT }, (_, i) => i + 7);
const factors = Uint32Array.from([2, 3, 5]);
const expected = scaled(data, factors, SEGMENT);

function kernel(backend: VyreBackend): Megakernel {
  const built = Megakernel.create(backend, {
    slotCount: 48,
    workgroupSize: 16,
    handlers: scaleHandlers,
    dataBuffers: scaleDataBuffers,
  });
  if (!built.ok) {
    throw new Error(built.error.format());
  }
  return built.value;
}

function unwrap<T>(
  result: { ok: true; value: T } | { ok: false; error: { format(): string } },
): T {
  if (!result.ok) {
    throw new Error(result.error.format());
  }
  return result.value;
}

async function residentBuffers(
  backend: VyreBackend,
): Promise<ResidentBuffer[]> {
  const out: ResidentBuffer[] = [];
  for (const words of [data, factors]) {
    const buffer = unwrap(await backend.allocateResident(words.byteLength));
    unwrap(await backend.uploadResident(buffer, bytesOf(words)));
    out.push(buffer);
  }
  return out;
}

const cpu = new CountingCpuBackend();
afterAll(() => {
  cpu.dispose();
});

describe('SlotBatch', () => {
  it('encodes descriptors for a tenant and answers opcode and priority per item', () => {
    const batch = unwrap(
      SlotBatch.encode(
        [
          { opcode: SCALE, args: [1, 2, 3] },
          { opcode: SCALE + 1, priority: SlotPriority.CRITICAL },
        ],
        3,
      ),
    );
    expect(batch.count).toBe(2);
    expect(batch.tenant).toBe(3);
    expect([batch.opcodeAt(0), batch.opcodeAt(1)]).toEqual([SCALE, SCALE + 1]);
    expect([batch.priorityAt(0), batch.priorityAt(1)]).toEqual([
      SlotPriority.NORMAL,
      SlotPriority.CRITICAL,
    ]);
  });

  it.for<[string, readonly SlotDescriptor[], number, RegExp]>([
    ['a reserved opcode', [{ opcode: SCALE }, { opcode: 0xfff3 }], 0, /item 1/],
    [
      '13 arguments',
      [{ opcode: SCALE, args: Array<number>(13).fill(0) }],
      0,
      /at most 12/,
    ],
    ['a negative argument', [{ opcode: SCALE, args: [-1] }], 0, /argument 0/],
    ['a priority of 5', [{ opcode: SCALE, priority: 5 }], 0, /priority/],
    ['a tenant of -1', [{ opcode: SCALE }], -1, /tenant/],
  ])('refuses %s with a coded error', ([, work, tenant, message]) => {
    const result = SlotBatch.encode(work, tenant);
    expect(result.ok === false && result.error.code).toBe(
      'RUNTIME_PUBLISH_REFUSED',
    );
    expect(result.ok === false && result.error.message).toMatch(message);
  });

  it('encodes work items of the fixed ABI as [input, output, param]', () => {
    const batch = unwrap(
      SlotBatch.fromWorkItems(
        [{ opHandle: SCALE, inputHandle: 1, outputHandle: 2, param: 3 }],
        0,
      ),
    );
    expect([batch.count, batch.opcodeAt(0)]).toEqual([1, SCALE]);
    const bad = SlotBatch.fromWorkItems(
      [{ opHandle: SCALE, inputHandle: 1.5, outputHandle: 2, param: 3 }],
      0,
    );
    expect(bad.ok === false && bad.error.code).toBe('RUNTIME_PUBLISH_REFUSED');
  });
});

describe('runWorkItems with a SlotBatch and dataInto', () => {
  it('gives a batch the same report and bytes as the descriptors, run after run', async () => {
    const batch = unwrap(SlotBatch.encode(items, 0));
    const mk = kernel(cpu);
    const fromItems = unwrap(
      await runWorkItems(mk, items, {
        data: [bytesOf(data), bytesOf(factors)],
      }),
    );
    for (let round = 0; round < 2; round++) {
      const fromBatch = unwrap(
        await runWorkItems(mk, batch, {
          data: [bytesOf(data), bytesOf(factors)],
        }),
      );
      expect(fromBatch.itemsProcessed).toBe(ITEMS);
      expect(fromBatch.drains).toBe(fromItems.drains);
      expect(Array.from(fromBatch.control)).toEqual(
        Array.from(fromItems.control),
      );
      expect(Array.from(wordsOf(fromBatch.data[0]))).toEqual(expected);
    }
  });

  it('refuses a tenant option that differs from the batch tenant', async () => {
    const batch = unwrap(SlotBatch.encode(items, 1));
    const result = await runWorkItems(kernel(cpu), batch, {
      tenant: 0,
      data: [bytesOf(data), bytesOf(factors)],
    });
    expect(result.ok === false && result.error.code).toBe(
      'RUNTIME_PUBLISH_REFUSED',
    );
    const same = await runWorkItems(kernel(cpu), batch, {
      tenant: 1,
      data: [bytesOf(data), bytesOf(factors)],
    });
    expect(same.ok && same.value.itemsProcessed).toBe(ITEMS);
  });

  it('reads a resident run into dataInto and copies a host run into it; refuses storage that does not fit before running', async () => {
    const mk = kernel(cpu);
    const into = [new Uint8Array(data.byteLength)];
    const buffers = await residentBuffers(cpu);
    const resident = unwrap(
      await runWorkItems(mk, items, { residentData: buffers, dataInto: into }),
    );
    expect(resident.data[0]).toBe(into[0]);
    expect(Array.from(wordsOf(into[0]))).toEqual(expected);
    const hostInto = [new Uint8Array(data.byteLength)];
    const host = unwrap(
      await runWorkItems(mk, items, {
        data: [bytesOf(data), bytesOf(factors)],
        dataInto: hostInto,
      }),
    );
    expect(host.data[0]).toBe(hostInto[0]);
    expect(Array.from(wordsOf(hostInto[0]))).toEqual(expected);
    const before = [cpu.dispatches, cpu.sequences];
    for (const wrong of [
      [new Uint8Array(8)],
      [],
      [into[0] as Uint8Array, new Uint8Array(4)],
    ]) {
      const refused = await runWorkItems(mk, items, {
        residentData: buffers,
        dataInto: wrong,
      });
      expect(refused.ok === false && refused.error.code).toBe(
        'DISPATCH_OUTPUT_STORAGE',
      );
    }
    expect([cpu.dispatches, cpu.sequences]).toEqual(before);
    buffers.forEach((b) => cpu.freeResident(b));
  });

  it('keeps the protocol buffers of resident runs with the megakernel: the second run allocates none', async () => {
    const mk = kernel(cpu);
    const buffers = await residentBuffers(cpu);
    const first = cpu.residentAllocations;
    unwrap(await runWorkItems(mk, items, { residentData: buffers }));
    expect(cpu.residentAllocations - first).toBe(4);
    const second = cpu.residentAllocations;
    const frees = cpu.residentFrees;
    const report = unwrap(
      await runWorkItems(mk, items, { residentData: buffers }),
    );
    expect(cpu.residentAllocations - second).toBe(0);
    expect(cpu.residentFrees - frees).toBe(0);
    expect(report.itemsProcessed).toBe(ITEMS);
    // A different control size (observables) replaces them.
    unwrap(
      await runWorkItems(mk, items, {
        residentData: buffers,
        observableSlots: 4,
      }),
    );
    expect(cpu.residentAllocations - second).toBe(4);
    expect(cpu.residentFrees - frees).toBe(4);
    buffers.forEach((b) => cpu.freeResident(b));
  });

  it('never runs a slot finished by an earlier drain or run again, when a later drain fills fewer slots', async () => {
    const mk = kernel(cpu);
    const buffers = await residentBuffers(cpu);
    const into = [new Uint8Array(data.byteLength)];
    // 100 items on 48 slots: drains of 48, 48 and 4; every drain finishes all its slots.
    const first = unwrap(
      await runWorkItems(mk, items, { residentData: buffers, dataInto: into }),
    );
    expect(first.drains).toBe(3);
    expect(Array.from(wordsOf(into[0]))).toEqual(expected);
    // Then 5 items on the same kernel, from fresh data: only their segments are scaled, once.
    unwrap(
      await cpu.uploadResident(buffers[0] as ResidentBuffer, bytesOf(data)),
    );
    const few = unwrap(
      await runWorkItems(mk, items.slice(0, 5), {
        residentData: buffers,
        dataInto: into,
      }),
    );
    expect(few.itemsProcessed).toBe(5);
    expect(few.control[ControlWord.DONE_COUNT]).toBe(5);
    expect(Array.from(wordsOf(into[0]))).toEqual([
      ...expected.slice(0, 5 * SEGMENT),
      ...Array.from(data.slice(5 * SEGMENT)),
    ]);
    buffers.forEach((b) => cpu.freeResident(b));
  });

  it('clears the slots a stopped run left published on the device before the next run fills fewer', async () => {
    const mk = kernel(cpu);
    const buffers = await residentBuffers(cpu);
    const into = [new Uint8Array(data.byteLength)];
    // Item 10 is SHUTDOWN: the CPU reference runs lanes in order, so slots 11..47 stay PUBLISHED in
    // the device's ring when the run stops.
    const stopping = [
      ...items.slice(0, 10),
      { opcode: Opcode.SHUTDOWN },
      ...items.slice(11),
    ];
    const stopped = unwrap(
      await runWorkItems(mk, stopping, {
        residentData: buffers,
        dataInto: into,
      }),
    );
    expect(stopped.itemsProcessed).toBe(11);
    expect(stopped.itemsRemaining).toBe(ITEMS - 11);
    // The next run publishes 5 items into slots 0..4 straight from its batch; none of slots 11..47
    // may run again.
    unwrap(
      await cpu.uploadResident(buffers[0] as ResidentBuffer, bytesOf(data)),
    );
    const few = unwrap(
      await runWorkItems(mk, items.slice(0, 5), {
        residentData: buffers,
        dataInto: into,
      }),
    );
    expect(few.itemsProcessed).toBe(5);
    expect(few.control[ControlWord.DONE_COUNT]).toBe(5);
    expect(Array.from(wordsOf(into[0]))).toEqual([
      ...expected.slice(0, 5 * SEGMENT),
      ...Array.from(data.slice(5 * SEGMENT)),
    ]);
    buffers.forEach((b) => cpu.freeResident(b));
  });

  it(
    'after a device loss and recovery, a resident run replaces the kept buffers of the lost device',
    { tags: ['gpu'] },
    async ({ skip }) => {
      await sharedGpuBackend(skip); // skips without an adapter
      // A backend of its own: destroying the shared one's device would break the other tests.
      const created = await WebGpuBackend.create();
      const gpu = unwrap(created);
      const mk = kernel(gpu);
      const batch = unwrap(SlotBatch.encode(items, 0));
      const into = [new Uint8Array(data.byteLength)];
      unwrap(
        await runWorkItems(mk, batch, {
          residentData: await residentBuffers(gpu),
          dataInto: into,
        }),
      );
      expect(Array.from(wordsOf(into[0]))).toEqual(expected);
      const device = gpu.device;
      device?.destroy();
      await device?.lost;
      await new Promise((resolve) => setTimeout(resolve, 0));
      expect(await mk.recoverAfterDeviceLoss()).toEqual({
        ok: true,
        value: 'recompiledPipeline',
      });
      into[0]?.fill(0);
      const again = unwrap(
        await runWorkItems(mk, batch, {
          residentData: await residentBuffers(gpu),
          dataInto: into,
        }),
      );
      expect(again.itemsProcessed).toBe(ITEMS);
      expect(Array.from(wordsOf(into[0]))).toEqual(expected);
      gpu.dispose();
    },
  );
});
