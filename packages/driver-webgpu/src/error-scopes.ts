import { StackError } from '@vyre/foundation';

// Error scopes around allocation and submission: WebGPU reports out-of-memory and validation errors
// asynchronously, through scopes, instead of throwing; these become coded errors.

/**
 * Opens an out-of-memory and a validation scope on `device`; the returned function closes both and
 * yields the first error as BACKEND_OUT_OF_MEMORY or BACKEND_DISPATCH_FAILED, or undefined.
 */
export function openErrorScopes(
  device: GPUDevice,
  what: string,
): () => Promise<StackError | undefined> {
  device.pushErrorScope('out-of-memory');
  device.pushErrorScope('validation');
  return async () => {
    // Scopes close innermost first. A lost device rejects both; its loss is reported elsewhere.
    const [validation, memory] = await Promise.all([
      device.popErrorScope().catch(() => null),
      device.popErrorScope().catch(() => null),
    ]);
    if (memory !== null) {
      return new StackError(
        'BACKEND_OUT_OF_MEMORY',
        `${what} ran out of device memory: expected the allocation to succeed, found "${memory.message}".`,
      );
    }
    if (validation !== null) {
      return new StackError(
        'BACKEND_DISPATCH_FAILED',
        `${what} failed WebGPU validation: expected none, found "${validation.message}".`,
      );
    }
    return undefined;
  };
}
