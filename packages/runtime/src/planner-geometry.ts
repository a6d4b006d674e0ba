import { err, ok, StackError, type Result } from '@vyre/foundation';
import { MAX_RING_SLOTS } from '@vyre/telemetry';
import { isU32 } from './publish-slot.ts';

// Launch geometry of the megakernel (vyre `worker_workgroup_size`, `padded_slot_count`,
// `dispatch_grid_for`, `default_worker_groups_from_limits` and `SchedulingPolicy::standard()`). The
// formulas are vyre's, kept verbatim; the raw helpers take counts the caller already checked, and
// `planLaunchGeometry` is the validating entry point.

/**
 * The sizing numbers of vyre's `SchedulingPolicy::standard()`.
 *
 * @public
 */
export const SCHEDULING_POLICY: {
  /** Worker workgroups when the caller names none. */
  readonly defaultWorkerCount: 64;
  /** Workgroups per dimension per worker group, for `defaultWorkerGroupsFromLimits`. */
  readonly occupancyDivisor: 256;
  /** The dispatch grid never exceeds this many workgroups along x. */
  readonly maxDispatchWorkgroups: 1024;
  /** A device with at least this many invocations per workgroup counts as powerful. */
  readonly powerfulDeviceInvocations: 4096;
  /** The fewest worker groups a powerful device gets. */
  readonly powerfulDeviceMinWorkerGroups: 64;
  /** The smallest portable workgroup size x. */
  readonly minWorkgroupSizeX: 32;
  /** The default workgroup size x. */
  readonly defaultWorkgroupSizeX: 64;
  /** The largest portable workgroup size x (WebGPU guarantees 256 invocations). */
  readonly maxWorkgroupSizeX: 256;
  /** Over-dispatch multiplier for fused launches. */
  readonly fusedOverDispatchMultiplier: 4;
} = {
  defaultWorkerCount: 64,
  occupancyDivisor: 256,
  maxDispatchWorkgroups: 1024,
  powerfulDeviceInvocations: 4096,
  powerfulDeviceMinWorkerGroups: 64,
  minWorkgroupSizeX: 32,
  defaultWorkgroupSizeX: 64,
  maxWorkgroupSizeX: 256,
  fusedOverDispatchMultiplier: 4,
};

/**
 * Where a megakernel launch puts its lanes and slots (vyre `ResidentLaunchGeometry`).
 *
 * @public
 */
export interface LaunchGeometry {
  /** Lanes per workgroup. */
  readonly workgroupSizeX: number;
  /** Ring slots: the queue length padded up to a whole number of workgroups (at least one). */
  readonly slotCount: number;
  /** Workgroups along x, y and z; y and z are always 1. */
  readonly dispatchGrid: readonly [number, number, number];
}

/**
 * What a launch geometry is planned from.
 *
 * @public
 */
export interface LaunchGeometryRequest {
  /** Work items to run (a u32; 0 plans one empty workgroup of slots). */
  readonly queueLen: number;
  /** Lanes per workgroup before clamping (default 64). */
  readonly workgroupSize?: number;
  /** Worker workgroups, the grid's cap before the 1024 limit (default 64). */
  readonly workerCount?: number;
  /** The device's largest workgroup size x (default 256). */
  readonly maxWorkgroupSize?: number;
}

/** RUNTIME_GEOMETRY_INVALID with `message`. */
export function geometryInvalid(message: string): Result<never> {
  return err(new StackError('RUNTIME_GEOMETRY_INVALID', message));
}

/**
 * Lanes per workgroup for `workers` requested lanes: `clamp(workers, 1, maxX)` (vyre
 * `worker_workgroup_size`).
 *
 * @param workers - requested lanes per workgroup (a u32)
 * @param maxX - the device's largest workgroup size x (a u32; 0 counts as 1)
 * @returns the workgroup size x
 *
 * @public
 */
export function workerWorkgroupSize(workers: number, maxX: number): number {
  return Math.min(Math.max(workers, 1), Math.max(maxX, 1));
}

/**
 * Slots for `slots` work items padded to whole workgroups: `max(1, ceil(slots / wg)) × wg` (vyre
 * `padded_slot_count`).
 *
 * @param slots - work items (a u32)
 * @param wg - the workgroup size x (at least 1)
 * @returns the padded slot count
 *
 * @public
 */
export function paddedSlotCount(slots: number, wg: number): number {
  return Math.max(1, Math.ceil(slots / wg)) * wg;
}

/**
 * The dispatch grid: `[min(max(1, ceil(queueLen / wg)), max(1, workers), 1024), 1, 1]` (vyre
 * `dispatch_grid_for`).
 *
 * @param workers - worker workgroups requested (a u32)
 * @param queueLen - work items (a u32)
 * @param wg - the workgroup size x (at least 1)
 * @returns the grid
 *
 * @public
 */
export function dispatchGridFor(
  workers: number,
  queueLen: number,
  wg: number,
): readonly [number, number, number] {
  const needed = Math.max(1, Math.ceil(queueLen / wg));
  const x = Math.min(
    needed,
    Math.max(1, workers),
    SCHEDULING_POLICY.maxDispatchWorkgroups,
  );
  return [x, 1, 1];
}

