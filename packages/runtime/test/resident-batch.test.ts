import { afterAll, describe, expect, it } from 'vitest';
import { WebGpuBackend } from '@vyre/driver-webgpu';
import type { ResidentBuffer, VyreBackend } from '@vyre/ir';
import {
  controlWords,
  ControlWord,
  Megakernel,
  Opcode,
  ResidentSlotBatch,
  runWorkItems,
  SlotBatch,
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

// A batch kept on the device as a ring image: a resident run arms its ring with a copy on the device
// (an IR program in the same submission as the drain) instead of uploading the ring, and gives the
// bytes of a run that uploads it.

const SLOTS = 48;
const SEGMENT = 4;
const ITEMS = 40; // one fill of the ring
const items: SlotDescriptor[] = Array.from({ length: ITEMS }, (_, i) => ({
  opcode: SCALE,
  args: [i * SEGMENT, SEGMENT, i % 3],
}));
const data = Uint32Array.from({ length: ITEMS * SEGMENT }, (_, i) => i + 3);
const factors = Uint32Array.from([2, 3, 5]);
const expected = scaled(data, factors, SEGMENT);

function unwrap<T>(
  result: { ok: true; value: T } | { ok: false; error: { format(): string } },
): T {
  if (!result.ok) {
    throw new Error(result.error.format());
  }
  return result.value;
}

function kernel(backend: VyreBackend): Megakernel {
  return unwrap(
    Megakernel.create(backend, {
      slotCount: SLOTS,
      workgroupSize: 16,
      handlers: scaleHandlers,
      dataBuffers: scaleDataBuffers,
    }),
  );
}

async function residentData(backend: VyreBackend): Promise<ResidentBuffer[]> {
  const out: ResidentBuffer[] = [];
  for (const words of [data, factors]) {
    const buffer = unwrap(await backend.allocateResident(words.byteLength));
    unwrap(await backend.uploadResident(buffer, bytesOf(words)));
    out.push(buffer);
  }
  return out;
}

/** Two runs of one resident batch over fresh copies of the data: the reports and the data each left. */
async function runTwice(backend: VyreBackend) {
  const mk = kernel(backend);
  const batch = unwrap(SlotBatch.encode(items, 0));
  const resident = unwrap(await ResidentSlotBatch.upload(mk, batch));
  const buffers = await residentData(backend);
  const runs = [];
  for (let k = 0; k < 2; k++) {
    unwrap(
      await backend.uploadResident(buffers[0] as ResidentBuffer, bytesOf(data)),
    );
    const report = unwrap(
      await runWorkItems(mk, resident, { residentData: buffers }),
    );
    runs.push({ report, data: Array.from(wordsOf(report.data[0])) });
  }
  resident.free();
  buffers.forEach((b) => backend.freeResident(b));
  return runs;
}

const cpu = new CountingCpuBackend();
afterAll(() => {
  cpu.dispose();
});

describe('ResidentSlotBatch', () => {
  it('arms the ring on the device run after run: only the control buffer is uploaded (CPU reference)', async () => {
    const runs = await runTwice(cpu);
    for (const { report, data: after } of runs) {
      expect(report.itemsProcessed).toBe(ITEMS);
      expect(report.drains).toBe(1);
      expect(report.control[ControlWord.DONE_COUNT]).toBe(ITEMS);
      expect(after).toEqual(expected);
      expect(report.bytesUploaded).toBe(controlWords(0) * 4);
    }
  });

  it(
    'gives the bytes of the same run that uploads its ring, on WebGPU',
    { tags: ['gpu'] },
    async ({ skip }) => {
      const gpu = await sharedGpuBackend(skip);
      const [onCpu, onGpu] = [await runTwice(cpu), await runTwice(gpu)];
      expect(onGpu.map((r) => r.data)).toEqual(onCpu.map((r) => r.data));
      expect(onGpu.map((r) => Array.from(r.report.control))).toEqual(
        onCpu.map((r) => Array.from(r.report.control)),
      );
      expect(onGpu[0]?.data).toEqual(expected);
    },
  );

  it(
    'uploads its image again after a device loss and recovery',
    { tags: ['gpu'] },
    async ({ skip }) => {
      await sharedGpuBackend(skip); // skips without an adapter
      // A backend of its own: destroying the shared one's device would break the other tests.
      const gpu = unwrap(await WebGpuBackend.create());
      try {
        const mk = kernel(gpu);
        const resident = unwrap(
          await ResidentSlotBatch.upload(
            mk,
            unwrap(SlotBatch.encode(items, 0)),
          ),
        );
        const first = unwrap(
          await runWorkItems(mk, resident, {
            residentData: await residentData(gpu),
          }),
        );
        expect(Array.from(wordsOf(first.data[0]))).toEqual(expected);
        const device = gpu.device;
        device?.destroy();
        await device?.lost;
        await new Promise((resolve) => setTimeout(resolve, 0));
        expect(await mk.recoverAfterDeviceLoss()).toEqual({
          ok: true,
          value: 'recompiledPipeline',
        });
        const again = unwrap(
          await runWorkItems(mk, resident, {
            residentData: await residentData(gpu),
          }),
        );
        expect(again.itemsProcessed).toBe(ITEMS);
        expect(again.bytesUploaded).toBe(controlWords(0) * 4);
        expect(Array.from(wordsOf(again.data[0]))).toEqual(expected);
        resident.free();
      } finally {
        gpu.dispose();
      }
    },
  );

  it('overwrites slots a stopped run left published, so none runs again', async () => {
    const mk = kernel(cpu);
    const buffers = await residentData(cpu);
    // Item 5 is SHUTDOWN: the CPU reference runs lanes in order, so slots 6..39 stay PUBLISHED.
    const stopping = [
      ...items.slice(0, 5),
      { opcode: Opcode.SHUTDOWN },
      ...items.slice(6),
    ];
    const stopped = unwrap(
      await runWorkItems(mk, stopping, { residentData: buffers }),
    );
    expect(stopped.itemsRemaining).toBe(ITEMS - 6);
    unwrap(
      await cpu.uploadResident(buffers[0] as ResidentBuffer, bytesOf(data)),
    );
    const few = unwrap(
      await ResidentSlotBatch.upload(
        mk,
        unwrap(SlotBatch.encode(items.slice(0, 3), 0)),
      ),
    );
    const report = unwrap(
      await runWorkItems(mk, few, { residentData: buffers }),
    );
    expect(report.control[ControlWord.DONE_COUNT]).toBe(3);
    expect(Array.from(wordsOf(report.data[0]))).toEqual([
      ...expected.slice(0, 3 * SEGMENT),
      ...Array.from(data.slice(3 * SEGMENT)),
    ]);
    few.free();
    buffers.forEach((b) => cpu.freeResident(b));
  });

  it('still arms the ring after a run that left stale slots (a binned run that finished every slot)', async () => {
    const mk = kernel(cpu);
    const buffers = await residentData(cpu);
    // Binning publishes out of order (no span): a drain that finishes every slot leaves the host ring
    // stale, to be cleared before it is next uploaded.
    const binned = unwrap(
      await runWorkItems(mk, items, {
        residentData: buffers,
        binByOpcode: true,
      }),
    );
    expect(binned.itemsProcessed).toBe(ITEMS);
    unwrap(
      await cpu.uploadResident(buffers[0] as ResidentBuffer, bytesOf(data)),
    );
    const resident = unwrap(
      await ResidentSlotBatch.upload(mk, unwrap(SlotBatch.encode(items, 0))),
    );
    const armed = unwrap(
      await runWorkItems(mk, resident, { residentData: buffers }),
    );
    expect(armed.bytesUploaded).toBe(controlWords(0) * 4);
    expect(Array.from(wordsOf(armed.data[0]))).toEqual(expected);
    resident.free();
    buffers.forEach((b) => cpu.freeResident(b));
  });

  it('runs over host data by publishing the batch words', async () => {
    const mk = kernel(cpu);
    const batch = unwrap(SlotBatch.encode(items, 0));
    const resident = unwrap(await ResidentSlotBatch.upload(mk, batch));
    const report = unwrap(
      await runWorkItems(mk, resident, {
        data: [bytesOf(data), bytesOf(factors)],
      }),
    );
    expect(Array.from(wordsOf(report.data[0]))).toEqual(expected);
    resident.free();
  });

  it('refuses a batch larger than the ring, a freed one and one of another megakernel, before dispatching', async () => {
    const mk = kernel(cpu);
    const tooMany = unwrap(
      SlotBatch.encode(
        Array.from({ length: SLOTS + 1 }, () => ({ opcode: Opcode.NOP })),
        0,
      ),
    );
    const big = await ResidentSlotBatch.upload(mk, tooMany);
    expect(big.ok === false && big.error.code).toBe('RUNTIME_PUBLISH_REFUSED');
    const batch = unwrap(SlotBatch.encode(items, 0));
    const resident = unwrap(await ResidentSlotBatch.upload(mk, batch));
    const buffers = await residentData(cpu);
    const sequences = cpu.sequences;
    const other = await runWorkItems(kernel(cpu), resident, {
      residentData: buffers,
    });
    expect(other.ok === false && other.error.code).toBe(
      'RUNTIME_PUBLISH_REFUSED',
    );
    resident.free();
    expect(resident.freed).toBe(true);
    const freed = await runWorkItems(mk, resident, { residentData: buffers });
    expect(freed.ok === false && freed.error.code).toBe(
      'RUNTIME_PUBLISH_REFUSED',
    );
    expect(cpu.sequences).toBe(sequences);
    buffers.forEach((b) => cpu.freeResident(b));
  });

  it('allocates one image and frees it once', async () => {
    const mk = kernel(cpu);
    const [allocations, frees] = [cpu.residentAllocations, cpu.residentFrees];
    const resident = unwrap(
      await ResidentSlotBatch.upload(mk, unwrap(SlotBatch.encode(items, 0))),
    );
    expect(cpu.residentAllocations - allocations).toBe(1);
    resident.free();
    resident.free();
    expect(cpu.residentFrees - frees).toBe(1);
  });
});
