import { err, ok, StackError, type Result } from '@vyre/foundation';

// A variable specifier keeps bundlers from pulling Dawn (a native Node module) into browser builds,
// and keeps the `webgpu` package's own typings (which redeclare the WebGPU types that TypeScript's DOM
// library already has) out of our type-check.
const DAWN_MODULE: string = 'webgpu';

interface DawnModule {
  create(flags: string[]): GPU;
}

// One Dawn instance per set of flags, kept for the life of the process. Dropping a Dawn instance while
// its event loop hook still has ProcessEvents scheduled is a use-after-free in the `webgpu` package
// (a SIGSEGV in dawn::native::CallbackTaskManager::Flush, seen here in about 1 of 5 test runs; compare
// dawn-gpu/node-webgpu#18). Holding the GPU object does not keep Node from exiting.
const instances = new Map<string, GPU>();

/**
 * Options for {@link createNodeGpu}.
 *
 * @public
 */
export interface NodeGpuOptions {
  /**
   * Dawn toggles passed to the `webgpu` package's `create()`, for example `'backend=vulkan'`,
   * `'adapter=NVIDIA'` or `'disable-dawn-features=timestamp_quantization'`.
   */
  readonly flags?: readonly string[];
}

/**
 * Creates a `GPU` object in Node through Dawn (the `webgpu` npm package).
 *
 * @remarks
 * Loads Dawn lazily, so importing this package never loads a native module. Calls with the same flags
 * return the same `GPU` object: its Dawn instance lives as long as the process, because dropping it
 * while Dawn has callbacks scheduled crashes Node. Fails with
 * `WEBGPU_MODULE_UNAVAILABLE` when the module cannot be loaded (no binary for this platform, or a
 * missing system library). In a browser, use `navigator.gpu` instead.
 *
 * @param options - Dawn flags
 *
 * @example
 * ```ts
 * import { createNodeGpu } from '@vyre/driver-webgpu';
 * const gpu = await createNodeGpu({ flags: ['backend=vulkan'] });
 * if (gpu.ok) console.log(await gpu.value.requestAdapter());
 * ```
 *
 * @public
 */
export async function createNodeGpu(
  options: NodeGpuOptions = {},
): Promise<Result<GPU>> {
  const flags = [...(options.flags ?? [])];
  const key = flags.join('\n');
  const existing = instances.get(key);
  if (existing !== undefined) {
    return ok(existing);
  }
  try {
    const dawn = (await import(
      /* @vite-ignore */ DAWN_MODULE
    )) as Partial<DawnModule>;
    if (typeof dawn.create !== 'function') {
      throw new TypeError('the module has no create() function');
    }
    const gpu = dawn.create(flags);
    instances.set(key, gpu);
    return ok(gpu);
  } catch (thrown) {
    const reason = thrown instanceof Error ? thrown.message : String(thrown);
    return err(
      new StackError(
        'WEBGPU_MODULE_UNAVAILABLE',
        `loading Dawn (the \`webgpu\` package) failed on ${platform()}: expected a loadable native module, found the error "${reason}".`,
        { cause: thrown },
      ),
    );
  }
}

// The host platform for messages, without assuming Node's `process` exists (this package also runs in
// browsers, where only this function's fallback applies).
function platform(): string {
  const host = (
    globalThis as {
      readonly process?: { readonly platform?: string; readonly arch?: string };
    }
  ).process;
  return host?.platform === undefined
    ? 'this platform'
    : `${host.platform}-${host.arch ?? 'unknown'}`;
}
