import { err, StackError, type Result } from '@vyre/foundation';
import type { ResidentRange } from './vyre-backend.ts';

/**
 * Checks the caller-owned storage of a sequence's reads, for every backend: each `into` must be a
 * `Uint8Array` exactly as long as its range.
 *
 * @param reads - the ranges a sequence will read
 * @returns undefined when every target fits, or `DISPATCH_OUTPUT_STORAGE` naming the first that does not
 *
 * @public
 */
export function checkReadTargets(
  reads: readonly ResidentRange[],
): Result<never> | undefined {
  for (const [i, read] of reads.entries()) {
    const into: unknown = read.into;
    if (into === undefined) {
      continue;
    }
    if (!(into instanceof Uint8Array) || into.byteLength !== read.byteLength) {
      return err(
        new StackError(
          'DISPATCH_OUTPUT_STORAGE',
          `read ${i} has storage that does not fit its range: expected a Uint8Array of ${read.byteLength} bytes, found ${into instanceof Uint8Array ? `${into.byteLength} bytes` : typeof into}.`,
        ),
      );
    }
  }
  return undefined;
}
