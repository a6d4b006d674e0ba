import { describe, expect, it } from 'vitest';
import { CpuRefBackend } from '@vyre/driver-cpu-ref';
import { OPCODE_NAMES, runDemo, SEGMENT } from '../src/index.ts';
import { sharedGpuBackend } from './gpu-backend.ts';

// runDemo: the megakernel checked against the CPU reference, its timings and its telemetry summary.

describe('runDemo on the CPU reference', () => {
  it('verifies every run and summarizes the telemetry', async () => {
    const cpu = new CpuRefBackend();
    const progress: [number, number][] = [];
    try {
      const n = 300;
      const demo = await runDemo(cpu, {
        n,
        reps: 2,
        onProgress: (done, total) => progress.push([done, total]),
      });
      if (!demo.ok) {
        expect.fail(demo.error.format());
      }
      const report = demo.value;
      expect(report).toMatchObject({
        items: n,
        backend: 'cpu-ref',
        slotCount: 512,
        workgroupSize: 256,
        residentData: true,
        verifiedRuns: 3,
        verified: true,
        perItem: undefined,
      });
      expect(report.mismatch).toBeUndefined();
      expect(report.megakernel.samplesMs).toHaveLength(2);
      expect(report.megakernel.perItemUs).toBeGreaterThan(0);
      const t = report.telemetry;
      expect(t).toMatchObject({
        doneCount: n,
        itemsProcessed: n,
        faulted: 0,
        remaining: 0,
      });
      expect(t.drains).toBeGreaterThanOrEqual(1);
      expect(t.bytesUploaded).toBeGreaterThan(n * SEGMENT * 4);
      // The resident data was uploaded before each run: at least the data words themselves.
      expect(t.initialDataBytes).toBeGreaterThanOrEqual(n * SEGMENT * 4);
      expect(t.bytesReadBack).toBeGreaterThan(n * SEGMENT * 4);
      expect(t.opcodes.map((o) => o.name)).toEqual(OPCODE_NAMES);
      expect(t.opcodes.reduce((sum, o) => sum + o.items, 0)).toBe(n);
      // Each histogram item adds one count per word of its segment.
      const histogramItems =
        t.opcodes.find((o) => o.name === 'histogram')?.items ?? 0;
      expect(t.histogramIncrements).toBe(histogramItems * SEGMENT);
      // 1 reference run, 1 warm-up run, 2 timed runs.
      expect(progress).toEqual([
        [0, 4],
        [1, 4],
        [2, 4],
        [3, 4],
        [4, 4],
      ]);
    } finally {
      cpu.dispose();
    }
  });
});

describe('runDemo on WebGPU', { tags: ['gpu'] }, () => {
  it('verifies the megakernel and measures one dispatch per item on the same device', async ({
    skip,
  }) => {
    const gpu = await sharedGpuBackend(skip);
    const device = gpu.device;
    if (device === undefined) {
      expect.fail('a WebGPU backend without a device');
    }
    const demo = await runDemo(gpu, { n: 500, reps: 1, perItemDevice: device });
    if (!demo.ok) {
      expect.fail(demo.error.format());
    }
    expect(demo.value).toMatchObject({
      backend: 'webgpu',
      residentData: true,
      verified: true,
    });
    expect(demo.value.perItem?.verified).toBe(true);
    expect(demo.value.perItem?.ratio).toBeGreaterThan(0);
    expect(demo.value.telemetry.doneCount).toBe(500);
  });
});
