/**
 * The launch topology the planner chose (vyre `MegakernelDispatchTopology`).
 *
 * @public
 */
export type DispatchTopology =
  | 'empty'
  | 'memoryConstrained'
  | 'sparseFrontier'
  | 'hybridFrontier'
  | 'denseFrontier'
  | 'fusedDense';

/**
 * How full the queue is against the lanes (vyre `MegakernelQueuePressure`).
 *
 * @public
 */
export type QueuePressure = 'empty' | 'light' | 'balanced' | 'saturated';

/**
 * Interpreter or JIT (vyre `MegakernelExecutionMode`).
 *
 * @public
 */
export type ExecutionMode = 'interpreter' | 'jit';

/**
 * Production counters of one megakernel dispatch (vyre `MegakernelTelemetry`). Byte counts are safe
 * integers.
 *
 * @public
 */
export interface MegakernelTelemetry {
  readonly bytesUploaded: number;
  readonly bytesReadBack: number;
  readonly bytesMoved: number;
  readonly residentAllocations: number;
  readonly kernelLaunches: number;
  readonly syncPoints: number;
  /** Lane occupancy in basis points, at most 10000. */
  readonly occupancyProxyBps: number;
  /** Queue density in basis points, at most 10000. */
  readonly frontierDensityBps: number;
  readonly readbackBuffers: number;
  readonly compiledPipelineCacheHit: boolean;
  readonly residentInputCacheHit: boolean;
  readonly topology: DispatchTopology;
  readonly pressure: QueuePressure;
  readonly executionMode: ExecutionMode;
  readonly hitCapacity: number;
  readonly estimatedPeakDeviceBytes: number;
  /** 0 means unbounded. */
  readonly deviceMemoryBudgetBytes: number;
}

/**
 * Summary of one megakernel run (vyre `MegakernelReport`). Counts and nanoseconds are safe integers.
 *
 * @public
 */
export interface MegakernelReport {
  readonly itemsProcessed: number;
  /** Items still queued when the wall-time limit fired. */
  readonly itemsRemaining: number;
  readonly wallTimeNs: number;
  /** Host time shaping the queue: dedupe, planning, geometry. */
  readonly queuePlanNs: number;
  /** Host time encoding and publishing slots. */
  readonly queuePublishNs: number;
  readonly backendDispatchNs: number;
  /** Host time computing region lineage (0 when skipped). */
  readonly lineageNs: number;
  /** Exact duplicate work items removed before publishing. */
  readonly dedupedItems: number;
  readonly publishedItems: number;
  readonly lineageItems: number;
  readonly telemetry: MegakernelTelemetry;
  /** Per fused region, a 32-bit set of the source rules behind its output (empty when not tracked). */
  readonly regionLineage: readonly number[];
}

/**
 * Telemetry of a dispatch that did nothing (vyre's `Default`).
 *
 * @public
 */
export function emptyMegakernelTelemetry(): MegakernelTelemetry {
  return {
    bytesUploaded: 0,
    bytesReadBack: 0,
    bytesMoved: 0,
    residentAllocations: 0,
    kernelLaunches: 0,
    syncPoints: 0,
    occupancyProxyBps: 0,
    frontierDensityBps: 0,
    readbackBuffers: 0,
    compiledPipelineCacheHit: false,
    residentInputCacheHit: false,
    topology: 'empty',
    pressure: 'empty',
    executionMode: 'interpreter',
    hitCapacity: 0,
    estimatedPeakDeviceBytes: 0,
    deviceMemoryBudgetBytes: 0,
  };
}
