import { CpuRefBackend } from '@vyre/driver-cpu-ref';
import type { VyreBackend } from '@vyre/ir';
import { describe, expect, it } from 'vitest';
import {
  BackendPerItemDispatcher,
  makeWorkload,
  outputsDifference,
  runWorkloadOnMegakernel,
  workloadMegakernel,
} from '../src/index.ts';
import { sharedGpuBackend } from './gpu-backend.ts';

// Strategies (a) and (b) through the VyreBackend contract, against the megakernel on the CPU reference.

async function checkAgainstMegakernel(
  backend: VyreBackend,
  n: number,
): Promise<void> {
  const w = makeWorkload(n);
  const reference = new CpuRefBackend();
  const mk = workloadMegakernel(reference, n);
  if (!mk.ok) {
    expect.fail(mk.error.format());
  }
  const megakernel = await runWorkloadOnMegakernel(mk.value, w);
  reference.dispose();
  if (!megakernel.ok) {
    expect.fail(megakernel.error.format());
  }
  const made = await BackendPerItemDispatcher.create(backend, w);
  if (!made.ok) {
    expect.fail(made.error.format());
  }
  const perItem = made.value;
  try {
    for (const mode of ['one-submission', 'submission-per-item'] as const) {
      const first = await perItem.run(mode);
      if (!first.ok) {
        expect.fail(first.error.format());
      }
      expect(
        outputsDifference(first.value, megakernel.value.outputs),
        mode,
      ).toBe(undefined);
      // Each run starts again from the workload's initial data.
      const again = await perItem.run(mode);
      if (!again.ok) {
        expect.fail(again.error.format());
      }
      expect(outputsDifference(again.value, first.value), mode).toBe(undefined);
    }
  } finally {
    perItem.destroy();
  }
}

describe('BackendPerItemDispatcher', () => {
  it('gives the megakernel bytes on the CPU reference, in one sequence and item by item', async () => {
    const backend = new CpuRefBackend();
    try {
      await checkAgainstMegakernel(backend, 300);
    } finally {
      backend.dispose();
    }
  });

  it('frees its resident buffers: a run after destroy() is refused, not crashed', async () => {
    const backend = new CpuRefBackend();
    try {
      const made = await BackendPerItemDispatcher.create(
        backend,
        makeWorkload(10),
      );
      if (!made.ok) {
        expect.fail(made.error.format());
      }
      expect((await made.value.run('one-submission')).ok).toBe(true);
      made.value.destroy();
      made.value.destroy(); // a second call does nothing
      const after = await made.value.run('one-submission');
      expect(after.ok).toBe(false);
      expect(after.ok ? undefined : after.error.code).toBe(
        'RESIDENT_HANDLE_INVALID',
      );
    } finally {
      backend.dispose();
    }
  });

  it(
    'gives the megakernel bytes on WebGPU through the contract',
    { tags: ['gpu'] },
    async ({ skip }) => {
      await checkAgainstMegakernel(await sharedGpuBackend(skip), 200);
    },
  );
});
