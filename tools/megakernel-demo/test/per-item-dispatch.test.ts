import { describe, expect, it } from 'vitest';
import {
  makeWorkload,
  outputsDifference,
  PerItemDispatcher,
  runWorkloadOnMegakernel,
  workloadMegakernel,
} from '../src/index.ts';
import { sharedGpuBackend } from './gpu-backend.ts';

// Strategies (a) and (b), one dispatch per item, against the megakernel (c) on the same device.

describe('PerItemDispatcher on WebGPU', { tags: ['gpu'] }, () => {
  it('gives the megakernel bytes with one submission and with one submission per item', async ({
    skip,
  }) => {
    const gpu = await sharedGpuBackend(skip);
    const device = gpu.device;
    if (device === undefined) {
      expect.fail('a WebGPU backend without a device');
    }
    const w = makeWorkload(200);
    const mk = workloadMegakernel(gpu, 200);
    if (!mk.ok) {
      expect.fail(mk.error.format());
    }
    const megakernel = await runWorkloadOnMegakernel(mk.value, w);
    if (!megakernel.ok) {
      expect.fail(megakernel.error.format());
    }
    expect(megakernel.value.report.itemsProcessed).toBe(200);
    const made = await PerItemDispatcher.create(device, w);
    if (!made.ok) {
      expect.fail(made.error.format());
    }
    const perItem = made.value;
    try {
      for (const mode of ['one-submission', 'submission-per-item'] as const) {
        const outputs = await perItem.run(mode);
        expect(outputsDifference(outputs, megakernel.value.outputs), mode).toBe(
          undefined,
        );
        // Each run starts again from the workload's initial data.
        expect(
          outputsDifference(await perItem.run(mode), outputs),
          `${mode}, run again`,
        ).toBe(undefined);
      }
    } finally {
      perItem.destroy();
    }
  });
});
