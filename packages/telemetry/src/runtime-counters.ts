import { basisPoints, partsPerMillion } from './counter-math.ts';
import { queueDepth, totalSlots } from './ring-occupancy.ts';
import type { RingTelemetry } from './ring-telemetry.ts';

/**
 * Counters derived from one telemetry snapshot (vyre `MegakernelRuntimeCounters`).
 *
 * @public
 */
export interface RuntimeCounters {
  readonly totalSlots: number;
  /** Published, claimed, waiting, yielded, requeued, faulted and unknown slots. */
  readonly queueDepth: number;
  /** Empty slots: the host-visible idle capacity. */
  readonly gpuIdleSlots: number;
  /** Empty slots in parts per million of the ring. */
  readonly gpuIdlePpm: number;
  /** The queue depth in basis points of the ring. */
  readonly frontierDensityBps: number;
  /** Non-empty slots in basis points of the ring. */
  readonly occupancyProxyBps: number;
  /** Slots drained so far (the control buffer's DONE_COUNT). */
  readonly drainedSlots: number;
  /** DONE slots still in the ring, waiting to be reclaimed. */
  readonly unreclaimedDoneSlots: number;
  /** Sum of the tenant fairness counters (up to 32 × U32_MAX, exact). */
  readonly tenantFairnessTotal: number;
  /** Largest minus smallest nonzero tenant fairness counter (0 with fewer than one). */
  readonly tenantFairnessSkew: number;
  /** Sum of the priority fairness counters. */
  readonly priorityFairnessTotal: number;
  readonly requeueSlots: number;
  readonly faultSlots: number;
}

/**
 * The counters of a decoded snapshot.
 *
 * @param telemetry - a decoded snapshot (see `decodeRingTelemetry`)
 *
 * @public
 */
export function runtimeCounters(telemetry: RingTelemetry): RuntimeCounters {
  const { occupancy, control } = telemetry;
  const total = totalSlots(occupancy);
  const depth = queueDepth(occupancy);
  let tenantTotal = 0;
  let smallest = Infinity;
  let largest = 0;
  for (const value of control.tenantFairness) {
    tenantTotal += value;
    if (value !== 0) {
      smallest = Math.min(smallest, value);
      largest = Math.max(largest, value);
    }
  }
  let priorityTotal = 0;
  for (const value of control.priorityFairness) {
    priorityTotal += value;
  }
  return {
    totalSlots: total,
    queueDepth: depth,
    gpuIdleSlots: occupancy.empty,
    gpuIdlePpm: partsPerMillion(occupancy.empty, total),
    frontierDensityBps: basisPoints(depth, total),
    occupancyProxyBps: basisPoints(total - occupancy.empty, total),
    drainedSlots: control.doneCount,
    unreclaimedDoneSlots: occupancy.done,
    tenantFairnessTotal: tenantTotal,
    tenantFairnessSkew: largest === 0 ? 0 : largest - smallest,
    priorityFairnessTotal: priorityTotal,
    requeueSlots: occupancy.requeue,
    faultSlots: occupancy.fault,
  };
}
