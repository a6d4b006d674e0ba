import { expect } from 'vitest';
import { WebGpuBackend, type WebGpuBackendOptions } from '../src/index.ts';
import type { GpuSkip } from './gpu-test-device.ts';

// How GPU-tagged tests get a WebGpuBackend: without an adapter they skip with a notice, unless
// VYRE_REQUIRE_GPU=1 (CI), where a missing adapter fails the test instead.

export async function acquireGpuTestBackend(
  skip: GpuSkip,
  options: WebGpuBackendOptions = {},
): Promise<WebGpuBackend> {
  const created = await WebGpuBackend.create(options);
  if (created.ok) {
    return created.value;
  }
  const note = `GPU test skipped: ${created.error.format()}`;
  if (process.env['VYRE_REQUIRE_GPU'] === '1') {
    expect.fail(`VYRE_REQUIRE_GPU=1 but ${note}`);
  }
  return skip(note);
}