/**
 * Device limits that size the default worker-group count.
 *
 * @public
 */
export interface WorkerGroupLimits {
  readonly maxWorkgroupsPerDimension: number;
  readonly maxInvocationsPerWorkgroup: number;
}

/**
 * The default worker-group count for a device: the larger of
 * `clamp(floor(maxWorkgroupsPerDimension / 256), 1, 1024)` and 64 when
 * `maxInvocationsPerWorkgroup ≥ 4096` (vyre `default_worker_groups_from_limits`).
 *
 * @param limits - the device's limits (u32 counts)
 * @returns the worker groups
 *
 * @public
 */
export function defaultWorkerGroupsFromLimits(
  limits: WorkerGroupLimits,
): number {
  const byGrid = Math.min(
    Math.max(
      Math.floor(
        limits.maxWorkgroupsPerDimension / SCHEDULING_POLICY.occupancyDivisor,
      ),
      1,
    ),
    SCHEDULING_POLICY.maxDispatchWorkgroups,
  );
  const floor =
    limits.maxInvocationsPerWorkgroup >=
    SCHEDULING_POLICY.powerfulDeviceInvocations
      ? SCHEDULING_POLICY.powerfulDeviceMinWorkerGroups
      : 0;
  return Math.max(byGrid, floor);
}

/**
 * The workgroups a ring of `slotCount` slots needs, one lane per slot: `slotCount / workgroupSizeX`.
 *
 * @param slotCount - ring slots: a positive multiple of `workgroupSizeX`, at most MAX_RING_SLOTS
 * @param workgroupSizeX - lanes per workgroup (a positive u32)
 * @returns the workgroup count, or RUNTIME_GEOMETRY_INVALID
 *
 * @public
 */
export function workerGroupsForGeometry(
  slotCount: number,
  workgroupSizeX: number,
): Result<number> {
  if (!isU32(workgroupSizeX) || workgroupSizeX === 0) {
    return geometryInvalid(
      `the workgroup size x must be an integer from 1 to 4294967295: expected a positive u32, found ${String(workgroupSizeX)}.`,
    );
  }
  if (
    !isU32(slotCount) ||
    slotCount === 0 ||
    slotCount > MAX_RING_SLOTS ||
    slotCount % workgroupSizeX !== 0
  ) {
    return geometryInvalid(
      `the slot count must be a positive multiple of the workgroup size ${workgroupSizeX}: expected at most ${MAX_RING_SLOTS} slots in whole workgroups, found ${String(slotCount)}.`,
    );
  }
  return ok(slotCount / workgroupSizeX);
}

/**
 * Plans the geometry of one megakernel launch: the workgroup size (`workgroupSize` clamped to
 * 1..`maxWorkgroupSize`), the ring's slots (the queue padded to whole workgroups) and the grid (capped
 * by the worker count and 1024).
 *
 * @remarks
 * Every count must be a u32, `maxWorkgroupSize` at least 1, and the padded ring at most
 * `MAX_RING_SLOTS` slots so that its word count fits a u32; anything else is RUNTIME_GEOMETRY_INVALID.
 *
 * @example
 * ```ts
 * const plan = planLaunchGeometry({ queueLen: 1000 });
 * // ok: { workgroupSizeX: 64, slotCount: 1024, dispatchGrid: [16, 1, 1] }
 * ```
 *
 * @param request - the queue length and optional sizes
 * @returns the geometry, or RUNTIME_GEOMETRY_INVALID
 *
 * @public
 */
export function planLaunchGeometry(
  request: LaunchGeometryRequest,
): Result<LaunchGeometry> {
  const {
    queueLen,
    workgroupSize = SCHEDULING_POLICY.defaultWorkgroupSizeX,
    workerCount = SCHEDULING_POLICY.defaultWorkerCount,
    maxWorkgroupSize = SCHEDULING_POLICY.maxWorkgroupSizeX,
  } = request;
  const fields = { queueLen, workgroupSize, workerCount, maxWorkgroupSize };
  for (const [name, value] of Object.entries(fields)) {
    if (!isU32(value)) {
      return geometryInvalid(
        `${name} must be an integer from 0 to 4294967295: expected a u32, found ${String(value)}.`,
      );
    }
  }
  if (maxWorkgroupSize === 0) {
    return geometryInvalid(
      'maxWorkgroupSize must allow at least one lane: expected 1 or more, found 0.',
    );
  }
  const workgroupSizeX = workerWorkgroupSize(workgroupSize, maxWorkgroupSize);
  const slotCount = paddedSlotCount(queueLen, workgroupSizeX);
  if (slotCount > MAX_RING_SLOTS) {
    return geometryInvalid(
      `the ring for ${queueLen} items in workgroups of ${workgroupSizeX} needs ${slotCount} slots: expected at most ${MAX_RING_SLOTS} (16 words each must fit a u32 index), found ${slotCount}.`,
    );
  }
  return ok({
    workgroupSizeX,
    slotCount,
    dispatchGrid: dispatchGridFor(workerCount, queueLen, workgroupSizeX),
  });
}
