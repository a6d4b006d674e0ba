import { expect } from 'vitest';
import { createNodeGpu } from '../src/index.ts';

// How GPU-tagged tests get a device. Without an adapter they skip with a visible notice, unless
// VYRE_REQUIRE_GPU=1 (CI), where a missing adapter fails the test instead.

export interface GpuTestDevice {
  readonly adapter: GPUAdapter;
  readonly device: GPUDevice;
}

export type GpuSkip = (note: string) => never;

let noticePrinted = false;

export async function acquireGpuTestDevice(
  skip: GpuSkip,
): Promise<GpuTestDevice> {
  const gpu = await createNodeGpu();
  const adapter = gpu.ok
    ? await gpu.value.requestAdapter().catch(() => null)
    : null;
  if (adapter === null) {
    const reason = gpu.ok ? 'Dawn found no WebGPU adapter' : gpu.error.message;
    const fix =
      'install a Vulkan driver (./scripts/test installs Mesa lavapipe on Debian 12); see `./scripts/vyre doctor`';
    if (process.env['VYRE_REQUIRE_GPU'] === '1') {
      expect.fail(`VYRE_REQUIRE_GPU=1 but ${reason}. Fix: ${fix}.`);
    }
    const note = `GPU test skipped: ${reason}. Fix: ${fix}. Set VYRE_REQUIRE_GPU=1 to fail instead.`;
    if (!noticePrinted) {
      noticePrinted = true;
      console.warn(`\n[vyre] ${note}\n`);
    }
    return skip(note);
  }
  return { adapter, device: await adapter.requestDevice() };
}
