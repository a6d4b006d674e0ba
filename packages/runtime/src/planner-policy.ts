import type {
  DispatchTopology,
  ExecutionMode,
  QueuePressure,
} from '@vyre/telemetry';
import type { LaunchGeometry } from './planner-geometry.ts';

// The launch policy's numbers and vocabulary (vyre `ResidentLaunchPolicy::standard()`,
// `ResidentLaunchRequest`, `ResidentLaunchRecommendation`). The numbers are vyre's, verbatim.

/**
 * The thresholds of vyre's `ResidentLaunchPolicy::standard()`. Basis points (bps) are 1/10000.
 *
 * @public
 */
export const LAUNCH_POLICY: {
  /** The fewest sparse-hit entries a launch reserves. */
  readonly minHitCapacity: 1024;
  /** Expected hits are reserved this many times over (once under memory pressure). */
  readonly hitCapacityMultiplier: 2;
  /** A queue of at least this many waves of lanes is saturated. */
  readonly saturatedWaves: 4;
  /** Hot opcodes at or above this promote to JIT. */
  readonly hotOpcodeThreshold: 8;
  /** Hot descriptor windows at or above this promote to JIT. */
  readonly hotWindowThreshold: 4;
  /** A queue at or above this length runs JIT. */
  readonly jitQueueLenThreshold: 4096;
  /** Work at least this many ticks old (or requeued) is aged up in priority. */
  readonly priorityAgeThreshold: 32;
  /** Frontier density at or below this is a sparse frontier. */
  readonly sparseFrontierThresholdBps: 500;
  /** Frontier density at or above this is a dense frontier. */
  readonly denseFrontierThresholdBps: 4000;
  /** Memory pressure at or above this is memory-constrained. */
  readonly memoryPressureThresholdBps: 8500;
  /** Dense work fuses only on graphs with at least this many edges. */
  readonly fusionEdgeThreshold: 65536;
  /** Device scratch bytes per sparse-hit entry. */
  readonly scratchBytesPerHit: 16;
  /** How far frontier density must cross a threshold to leave the previous topology. */
  readonly frontierHysteresisBps: 250;
  /** How far memory pressure must fall below its threshold to leave `memoryConstrained`. */
  readonly memoryHysteresisBps: 250;
  /** A sparse frontier keeps at least this many worker groups (or all, when fewer). */
  readonly sparseWorkerFloor: 32;
  /** `memoryConstrained` sheds this share of workers at the threshold (bps)... */
  readonly memoryShedBaseBps: 2500;
  /** ...plus up to this much more as pressure rises to 10000 bps. */
  readonly memoryShedSpanBps: 2500;
} = {
  minHitCapacity: 1024,
  hitCapacityMultiplier: 2,
  saturatedWaves: 4,
  hotOpcodeThreshold: 8,
  hotWindowThreshold: 4,
  jitQueueLenThreshold: 4096,
  priorityAgeThreshold: 32,
  sparseFrontierThresholdBps: 500,
  denseFrontierThresholdBps: 4000,
  memoryPressureThresholdBps: 8500,
  fusionEdgeThreshold: 65536,
  scratchBytesPerHit: 16,
  frontierHysteresisBps: 250,
  memoryHysteresisBps: 250,
  sparseWorkerFloor: 32,
  memoryShedBaseBps: 2500,
  memoryShedSpanBps: 2500,
};

/**
 * What a launch is planned from (vyre `ResidentLaunchRequest` with its workload hints).
 *
 * @remarks
 * Counts are u32s; `requeues` and the byte counts are safe integers (0..2^53-1); basis points are
 * integers 0..10000. An absent or 0 density or pressure means "not measured" and is inferred.
 *
 * @public
 */
export interface LaunchRequest {
  /** Work items queued. */
  readonly queueLen: number;
  /** Lanes per workgroup requested (clamped to `maxWorkgroupSize`). */
  readonly workgroupSize: number;
  /** Worker workgroups requested, before topology shedding. */
  readonly workerCount: number;
  /** The device's largest workgroup size x (default 256). */
  readonly maxWorkgroupSize?: number;
  /** Slots requeued since the last launch. */
  readonly requeues: number;
  /** Age in ticks of the oldest queued work. */
  readonly maxAgeTicks: number;
  /** Opcodes hot enough to consider compiling. */
  readonly hotOpcodes: number;
  /** Descriptor windows hot enough to consider compiling. */
  readonly hotWindows: number;
  readonly graphNodes: number;
  readonly graphEdges: number;
  /** Active share of the graph, bps; inferred from queue and nodes when absent or 0. */
  readonly frontierDensityBps?: number;
  /** Device memory in use, bps of the budget; inferred from the byte counts when absent or 0. */
  readonly memoryPressureBps?: number;
  /** Bytes already resident on the device. */
  readonly residentDeviceBytes: number;
  /** The device-memory budget in bytes; 0 means unbounded. */
  readonly deviceMemoryBudgetBytes: number;
  /** Sparse hits each item is expected to produce (0 counts as 1). */
  readonly expectedHitsPerItem: number;
  /** Sparse-hit entries to reserve instead of the derived count (absent or 0: derive). */
  readonly requestedHitCapacity?: number;
}

/**
 * How to launch (vyre `ResidentLaunchRecommendation`).
 *
 * @public
 */
export interface LaunchRecommendation {
  readonly topology: DispatchTopology;
  readonly pressure: QueuePressure;
  readonly executionMode: ExecutionMode;
  /** Whether requeued or old work should be aged up in priority. */
  readonly agePriorityWork: boolean;
  /** Whether the hot opcodes reached the promotion threshold. */
  readonly promoteHotOpcodes: boolean;
  /** Whether the hot windows reached the promotion threshold. */
  readonly promoteHotWindows: boolean;
  readonly geometry: LaunchGeometry;
  /** Worker workgroups after topology shedding (the grid's cap). */
  readonly workerCount: number;
  /** Sparse-hit entries to reserve. */
  readonly hitCapacity: number;
  /** Resident bytes plus hit scratch. */
  readonly estimatedPeakDeviceBytes: number;
  /** The budget the estimate was checked against; 0 means unbounded. */
  readonly deviceMemoryBudgetBytes: number;
  /** The density used (measured or inferred), bps. */
  readonly frontierDensityBps: number;
  /** The memory pressure used (measured or inferred), bps. */
  readonly memoryPressureBps: number;
}
