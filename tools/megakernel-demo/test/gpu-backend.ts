import { afterAll, expect } from 'vitest';
import { WebGpuBackend } from '@vyre/driver-webgpu';

// The WebGPU backend the tests of one file share: created by the first test that needs it, disposed
// after the file. Without an adapter the tests skip with a notice, unless VYRE_REQUIRE_GPU=1 (CI),
// where a missing adapter fails them instead.

let shared: Promise<WebGpuBackend | string> | undefined;

afterAll(async () => {
  const backend = await shared;
  if (backend instanceof WebGpuBackend) {
    backend.dispose();
  }
  shared = undefined;
});

export async function sharedGpuBackend(
  skip: (note: string) => never,
): Promise<WebGpuBackend> {
  shared ??= WebGpuBackend.create().then((created) =>
    created.ok ? created.value : created.error.format(),
  );
  const backend = await shared;
  if (backend instanceof WebGpuBackend) {
    return backend;
  }
  const note = `GPU test skipped: ${backend}`;
  if (process.env['VYRE_REQUIRE_GPU'] === '1') {
    expect.fail(`VYRE_REQUIRE_GPU=1 but ${note}`);
  }
  return skip(note);
}
