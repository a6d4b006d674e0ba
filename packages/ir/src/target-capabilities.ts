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
}

/**
 * The capabilities every WebGPU device has: no subgroups, no f16, no grid sync. The validator uses
 * these when no capabilities are given, so a program it accepts by default compiles on any WebGPU
 * device.
 *
 * @public
 */
export const BASELINE_WGSL_CAPABILITIES: TargetCapabilities = {
  subgroups: false,
  shaderF16: false,
  gridSync: false,
};
