import { afterAll, describe, expect, it } from 'vitest';
import { CPU_REF_CAPABILITIES, CpuRefBackend } from '@vyre/driver-cpu-ref';
import type { VyreBackend } from '@vyre/ir';
import {
  dispatchMegakernel,
  megakernelCaps,
  Opcode,
  type WorkItem,
} from '../src/index.ts';
import { CountingCpuBackend } from './counting-backend.ts';
import { sharedGpuBackend } from './gpu-backend.ts';

// dispatchMegakernel: a WorkItem queue (slot opcode opHandle, arguments [inputHandle, outputHandle,
// param]) deduped, planned and run. ATOMIC_ADD (opHandle 2) adds inputHandle into control word
// outputHandle. The config has no observable slots, so the control buffer is the minimal 160 words:
// the items add into the spare words 150..152 (after the priority fairness words 136..140, before
// OBSERVABLE_BASE 160), which nothing else writes in the interpreted kernel.

const ADD = Opcode.ATOMIC_ADD;
const UNKNOWN = 0x4000_0001;
const item = (
  opHandle: number,
  inputHandle: number,
  outputHandle: number,
  param = 0,
): WorkItem => ({ opHandle, inputHandle, outputHandle, param });

const queue: WorkItem[] = [
  item(ADD, 5, 150), //       0
  item(ADD, 7, 151), //       1
  item(ADD, 5, 150), //       2: duplicate of 0
  item(UNKNOWN, 1, 0), //     3: faults
  item(ADD, 5, 150, 1), //    4: differs from 0 in param
  item(UNKNOWN, 1, 0), //     5: duplicate of 3
  item(ADD, 9, 152), //       6
  item(ADD, 7, 151), //       7: duplicate of 1
  item(UNKNOWN, 2, 0), //     8: faults
  item(ADD, 1, 152, 3), //    9
];

// Plain JS: the sums over the items that run once each, and the faulted positions in `queue`.
function model(dedupe: boolean) {
  const seen = new Set<string>();
  const words = [0, 0, 0];
  const faulted: number[] = [];
  let processed = 0;
  for (const [i, w] of queue.entries()) {
    const key = JSON.stringify(w);
    if (dedupe && seen.has(key)) {
      continue;
    }
    seen.add(key);
    if (w.opHandle === ADD) {
      words[w.outputHandle - 150]! += w.inputHandle;
      processed++;
    } else {
      faulted.push(i);
    }
  }
  return { words, faulted, processed, kept: processed + faulted.length };
}

const cpu = new CpuRefBackend();
afterAll(() => {
  cpu.dispose();
});

async function run(backend: VyreBackend, dedupe = true) {
  const report = await dispatchMegakernel(backend, queue, { dedupe });
  if (!report.ok) {
    throw new Error(report.error.format());
  }
  return report.value;
}

