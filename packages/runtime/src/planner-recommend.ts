import { ok, type Result } from '@vyre/foundation';
import { planLaunchGeometry } from './planner-geometry.ts';
import {
  LAUNCH_POLICY,
  type LaunchRecommendation,
  type LaunchRequest,
} from './planner-policy.ts';
import { checkLaunchRequest } from './planner-request-check.ts';
import {
  checkBudget,
  hitCapacityFor,
  inferFrontierDensity,
  inferMemoryPressure,
  peakDeviceBytes,
  queuePressureFor,
  shedWorkers,
} from './planner-sizing.ts';
import { rawTopology, stabilizeTopology } from './planner-topology.ts';

const P = LAUNCH_POLICY;

/**
 * Recommends how to launch the megakernel for a queue: topology, worker count, geometry, queue
 * pressure, sparse-hit capacity, interpreter or JIT (vyre `ResidentLaunchPolicy::recommend`, and
 * `recommend_with_previous_topology` when `previous` is given).
 *
 * @remarks
 * The steps, with the thresholds of {@link LAUNCH_POLICY}:
 * 1. An absent or 0 density is inferred as `clamp(min(queue, nodes) × 10000 / nodes, 1, 10000)` (when
 *    queue and nodes are nonzero); an absent or 0 pressure as `min(resident × 10000 / budget, 10000)`
 *    (when both are nonzero).
 * 2. Hit capacity is `requestedHitCapacity`, or the larger of 1024 and queue × max(hits, 1) × 2 (× 1
 *    at pressure ≥ 8500); the peak is `resident + hitCapacity × 16` bytes. Over a nonzero budget the launch
 *    is refused here, before anything else is computed (vyre refuses after sizing the grid; the
 *    outcome is the same error).
 * 3. Topology: queue 0 gives empty; pressure ≥ 8500 memoryConstrained; density ≤ 500 sparseFrontier;
 *    density ≥ 4000 with nodes above 0, edges ≥ 65536 and hot opcodes ≥ 8 or windows ≥ 4 fusedDense;
 *    density ≥ 4000 denseFrontier; else hybridFrontier. With `previous`, the previous topology is
 *    kept unless the signal crossed the threshold between them by more than 250 bps (the exact rule
 *    is vyre's `stabilize_topology`, listed on `stabilizeTopology`); empty and memoryConstrained are
 *    never overridden.
 * 4. Workers are shed for memoryConstrained (keep 75% at 8500 bps down to 50% at 10000) and
 *    sparseFrontier (scale by density / 500, floored at min(workers, 32)).
 * 5. Geometry from `planLaunchGeometry`; lanes = grid x × workgroup size; pressure: queue 0 gives empty,
 *    requeues or queue ≥ 4 × lanes saturated, queue ≥ lanes balanced, else light.
 * 6. JIT when queue ≥ 4096, hot opcodes ≥ 8, hot windows ≥ 4 or fusedDense; priority aging when
 *    requeues above 0 or the oldest work is ≥ 32 ticks.
 *
 * @example
 * ```ts
 * const plan = recommendLaunch({
 *   queueLen: 10_000, workgroupSize: 64, workerCount: 64, requeues: 0, maxAgeTicks: 0,
 *   hotOpcodes: 0, hotWindows: 0, graphNodes: 0, graphEdges: 0, frontierDensityBps: 2000,
 *   residentDeviceBytes: 0, deviceMemoryBudgetBytes: 0, expectedHitsPerItem: 1,
 * });
 * // ok: hybridFrontier, jit, grid [64, 1, 1], hitCapacity 20000
 * ```
 *
 * @param request - the queue and workload signals
 * @param previous - the last launch's recommendation, for topology hysteresis
 * @returns the recommendation, RUNTIME_GEOMETRY_INVALID for out-of-range input, or
 *   RUNTIME_MEMORY_BUDGET_EXCEEDED when the estimated peak is over the budget
 *
 * @public
 */
export function recommendLaunch(
  request: LaunchRequest,
  previous?: LaunchRecommendation,
): Result<LaunchRecommendation> {
  const problem = checkLaunchRequest(request);
  if (problem !== undefined) {
    return problem;
  }
  const { queueLen, graphNodes, graphEdges } = request;
  const budget = request.deviceMemoryBudgetBytes;
  const frontierDensityBps = inferFrontierDensity(
    request.frontierDensityBps ?? 0,
    queueLen,
    graphNodes,
  );
  const memoryPressureBps = inferMemoryPressure(
    request.memoryPressureBps ?? 0,
    request.residentDeviceBytes,
    budget,
  );

  const hitCapacity = hitCapacityFor(
    request.requestedHitCapacity ?? 0,
    queueLen,
    request.expectedHitsPerItem,
    memoryPressureBps,
  );
  if (!hitCapacity.ok) {
    return hitCapacity;
  }
  const peak = peakDeviceBytes(request.residentDeviceBytes, hitCapacity.value);
  if (!peak.ok) {
    return peak;
  }
  const overBudget = checkBudget(peak.value, budget);
  if (overBudget !== undefined) {
    return overBudget;
  }

  const promoteHotOpcodes = request.hotOpcodes >= P.hotOpcodeThreshold;
  const promoteHotWindows = request.hotWindows >= P.hotWindowThreshold;
  const signals = {
    queueLen,
    frontierDensityBps,
    memoryPressureBps,
    graphNodes,
    graphEdges,
    promoted: promoteHotOpcodes || promoteHotWindows,
  };
  const topology = stabilizeTopology(
    rawTopology(signals),
    signals,
    previous?.topology,
  );
  const workerCount = shedWorkers(
    topology,
    request.workerCount,
    frontierDensityBps,
    memoryPressureBps,
    graphNodes,
  );
  const geometry = planLaunchGeometry({
    queueLen,
    workgroupSize: request.workgroupSize,
    workerCount,
    ...(request.maxWorkgroupSize === undefined
      ? {}
      : { maxWorkgroupSize: request.maxWorkgroupSize }),
  });
  if (!geometry.ok) {
    return geometry;
  }
  const { dispatchGrid, workgroupSizeX } = geometry.value;
  const lanes = dispatchGrid[0] * workgroupSizeX;

  const jit =
    queueLen >= P.jitQueueLenThreshold ||
    promoteHotOpcodes ||
    promoteHotWindows ||
    topology === 'fusedDense';
  return ok({
    topology,
    pressure: queuePressureFor(queueLen, lanes, request.requeues),
    executionMode: jit ? 'jit' : 'interpreter',
    agePriorityWork:
      request.requeues > 0 || request.maxAgeTicks >= P.priorityAgeThreshold,
    promoteHotOpcodes,
    promoteHotWindows,
    geometry: geometry.value,
    workerCount,
    hitCapacity: hitCapacity.value,
    estimatedPeakDeviceBytes: peak.value,
    deviceMemoryBudgetBytes: budget,
    frontierDensityBps,
    memoryPressureBps,
  });
}
