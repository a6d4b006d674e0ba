/**
 * The resource limits of a target that decide whether a program fits one compute pipeline, named after
 * the WebGPU limits (`GPUSupportedLimits`) they mirror.
 *
 * @remarks
 * A device may allow more than the WebGPU defaults in {@link BASELINE_WGSL_CAPABILITIES}; validate
 * with its limits (`device.limits`) to accept programs that only fit it. Every limit is a positive
 * integer.
 *
 * @public
 */
export interface TargetLimits {
  /** The largest workgroup size along x (V106); WebGPU `maxComputeWorkgroupSizeX`. */
  readonly maxComputeWorkgroupSizeX: number;
  /** The largest workgroup size along y (V106); WebGPU `maxComputeWorkgroupSizeY`. */
  readonly maxComputeWorkgroupSizeY: number;
  /** The largest workgroup size along z (V106); WebGPU `maxComputeWorkgroupSizeZ`. */
  readonly maxComputeWorkgroupSizeZ: number;
  /**
   * The most invocations in one workgroup, x · y · z (V138); WebGPU
   * `maxComputeInvocationsPerWorkgroup`.
   */
  readonly maxComputeInvocationsPerWorkgroup: number;
  /**
   * The most bytes all workgroup buffers may take together (V139); WebGPU
   * `maxComputeWorkgroupStorageSize`.
   */
  readonly maxComputeWorkgroupStorageSize: number;
  /**
   * The most storage buffers (every buffer that is not a workgroup buffer, uniform buffers included,
   * which are bound as read-only storage) one shader may bind (V140); WebGPU
   * `maxStorageBuffersPerShaderStage`.
   */
  readonly maxStorageBuffersPerShaderStage: number;
  /**
   * The most bytes one storage buffer binding may hold (checked at dispatch); WebGPU
   * `maxStorageBufferBindingSize`.
   */
  readonly maxStorageBufferBindingSize: number;
  /** The most workgroups along one grid axis (checked at dispatch); WebGPU `maxComputeWorkgroupsPerDimension`. */
  readonly maxComputeWorkgroupsPerDimension: number;
}

/**
 * What a backend can lower, which decides what the validator accepts for it.
 *
 * @public
 */
export interface TargetCapabilities {
  /** Subgroup ballot, shuffle, reduce and lane queries (WebGPU feature `subgroups`). */
  readonly subgroups: boolean;
  /** f16 buffers and values (WebGPU feature `shader-f16`). */
  readonly shaderF16: boolean;
  /** Whole-dispatch (`gridSync`) barriers, e.g. by splitting the program into segments. */
  readonly gridSync: boolean;
  /** The device's resource limits: workgroup size, workgroup memory and storage buffers. */
  readonly limits: TargetLimits;
}

/**
 * The capabilities every WebGPU device has: no subgroups, no f16, no grid sync, and the default
 * WebGPU limits. The validator uses these when no capabilities are given, so a program it accepts by
 * default compiles and runs on any WebGPU device.
 *
 * @remarks
 * The limits are the WebGPU defaults: workgroups of at most 256 × 256 × 64 and 256 invocations,
 * 16384 bytes of workgroup memory, 8 storage buffers of at most 128 MiB each, and 65535 workgroups per
 * grid dimension. To describe another target, spread this
 * object and override what differs.
 *
 * @example
 * ```ts
 * import { BASELINE_WGSL_CAPABILITIES, type TargetCapabilities } from '@vyre/ir';
 * const large: TargetCapabilities = {
 *   ...BASELINE_WGSL_CAPABILITIES,
 *   limits: { ...BASELINE_WGSL_CAPABILITIES.limits, maxComputeInvocationsPerWorkgroup: 1024 },
 * };
 * ```
 *
 * @public
 */
export const BASELINE_WGSL_CAPABILITIES: TargetCapabilities = {
  subgroups: false,
  shaderF16: false,
  gridSync: false,
  limits: {
    maxComputeWorkgroupSizeX: 256,
    maxComputeWorkgroupSizeY: 256,
    maxComputeWorkgroupSizeZ: 64,
    maxComputeInvocationsPerWorkgroup: 256,
    maxComputeWorkgroupStorageSize: 16384,
    maxStorageBuffersPerShaderStage: 8,
    maxStorageBufferBindingSize: 134_217_728,
    maxComputeWorkgroupsPerDimension: 65_535,
  },
};
