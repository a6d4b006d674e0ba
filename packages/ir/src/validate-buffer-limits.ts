import type { TargetLimits } from './target-capabilities.ts';
import { describeValue } from './validate-value-description.ts';

// The target limits on a program's buffers taken together (V139, V140). They are found before the
// buffers are checked one by one, so that each is reported in program order, at the buffer that
// first takes the program over the limit.

/**
 * What one buffer declaration counts against the target limits: a storage binding, some bytes of
 * workgroup memory, or nothing (a declaration that is malformed, already reported).
 *
 * @internal
 */
export type BufferFootprint =
  | { readonly kind: 'storage'; readonly name: unknown }
  | {
      readonly kind: 'workgroup';
      readonly name: unknown;
      readonly bytes: number;
    }
  | undefined;

/**
 * A limit the buffers exceed, to be reported at buffer `index`.
 *
 * @internal
 */
export interface BufferLimitOverrun {
  readonly index: number;
  readonly code: 'V139' | 'V140';
  readonly message: string;
}

/**
 * V139 (workgroup memory) and V140 (storage buffers): the limits the buffers exceed together, each at
 * the buffer that first takes the total over it, in buffer order.
 *
 * @param footprints - each buffer declaration's footprint, in declaration order
 * @param limits - the target's limits
 *
 * @internal
 */
export function findBufferLimitOverruns(
  footprints: readonly BufferFootprint[],
  limits: TargetLimits,
): BufferLimitOverrun[] {
  const storageLimit = limits.maxStorageBuffersPerShaderStage;
  const bytesLimit = limits.maxComputeWorkgroupStorageSize;
  let storage = 0;
  let bytes = 0;
  let storageOver: number | undefined;
  let bytesOver: number | undefined;
  footprints.forEach((footprint, index) => {
    if (footprint?.kind === 'storage') {
      storage += 1;
      if (storage > storageLimit && storageOver === undefined) {
        storageOver = index;
      }
    } else if (footprint?.kind === 'workgroup') {
      bytes += footprint.bytes;
      if (bytes > bytesLimit && bytesOver === undefined) {
        bytesOver = index;
      }
    }
  });
  const overruns: BufferLimitOverrun[] = [];
  if (bytesOver !== undefined) {
    overruns.push({
      index: bytesOver,
      code: 'V139',
      message: `the workgroup buffers take ${bytes} bytes: expected at most ${bytesLimit} (the target's maxComputeWorkgroupStorageSize), found ${bytes}, over the limit from buffer ${nameAt(footprints, bytesOver)} on`,
    });
  }
  if (storageOver !== undefined) {
    overruns.push({
      index: storageOver,
      code: 'V140',
      message: `the program declares ${storage} storage buffers (every buffer but workgroup ones): expected at most ${storageLimit} (the target's maxStorageBuffersPerShaderStage), found ${storage}, over the limit from buffer ${nameAt(footprints, storageOver)} on`,
    });
  }
  return overruns.sort((a, b) => a.index - b.index);
}

function nameAt(footprints: readonly BufferFootprint[], index: number): string {
  return describeValue(footprints[index]?.name);
}
