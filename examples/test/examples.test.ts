import { CpuRefBackend } from '@vyre/driver-cpu-ref';
import { WebGpuBackend } from '@vyre/driver-webgpu';
import { afterAll, describe, expect, it } from 'vitest';
import {
  compareWithReference as compareHistogram,
  histogram,
  sampleBytes,
} from '../src/histogram.ts';
import { drainMetrics } from '../src/metrics.ts';
import {
  compareWithReference as compareJobs,
  runJobs,
} from '../src/work-queue.ts';

// The three examples do what their READMEs say, on the CPU reference and on WebGPU.

const cpu = new CpuRefBackend();
let gpu: WebGpuBackend | undefined;
afterAll(() => {
  cpu.dispose();
  gpu?.dispose();
});

async function webgpu(skip: (note: string) => never): Promise<WebGpuBackend> {
  if (gpu === undefined) {
    const created = await WebGpuBackend.create();
    if (!created.ok) {
      if (process.env['VYRE_REQUIRE_GPU'] === '1') {
        expect.fail(created.error.format());
      }
      return skip(`no WebGPU adapter: ${created.error.format()}`);
    }
    gpu = created.value;
  }
  return gpu;
}

describe('histogram', () => {
  it('counts every byte once (CPU reference)', async () => {
    const bytes = sampleBytes(5000, 3);
    const counts = await histogram(cpu, bytes);
    if (!counts.ok) {
      expect.fail(counts.error.format());
    }
    const expected = new Uint32Array(256);
    for (const b of bytes) {
      expected[b] = (expected[b] ?? 0) + 1;
    }
    expect(Array.from(counts.value)).toEqual(Array.from(expected));
  });

  it(
    'gives the CPU reference counts on WebGPU',
    { tags: ['gpu'] },
    async ({ skip }) => {
      const result = await compareHistogram(
        await webgpu(skip),
        sampleBytes(100_000),
      );
      expect(result.ok && result.value.identical).toBe(true);
    },
  );
});

describe('work queue', () => {
  it('runs every job and counts the odd words (CPU reference)', async () => {
    const report = await runJobs(cpu, 300);
    if (!report.ok) {
      expect.fail(report.error.format());
    }
    expect(report.value).toMatchObject({
      itemsProcessed: 300,
      itemsRemaining: 0,
      faulted: [],
    });
    // Only COUNT_ODD jobs (every third) count, over their untouched segment: data[i] = 7 i.
    let odd = 0;
    for (let k = 2; k < 300; k += 3) {
      for (let i = k * 16; i < k * 16 + 16; i++) {
        odd += (i * 7) % 2;
      }
    }
    const counted = new Uint32Array(
      (report.value.data[1] ?? new Uint8Array(4)).slice().buffer,
    )[0];
    expect(counted).toBe(odd);
  });

  it(
    'gives the CPU reference bytes on WebGPU',
    { tags: ['gpu'] },
    async ({ skip }) => {
      const result = await compareJobs(await webgpu(skip), 1000);
      if (!result.ok) {
        expect.fail(result.error.format());
      }
      expect(result.value.identical).toBe(true);
      expect(result.value.report.itemsProcessed).toBe(1000);
    },
  );
});

describe('metrics', () => {
  it('exports one drain in the Prometheus text format (CPU reference)', async () => {
    const text = await drainMetrics(cpu, 100, { instance: 'test' });
    if (!text.ok) {
      expect.fail(text.error.format());
    }
    expect(text.value).toContain(
      'vyre_ring_slots{backend="cpu-ref",instance="test",status="done"} 101',
    );
    expect(text.value).toContain(
      'vyre_drained_slots_total{backend="cpu-ref",instance="test"} 101',
    );
    expect(text.value).toContain(
      'vyre_opcode_drained_slots_total{backend="cpu-ref",instance="test",opcode="2"} 100',
    );
  });

  it('gives the same counts on WebGPU', { tags: ['gpu'] }, async ({ skip }) => {
    const text = await drainMetrics(await webgpu(skip), 100);
    expect(text.ok && text.value).toContain(
      'vyre_drained_slots_total{backend="webgpu"} 101',
    );
  });
});
