import { CpuRefBackend } from '@vyre/driver-cpu-ref';
import { WebGpuBackend } from '@vyre/driver-webgpu';
import { ok, type Result } from '@vyre/foundation';
import type { VyreBackend } from '@vyre/ir';

// The backends a command may be asked for by name (`--backend`): a WebGPU device (its error, coded,
// when there is no adapter), or the CPU reference.

/** The names `--backend` takes. */
export type BackendName = 'webgpu' | 'cpu-ref';

/** Opens the backend named `name`. */
export async function openNamedBackend(
  name: BackendName,
): Promise<Result<VyreBackend>> {
  return name === 'cpu-ref' ? ok(new CpuRefBackend()) : WebGpuBackend.create();
}
