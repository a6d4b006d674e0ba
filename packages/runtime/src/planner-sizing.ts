import {
  assertNever,
  err,
  ok,
  StackError,
  type Result,
} from '@vyre/foundation';
import type { DispatchTopology, QueuePressure } from '@vyre/telemetry';
import { geometryInvalid } from './planner-geometry.ts';
import { LAUNCH_POLICY } from './planner-policy.ts';

// Sizing steps of the launch policy (vyre `infer_missing_scale_signals`,
// `apply_topology_worker_policy`, `hit_capacity_for`, `estimated_peak_device_bytes`,
// `classify_pressure`). Inputs are already validated (see planner-request-check.ts).

const P = LAUNCH_POLICY;
const BPS_FULL = 10_000;
const U32_MAX = 0xffff_ffff;

/**
 * The frontier density: `given` when nonzero, else `clamp(floor(min(queueLen, graphNodes) × 10000 /
 * graphNodes), 1, 10000)` when queue and graph are nonempty, else 0.
 */
export function inferFrontierDensity(
  given: number,
  queueLen: number,
  graphNodes: number,
): number {
  if (given !== 0 || queueLen === 0 || graphNodes === 0) {
    return given;
  }
  // At most 2^32 × 10^4 < 2^53: exact in a double.
  const density = Math.floor(
    (Math.min(queueLen, graphNodes) * BPS_FULL) / graphNodes,
  );
  return Math.min(Math.max(density, 1), BPS_FULL);
}

/**
 * The memory pressure: `given` when nonzero, else `min(floor(resident × 10000 / budget), 10000)` when
 * both are nonzero, else 0. Computed in BigInt: `resident × 10000` can pass 2^53.
 */
export function inferMemoryPressure(
  given: number,
  residentBytes: number,
  budgetBytes: number,
): number {
  if (given !== 0 || residentBytes === 0 || budgetBytes === 0) {
    return given;
  }
  const pressure =
    (BigInt(residentBytes) * BigInt(BPS_FULL)) / BigInt(budgetBytes);
  return pressure >= BigInt(BPS_FULL) ? BPS_FULL : Number(pressure);
}

/**
 * Worker groups after topology shedding (vyre `apply_topology_worker_policy`):
 * - memoryConstrained (pressure nonzero, more than one worker): keep `10000 − (2500 + over × 2500 /
 *   1500)` bps of the workers, where `over = clamp(pressure − 8500, 0, 1500)`; at least 1;
 * - sparseFrontier (graph nonempty, density nonzero, more than one worker): scale by `clamp(density,
 *   1, 500) / 500`, floored at `min(workers, 32)`;
 * - any other topology keeps them all.
 * Divisions round down; products stay below 2^53.
 */
export function shedWorkers(
  topology: DispatchTopology,
  workers: number,
  frontierDensityBps: number,
  memoryPressureBps: number,
  graphNodes: number,
): number {
  switch (topology) {
    case 'memoryConstrained': {
      if (memoryPressureBps === 0 || workers <= 1) {
        return workers;
      }
      const span = BPS_FULL - P.memoryPressureThresholdBps;
      const over = Math.min(
        Math.max(memoryPressureBps - P.memoryPressureThresholdBps, 0),
        span,
      );
      const shed =
        P.memoryShedBaseBps + Math.floor((over * P.memoryShedSpanBps) / span);
      return Math.max(Math.floor((workers * (BPS_FULL - shed)) / BPS_FULL), 1);
    }
    case 'sparseFrontier': {
      if (graphNodes === 0 || frontierDensityBps === 0 || workers <= 1) {
        return workers;
      }
      const span = P.sparseFrontierThresholdBps;
      const density = Math.min(Math.max(frontierDensityBps, 1), span);
      const scaled = Math.floor((workers * density) / span);
      return Math.min(
        Math.max(scaled, Math.min(workers, P.sparseWorkerFloor)),
        workers,
      );
    }
    case 'empty':
    case 'hybridFrontier':
    case 'denseFrontier':
    case 'fusedDense':
      return workers;
    default:
      return assertNever(topology, 'shedWorkers');
  }
}

/**
 * Sparse-hit entries to reserve: `requested` when nonzero, else `max(queueLen × max(expectedHits, 1) ×
 * multiplier, 1024)` where the multiplier is 2, or 1 when pressure ≥ 8500 bps. The result must be a
 * u32 (a double is exact below 2^53 and rounds monotonically above, so the comparison is sound).
 */
export function hitCapacityFor(
  requested: number,
  queueLen: number,
  expectedHitsPerItem: number,
  memoryPressureBps: number,
): Result<number> {
  if (requested !== 0) {
    return ok(requested);
  }
  const multiplier =
    memoryPressureBps >= P.memoryPressureThresholdBps
      ? 1
      : P.hitCapacityMultiplier;
  const derived = queueLen * Math.max(expectedHitsPerItem, 1) * multiplier;
  if (derived > U32_MAX) {
    return geometryInvalid(
      `the sparse-hit capacity ${queueLen} items × ${Math.max(expectedHitsPerItem, 1)} hits × ${multiplier} overflows a u32: expected at most ${U32_MAX} entries, found ${String(derived)}.`,
    );
  }
  return ok(Math.max(derived, P.minHitCapacity));
}

/**
 * Resident bytes plus `hitCapacity × 16` scratch bytes, as a safe integer.
 */
export function peakDeviceBytes(
  residentBytes: number,
  hitCapacity: number,
): Result<number> {
  const scratch = hitCapacity * P.scratchBytesPerHit; // ≤ 2^36: exact
  if (residentBytes > Number.MAX_SAFE_INTEGER - scratch) {
    return geometryInvalid(
      `the peak device bytes ${residentBytes} resident + ${scratch} scratch do not fit a safe integer: expected at most ${Number.MAX_SAFE_INTEGER}, found a larger sum.`,
    );
  }
  return ok(residentBytes + scratch);
}

/** RUNTIME_MEMORY_BUDGET_EXCEEDED when `peakBytes` is over a nonzero `budgetBytes`. */
export function checkBudget(
  peakBytes: number,
  budgetBytes: number,
): Result<never> | undefined {
  return budgetBytes !== 0 && peakBytes > budgetBytes
    ? err(
        new StackError(
          'RUNTIME_MEMORY_BUDGET_EXCEEDED',
          `the launch needs an estimated ${peakBytes} bytes of device memory (resident plus sparse-hit scratch): expected at most the budget of ${budgetBytes} bytes, found ${peakBytes - budgetBytes} bytes over.`,
        ),
      )
    : undefined;
}

/**
 * Queue pressure against `lanes` (vyre `classify_pressure`): queue 0 → empty; requeues or a queue of
 * at least 4 waves → saturated; at least one wave → balanced; else light.
 */
export function queuePressureFor(
  queueLen: number,
  lanes: number,
  requeues: number,
): QueuePressure {
  if (queueLen === 0) {
    return 'empty';
  }
  const wave = Math.max(lanes, 1);
  if (requeues > 0 || queueLen >= wave * P.saturatedWaves) {
    return 'saturated';
  }
  return queueLen >= wave ? 'balanced' : 'light';
}
