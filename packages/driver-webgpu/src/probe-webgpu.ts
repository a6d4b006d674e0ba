import { err, ok, StackError, type Result } from '@vyre/foundation';
import { resolveGpu } from './resolve-gpu.ts';

/**
 * The adapter limits vyre reports and plans with.
 *
 * @public
 */
export const KEY_ADAPTER_LIMITS = [
  'maxBufferSize',
  'maxStorageBufferBindingSize',
  'maxStorageBuffersPerShaderStage',
  'maxComputeWorkgroupSizeX',
  'maxComputeInvocationsPerWorkgroup',
  'maxComputeWorkgroupsPerDimension',
  'maxComputeWorkgroupStorageSize',
] as const;

/**
 * One of {@link KEY_ADAPTER_LIMITS}.
 *
 * @public
 */
export type KeyAdapterLimit = (typeof KEY_ADAPTER_LIMITS)[number];

/**
 * What {@link probeWebGpu} found: the adapter's identity, features and key limits.
 *
 * @public
 */
export interface AdapterReport {
  /** The adapter's vendor (`GPUAdapterInfo.vendor`), for example `'nvidia'` or `'mesa'`; may be empty. */
  readonly vendor: string;
  /** The GPU family (`GPUAdapterInfo.architecture`); may be empty. */
  readonly architecture: string;
  /** The device identifier (`GPUAdapterInfo.device`); may be empty. */
  readonly device: string;
  /** A human-readable description of the adapter and driver; may be empty. */
  readonly description: string;
  /** True for a software or otherwise degraded adapter the browser or Dawn marks as a fallback. */
  readonly isFallbackAdapter: boolean;
  /** Optional WebGPU features the adapter offers, sorted. */
  readonly features: readonly string[];
  /** The adapter's values for {@link KEY_ADAPTER_LIMITS}. */
  readonly limits: Readonly<Record<KeyAdapterLimit, number>>;
}

/**
 * Options for {@link probeWebGpu}.
 *
 * @public
 */
export interface ProbeWebGpuOptions {
  /** The `GPU` to probe; defaults to `navigator.gpu` in a browser and Dawn in Node. */
  readonly gpu?: GPU;
  /** Dawn toggles, used only when Dawn is loaded here (see `createNodeGpu`). */
  readonly flags?: readonly string[];
  /** Passed to `requestAdapter()`: prefer a low-power or a high-performance adapter. */
  readonly powerPreference?: GPUPowerPreference;
}

/**
 * Finds a WebGPU adapter, checks that it creates a device, and reports what it offers.
 *
 * @remarks
 * The device is destroyed before this returns, so a probe leaves nothing that keeps Node alive.
 * Failures: `WEBGPU_MODULE_UNAVAILABLE` (Dawn cannot load), `WEBGPU_NO_ADAPTER` (no GPU or usable
 * Vulkan driver; on Linux without a GPU, Mesa lavapipe 25 or later provides one) and
 * `WEBGPU_DEVICE_REQUEST_FAILED`.
 *
 * @param options - which GPU to probe and how
 *
 * @example
 * ```ts
 * import { probeWebGpu } from '@vyre/driver-webgpu';
 * const probe = await probeWebGpu();
 * console.log(probe.ok ? probe.value.description : probe.error.format());
 * ```
 *
 * @public
 */
export async function probeWebGpu(
  options: ProbeWebGpuOptions = {},
): Promise<Result<AdapterReport>> {
  const gpu = await resolveGpu(options);
  if (!gpu.ok) {
    return gpu;
  }
  let adapter: GPUAdapter | null;
  try {
    adapter = await gpu.value.requestAdapter(
      options.powerPreference === undefined
        ? undefined
        : { powerPreference: options.powerPreference },
    );
  } catch (thrown) {
    // Dawn rejects (rather than resolving null) when its adapter filter matches nothing.
    return noAdapter(
      `the error "${thrown instanceof Error ? thrown.message : String(thrown)}"`,
      thrown,
    );
  }
  if (adapter === null) {
    return noAdapter('none');
  }
  let device: GPUDevice;
  try {
    device = await adapter.requestDevice();
  } catch (thrown) {
    const reason = thrown instanceof Error ? thrown.message : String(thrown);
    return err(
      new StackError(
        'WEBGPU_DEVICE_REQUEST_FAILED',
        `requestDevice() on adapter "${adapter.info.description}" failed: expected a device, found the error "${reason}".`,
        { cause: thrown },
      ),
    );
  }
  device.destroy();
  return ok(describeAdapter(adapter));
}

function noAdapter(found: string, cause?: unknown): Result<never> {
  return err(
    new StackError(
      'WEBGPU_NO_ADAPTER',
      `requestAdapter() found no WebGPU adapter: expected a GPU or a software Vulkan driver, found ${found}.`,
      cause === undefined ? {} : { cause },
    ),
  );
}

function describeAdapter(adapter: GPUAdapter): AdapterReport {
  const { info } = adapter;
  const limits = Object.fromEntries(
    KEY_ADAPTER_LIMITS.map((name) => [name, adapter.limits[name]]),
  );
  return {
    vendor: info.vendor,
    architecture: info.architecture,
    device: info.device,
    description: info.description,
    isFallbackAdapter: info.isFallbackAdapter,
    features: [...adapter.features].sort(),
    limits: limits as Record<KeyAdapterLimit, number>,
  };
}
