import type { TargetCapabilities } from '@vyre/ir';

/**
 * What a WebGPU device can run, for the validator and `prepareDispatch`: subgroups and f16 when the
 * device has the features, no grid-wide barriers (WebGPU has none), and the device's own limits.
 *
 * @param device - the device
 *
 * @public
 */
export function webGpuCapabilities(device: GPUDevice): TargetCapabilities {
  const { limits, features } = device;
  return {
    subgroups: features.has('subgroups'),
    shaderF16: features.has('shader-f16'),
    gridSync: false,
    limits: {
      maxComputeWorkgroupSizeX: limits.maxComputeWorkgroupSizeX,
      maxComputeWorkgroupSizeY: limits.maxComputeWorkgroupSizeY,
      maxComputeWorkgroupSizeZ: limits.maxComputeWorkgroupSizeZ,
      maxComputeInvocationsPerWorkgroup:
        limits.maxComputeInvocationsPerWorkgroup,
      maxComputeWorkgroupStorageSize: limits.maxComputeWorkgroupStorageSize,
      maxStorageBuffersPerShaderStage: limits.maxStorageBuffersPerShaderStage,
      // A binding can never exceed the largest buffer.
      maxStorageBufferBindingSize: Math.min(
        limits.maxStorageBufferBindingSize,
        limits.maxBufferSize,
      ),
      maxComputeWorkgroupsPerDimension: limits.maxComputeWorkgroupsPerDimension,
    },
  };
}