describe('dispatchMegakernel', () => {
  it('dedupes the queue, maps faults back to it, and balances the report', async () => {
    const backend = new CountingCpuBackend();
    const r = await run(backend);
    const want = model(true);
    expect(r.dedupedItems).toBe(3);
    expect(want.kept).toBe(7);
    expect(r.publishedItems).toBe(7);
    expect(r.itemsProcessed).toBe(want.processed);
    expect(r.faulted).toEqual(
      [3, 8].map((i) => ({ item: i, reason: 'unknownOpcode' })),
    );
    expect(r.faulted.map((f) => f.item)).toEqual(want.faulted);
    expect(r.itemsFaulted).toBe(2);
    expect(r.itemsProcessed + r.itemsFaulted + r.itemsRemaining).toBe(
      queue.length - r.dedupedItems,
    );
    expect(r.itemsRemaining).toBe(0);
    expect(Array.from(r.control.subarray(150, 153))).toEqual(want.words);
    expect(r.control).toHaveLength(160);
    expect(backend.dispatches).toBe(r.drains);
    backend.dispose();
  });

  it('maps faults back to the queue when binning by opcode too', async () => {
    const report = await dispatchMegakernel(cpu, queue, { binByOpcode: true });
    expect(report.ok).toBe(true);
    if (!report.ok) {
      return;
    }
    expect(
      report.value.faulted.map((f) => f.item).sort((a, b) => a - b),
    ).toEqual(model(true).faulted);
    expect(Array.from(report.value.control.subarray(150, 153))).toEqual(
      model(true).words,
    );
  });

  it('without dedupe runs every item, duplicates included', async () => {
    const r = await run(cpu, false);
    const want = model(false);
    expect(r.dedupedItems).toBe(0);
    expect(r.itemsProcessed).toBe(7);
    expect(r.faulted.map((f) => f.item)).toEqual([3, 5, 8]);
    expect(Array.from(r.control.subarray(150, 153))).toEqual(want.words);
    expect(want.words).toEqual([15, 14, 10]);
  });

  it('reports the planner telemetry, and a compiled-pipeline cache hit on the second call', async () => {
    const backend = new CountingCpuBackend();
    const first = await run(backend);
    // 7 items in a ring padded to 256 slots, one workgroup of 256 lanes: one drain.
    expect(first.drains).toBe(1);
    expect(first.recoveredAfterDeviceLoss).toBe(false);
    expect(first.telemetry).toMatchObject({
      kernelLaunches: 1,
      syncPoints: 1,
      compiledPipelineCacheHit: false,
      residentInputCacheHit: false,
      readbackBuffers: 4,
      // density: every one of the 7 graph nodes is in the queue → 10000 bps ≥ 4000, no edges
      topology: 'denseFrontier',
      // 7 items < 256 lanes
      pressure: 'light',
      executionMode: 'interpreter',
      frontierDensityBps: 10_000,
      // max(7 × 1 × 2, 1024)
      hitCapacity: 1024,
      // (160 + 257 + 512) × 4 + 256 slots × 64 bytes, + 1024 hits × 16 bytes
      estimatedPeakDeviceBytes: 3716 + 16_384 + 16_384,
      deviceMemoryBudgetBytes: 0,
      // (5 processed + 2 faulted) × 10000 / 256 lane-slots
      occupancyProxyBps: Math.floor(70_000 / 256),
    });
    expect(first.telemetry.bytesMoved).toBe(
      first.telemetry.bytesUploaded + first.telemetry.bytesReadBack,
    );
    expect(first.telemetry.bytesUploaded).toBe(3716 + 16_384);
    expect(first.recommendation.geometry).toEqual({
      workgroupSizeX: 256,
      slotCount: 256,
      dispatchGrid: [1, 1, 1],
    });
    const second = await run(backend);
    expect(second.telemetry.compiledPipelineCacheHit).toBe(true);
    expect(Array.from(second.control)).toEqual(Array.from(first.control));
    // A handler array is matched by identity: the same array hits.
    const handlers = [{ opcode: UNKNOWN, body: [] }];
    const a = await dispatchMegakernel(backend, queue, { handlers });
    const b = await dispatchMegakernel(backend, queue, { handlers });
    expect(a.ok && a.value.telemetry.compiledPipelineCacheHit).toBe(false);
    expect(b.ok && b.value.telemetry.compiledPipelineCacheHit).toBe(true);
    // With a handler for UNKNOWN nothing faults.
    expect(b.ok && [b.value.itemsProcessed, b.value.itemsFaulted]).toEqual([
      7, 0,
    ]);
    backend.dispose();
  });

  it('refuses a launch over the device-memory budget before dispatching anything', async () => {
    const backend = new CountingCpuBackend();
    const peak = 3716 + 16_384 + 16_384;
    for (const budget of [1000, peak - 1]) {
      const refused = await dispatchMegakernel(backend, queue, {
        deviceMemoryBudgetBytes: budget,
      });
      expect(refused.ok ? 'ok' : refused.error.code, `budget ${budget}`).toBe(
        'RUNTIME_MEMORY_BUDGET_EXCEEDED',
      );
    }
    expect(backend.dispatches).toBe(0);
    // No kernel was built either: the first launch that fits compiles it.
    const fits = await dispatchMegakernel(backend, queue, {
      deviceMemoryBudgetBytes: peak,
    });
    expect(fits.ok && fits.value.telemetry.compiledPipelineCacheHit).toBe(
      false,
    );
    expect(fits.ok && fits.value.telemetry.deviceMemoryBudgetBytes).toBe(peak);
    expect(backend.dispatches).toBe(1);
    backend.dispose();
  });

  it('adds observable words to the control buffer when asked', async () => {
    // LOAD_U32 copies control[inputHandle] to observable outputHandle; ATOMIC_ADD adds into it.
    const report = await dispatchMegakernel(
      cpu,
      [item(ADD, 11, 161), item(ADD, 4, 161), item(Opcode.LOAD_U32, 2, 0)],
      { observableSlots: 2 },
    );
    if (!report.ok) {
      throw new Error(report.error.format());
    }
    expect(report.value.control).toHaveLength(162);
    expect(report.value.control[161]).toBe(15);
    // control[2] is TENANT_BASE, which the encoder sets to 3.
    expect(report.value.control[160]).toBe(3);
  });

  it('gives the same report on WebGPU', { tags: ['gpu'] }, async ({ skip }) => {
    const backend = await sharedGpuBackend(skip);
    const [gpu, ref] = [await run(backend), await run(cpu)];
    expect(Array.from(gpu.control)).toEqual(Array.from(ref.control));
    expect(gpu.faulted).toEqual(ref.faulted);
    expect([gpu.itemsProcessed, gpu.dedupedItems, gpu.drains]).toEqual([
      ref.itemsProcessed,
      ref.dedupedItems,
      ref.drains,
    ]);
    expect(megakernelCaps(backend).supported).toBe(true);
    expect(megakernelCaps(backend).maxWorkerCount).toBeLessThanOrEqual(1024);
  });
});

describe('megakernelCaps', () => {
  it('the CPU reference runs the megakernel with at most 1024 workers', () => {
    expect(megakernelCaps(cpu)).toEqual({
      supported: true,
      // min(1024, its workgroups per dimension, 65535)
      maxWorkerCount: 1024,
    });
  });

  it('a backend that cannot bind the four protocol buffers does not', () => {
    class ThreeBuffers extends CpuRefBackend {
      override readonly capabilities = {
        ...CPU_REF_CAPABILITIES,
        limits: {
          ...CPU_REF_CAPABILITIES.limits,
          maxStorageBuffersPerShaderStage: 3,
        },
      };
    }
    class FewWorkgroups extends CpuRefBackend {
      override readonly capabilities = {
        ...CPU_REF_CAPABILITIES,
        limits: {
          ...CPU_REF_CAPABILITIES.limits,
          maxComputeWorkgroupsPerDimension: 100,
        },
      };
    }
    expect(megakernelCaps(new ThreeBuffers())).toEqual({
      supported: false,
      maxWorkerCount: 0,
    });
    expect(megakernelCaps(new FewWorkgroups())).toEqual({
      supported: true,
      maxWorkerCount: 100,
    });
  });
});
