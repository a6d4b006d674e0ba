import { ok, type Result } from '@vyre/foundation';
import { createNodeGpu } from './node-gpu.ts';

/** Where a `GPU` object comes from: one the caller gives, `navigator.gpu` in a browser, or Dawn in Node. */
export interface GpuSource {
  /** A `GPU` to use as it is. */
  readonly gpu?: GPU;
  /** Dawn toggles, used only when Dawn is loaded (see `createNodeGpu`). */
  readonly flags?: readonly string[];
}

/** The `GPU` of `source`: the given one, `navigator.gpu` where it exists, or Dawn. */
export async function resolveGpu(source: GpuSource): Promise<Result<GPU>> {
  if (source.gpu !== undefined) {
    return ok(source.gpu);
  }
  const browserGpu =
    typeof navigator === 'undefined'
      ? undefined
      : (navigator as Partial<Navigator>).gpu;
  if (browserGpu !== undefined) {
    return ok(browserGpu);
  }
  return createNodeGpu(
    source.flags === undefined ? {} : { flags: source.flags },
  );
}
