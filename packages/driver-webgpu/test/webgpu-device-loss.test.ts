import { describe, expect, it } from 'vitest';
import type { ErrorCode, Result } from '@vyre/foundation';
import {
  add,
  gidX,
  letBind,
  load,
  local,
  loop,
  outputBuffer,
  program,
  readBuffer,
  store,
  u32,
} from '@vyre/ir';
import { createNodeGpu, WebGpuBackend } from '../src/index.ts';
import { acquireGpuTestBackend } from './gpu-test-backend.ts';

// Device loss, forced with device.destroy() in the middle of use: every call reports it with a code,
// nothing hangs, recover() brings the backend back on the same adapter, and resident handles of the
// lost device are refused instead of reading garbage.

const words = (...values: number[]): Uint8Array =>
  new Uint8Array(new Uint32Array(values).buffer);
const asWords = (bytes: Uint8Array | undefined): number[] =>
  bytes === undefined
    ? []
    : Array.from(
        new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4),
      );

function expectCode(result: Result<unknown>, code: ErrorCode): void {
  expect(result.ok ? 'ok' : result.error.code).toBe(code);
  if (!result.ok) {
    expect(result.error.message).toMatch(/expected .*found/);
  }
}

const addOne = program({
  workgroupSize: [4, 1, 1],
  buffers: [readBuffer('input', 0, 'u32'), outputBuffer('out', 1, 'u32', 4)],
  entry: [store('out', gidX(), add(load('input', gidX()), u32(1)))],
});

// Runs long enough on any device that the loss arrives while it is in flight.
const slow = program({
  workgroupSize: [64, 1, 1],
  buffers: [outputBuffer('out', 0, 'u32', 64)],
  entry: [
    letBind('acc', u32(0)),
    loop('i', u32(0), u32(1 << 24), [
      { kind: 'assign', name: 'acc', value: add(local('acc'), local('i')) },
    ]),
    store('out', gidX(), local('acc')),
  ],
});

async function lose(gpu: WebGpuBackend): Promise<void> {
  const device = gpu.device;
  device?.destroy();
  await device?.lost;
  // The backend's own handler on device.lost runs after ours was registered; let it.
  await new Promise((resolve) => setTimeout(resolve, 0));
}

describe('WebGpuBackend device loss', { tags: ['gpu'] }, () => {
  it('reports the loss, refuses work with BACKEND_DEVICE_LOST, and recovers on the same adapter', async ({
    skip,
  }) => {
    const gpu = await acquireGpuTestBackend(skip);
    try {
      expect((await gpu.dispatch(addOne, [words(1)])).ok).toBe(true);
      const resident = await gpu.allocateResident(16);
      expect(resident.ok).toBe(true);
      const before = gpu.device;

      await lose(gpu);
      expect(gpu.deviceLost()).toBe(true);
      expectCode(await gpu.dispatch(addOne, [words(1)]), 'BACKEND_DEVICE_LOST');
      expectCode(await gpu.allocateResident(16), 'BACKEND_DEVICE_LOST');

      expect((await gpu.recover()).ok).toBe(true);
      expect(gpu.deviceLost()).toBe(false);
      expect(gpu.device).not.toBe(before);
      // The pipelines the lost device had are compiled again during recovery.
      expect(gpu.pipelineCacheStats()?.size).toBe(1);
      const after = await gpu.dispatch(addOne, [words(41)]);
      expect(after.ok && asWords(after.value.outputs[0])[0]).toBe(42);
      expect(gpu.pipelineCacheStats()?.misses).toBe(1);

      if (resident.ok) {
        const stale = await gpu.downloadResident(resident.value);
        expectCode(stale, 'RESIDENT_HANDLE_INVALID');
        expect(!stale.ok && stale.error.message).toMatch(
          /device that was lost/,
        );
      }
      const fresh = await gpu.allocateResident(16);
      expect(fresh.ok).toBe(true);
    } finally {
      gpu.dispose();
    }
  });

  it('fails a dispatch in flight with BACKEND_DEVICE_LOST instead of hanging', async ({
    skip,
  }) => {
    const gpu = await acquireGpuTestBackend(skip);
    try {
      const inFlight = gpu.dispatch(slow, []);
      // Let the dispatch compile and submit before the device goes away.
      await new Promise((resolve) => setTimeout(resolve, 200));
      gpu.device?.destroy();
      expectCode(await inFlight, 'BACKEND_DEVICE_LOST');
      expect(gpu.deviceLost()).toBe(true);
      expect((await gpu.recover()).ok).toBe(true);
      expect((await gpu.dispatch(addOne, [words(1)])).ok).toBe(true);
    } finally {
      gpu.dispose();
    }
  }, 60_000);

  it('cannot replace a device the caller handed in, and leaves it alive on dispose', async ({
    skip,
  }) => {
    const probe = await acquireGpuTestBackend(skip);
    probe.dispose();
    const dawn = await createNodeGpu();
    const adapter = dawn.ok ? await dawn.value.requestAdapter() : null;
    if (adapter === null) {
      return skip('no adapter');
    }
    const device = await adapter.requestDevice();
    const created = await WebGpuBackend.create({ device });
    expect(created.ok).toBe(true);
    if (!created.ok) {
      return;
    }
    const gpu = created.value;
    expect(gpu.adapter).toBeUndefined();
    expect((await gpu.dispatch(addOne, [words(1)])).ok).toBe(true);
    gpu.dispose();
    // Still usable by its owner.
    device.pushErrorScope('validation');
    device.createBuffer({ size: 16, usage: 0x0008 });
    expect(await device.popErrorScope()).toBeNull();

    const second = await WebGpuBackend.create({ device });
    if (!second.ok) {
      return;
    }
    device.destroy();
    await device.lost;
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(second.value.deviceLost()).toBe(true);
    expectCode(await second.value.recover(), 'BACKEND_RECOVERY_FAILED');
    second.value.dispose();
  });
});
