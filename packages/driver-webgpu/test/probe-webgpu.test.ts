import { describe, expect, it } from 'vitest';
import {
  createNodeGpu,
  KEY_ADAPTER_LIMITS,
  probeWebGpu,
} from '../src/index.ts';
import { acquireGpuTestDevice } from './gpu-test-device.ts';

describe('createNodeGpu', () => {
  it('loads Dawn and returns a GPU object', async () => {
    const gpu = await createNodeGpu();
    expect(gpu.ok).toBe(true);
    expect(gpu.ok && typeof gpu.value.requestAdapter).toBe('function');
  });

  it('returns one GPU object per set of flags, kept for the life of the process', async () => {
    const [a, b, c] = await Promise.all([
      createNodeGpu(),
      createNodeGpu({ flags: [] }),
      createNodeGpu({ flags: ['backend=vulkan'] }),
    ]);
    expect(a.ok && b.ok && a.value === b.value).toBe(true);
    expect(a.ok && c.ok && a.value !== c.value).toBe(true);
  });
});

describe('probeWebGpu', () => {
  it('reports WEBGPU_NO_ADAPTER when Dawn finds no adapter', async () => {
    // A real Dawn adapter filter that matches no adapter on any machine.
    const probe = await probeWebGpu({
      flags: ['adapter=vyre-no-such-adapter'],
    });
    expect(probe.ok).toBe(false);
    if (!probe.ok) {
      expect(probe.error.code).toBe('WEBGPU_NO_ADAPTER');
      expect(probe.error.format()).toMatch(/Fix: Install a Vulkan driver/);
    }
  });

  it(
    'describes the adapter, its features and its key limits',
    { tags: ['gpu'] },
    async ({ skip }) => {
      const { device } = await acquireGpuTestDevice(skip);
      device.destroy();
      const probe = await probeWebGpu();
      expect(probe.ok).toBe(true);
      if (probe.ok) {
        expect(probe.value.description.length).toBeGreaterThan(0);
        expect(Object.keys(probe.value.limits)).toEqual([
          ...KEY_ADAPTER_LIMITS,
        ]);
        // WebGPU's guaranteed minimums (https://www.w3.org/TR/webgpu/#limit-default).
        expect(
          probe.value.limits.maxComputeWorkgroupSizeX,
        ).toBeGreaterThanOrEqual(256);
        expect(
          probe.value.limits.maxStorageBufferBindingSize,
        ).toBeGreaterThanOrEqual(134_217_728);
        expect(probe.value.features).toEqual([...probe.value.features].sort());
      }
    },
  );
});
