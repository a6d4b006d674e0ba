import { err, ok, StackError, type Result } from '@vyre/foundation';

// Requesting a device for compute: the adapter's own compute limits (not WebGPU's defaults) and every
// optional feature vyre can use.

/**
 * The optional WebGPU features the backend asks for when the adapter has them: timestamps for device
 * timing, subgroups and f16 for programs that use them.
 *
 * @public
 */
export const USEFUL_FEATURES = [
  'timestamp-query',
  'subgroups',
  'shader-f16',
] as const;

// The limits a compute backend depends on, requested at the adapter's values.
const COMPUTE_LIMITS = [
  'maxBufferSize',
  'maxStorageBufferBindingSize',
  'maxStorageBuffersPerShaderStage',
  'maxComputeWorkgroupStorageSize',
  'maxComputeInvocationsPerWorkgroup',
  'maxComputeWorkgroupSizeX',
  'maxComputeWorkgroupSizeY',
  'maxComputeWorkgroupSizeZ',
  'maxComputeWorkgroupsPerDimension',
] as const;

/**
 * Which adapter a device came from, as its driver describes it; recovery from device loss insists on
 * the same one.
 *
 * @public
 */
export interface AdapterIdentity {
  readonly vendor: string;
  readonly architecture: string;
  readonly device: string;
  readonly description: string;
}

/** The identity of an adapter. */
function identityOf(adapter: GPUAdapter): AdapterIdentity {
  const { vendor, architecture, device, description } = adapter.info;
  return { vendor, architecture, device, description };
}

/** Whether two identities name the same adapter. */
export function sameAdapter(a: AdapterIdentity, b: AdapterIdentity): boolean {
  return (
    a.vendor === b.vendor &&
    a.architecture === b.architecture &&
    a.device === b.device &&
    a.description === b.description
  );
}

/** A device and the adapter it came from. */
export interface AcquiredDevice {
  readonly device: GPUDevice;
  readonly identity: AdapterIdentity;
}

/** Finds an adapter and requests a compute device from it with its limits and useful features. */
export async function acquireDevice(
  gpu: GPU,
  powerPreference: GPUPowerPreference | undefined,
): Promise<Result<AcquiredDevice>> {
  let adapter: GPUAdapter | null;
  try {
    adapter = await gpu.requestAdapter(
      powerPreference === undefined ? undefined : { powerPreference },
    );
  } catch (thrown) {
    // Dawn rejects (rather than resolving null) when its adapter filter matches nothing.
    return err(
      new StackError(
        'WEBGPU_NO_ADAPTER',
        `requestAdapter() found no WebGPU adapter: expected a GPU or a software Vulkan driver, found the error "${thrown instanceof Error ? thrown.message : String(thrown)}".`,
        { cause: thrown },
      ),
    );
  }
  if (adapter === null) {
    return err(
      new StackError(
        'WEBGPU_NO_ADAPTER',
        'requestAdapter() found no WebGPU adapter: expected a GPU or a software Vulkan driver, found none.',
      ),
    );
  }
  const requiredFeatures = USEFUL_FEATURES.filter((feature) =>
    adapter.features.has(feature),
  );
  const requiredLimits: Record<string, number> = {};
  for (const name of COMPUTE_LIMITS) {
    requiredLimits[name] = adapter.limits[name];
  }
  try {
    const device = await adapter.requestDevice({
      requiredFeatures,
      requiredLimits,
      label: 'vyre',
    });
    return ok({ device, identity: identityOf(adapter) });
  } catch (thrown) {
    return err(
      new StackError(
        'WEBGPU_DEVICE_REQUEST_FAILED',
        `requestDevice() on adapter "${adapter.info.description}" failed: expected a device, found the error "${thrown instanceof Error ? thrown.message : String(thrown)}".`,
        { cause: thrown },
      ),
    );
  }
}
