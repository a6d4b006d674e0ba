import { CpuRefBackend } from '@vyre/driver-cpu-ref';
import { WebGpuBackend } from '@vyre/driver-webgpu';
import { err, ok, StackError, type Result } from '@vyre/foundation';
import type { VyreBackend } from '@vyre/ir';

// The backends a command may be asked for by name (`--backend`): a WebGPU device (its error, coded,
// when there is no adapter), or the CPU reference.

/** The names `--backend` takes. */
export type BackendName = 'webgpu' | 'cpu-ref';

/** Every backend name, in the order help texts list them. */
export const BACKEND_NAMES: readonly BackendName[] = ['webgpu', 'cpu-ref'];

/**
 * The backend named by option `--<option>` (undefined when it is absent), or a `CLI_USAGE` error
 * listing the names.
 */
export function parseBackendName(
  value: string | boolean | undefined,
  option: string = 'backend',
): Result<BackendName | undefined> {
  if (value === undefined) {
    return ok(undefined);
  }
  const name = BACKEND_NAMES.find((candidate) => candidate === value);
  return name !== undefined
    ? ok(name)
    : err(
        new StackError(
          'CLI_USAGE',
          `--${option} takes one of ${BACKEND_NAMES.join(', ')}: expected for example --${option} cpu-ref, found ${JSON.stringify(value)}.`,
        ),
      );
}

/** Opens the backend named `name`. */
export async function openNamedBackend(
  name: BackendName,
): Promise<Result<VyreBackend>> {
  switch (name) {
    case 'cpu-ref':
      return ok(new CpuRefBackend());
    case 'webgpu':
      return WebGpuBackend.create();
  }
}
