import { assertNever } from '@vyre/foundation';
import type { DispatchTopology } from '@vyre/telemetry';
import { LAUNCH_POLICY } from './planner-policy.ts';

// The launch topology (vyre `dispatch_topology_for` and `stabilize_topology`).

/** The signals the topology is chosen from, after density and pressure inference. */
export interface TopologySignals {
  readonly queueLen: number;
  readonly frontierDensityBps: number;
  readonly memoryPressureBps: number;
  readonly graphNodes: number;
  readonly graphEdges: number;
  /** Hot opcodes or hot windows reached their promotion threshold. */
  readonly promoted: boolean;
}

const P = LAUNCH_POLICY;

/** Whether dense work on this graph may fuse (density aside). */
const fusible = (s: TopologySignals): boolean =>
  s.graphNodes > 0 && s.graphEdges >= P.fusionEdgeThreshold && s.promoted;

/**
 * The topology the signals call for, with no memory of the last launch: queue 0 → empty; memory ≥ 8500
 * → memoryConstrained; density ≤ 500 → sparseFrontier; density ≥ 4000 on a fusible graph (nodes > 0,
 * edges ≥ 65536, hot opcodes or windows promoted) → fusedDense; density ≥ 4000 → denseFrontier; else
 * hybridFrontier.
 */
export function rawTopology(s: TopologySignals): DispatchTopology {
  if (s.queueLen === 0) {
    return 'empty';
  }
  if (s.memoryPressureBps >= P.memoryPressureThresholdBps) {
    return 'memoryConstrained';
  }
  if (s.frontierDensityBps <= P.sparseFrontierThresholdBps) {
    return 'sparseFrontier';
  }
  if (s.frontierDensityBps >= P.denseFrontierThresholdBps) {
    return fusible(s) ? 'fusedDense' : 'denseFrontier';
  }
  return 'hybridFrontier';
}

/**
 * The topology after hysteresis against the previous launch's (vyre `stabilize_topology`, verbatim).
 * `empty` and `memoryConstrained` always win when the signals call for them. Otherwise the previous
 * topology is kept when:
 * - it was memoryConstrained and pressure is still ≥ 8500 − 250 = 8250;
 * - it was sparseFrontier and density is ≤ 500 + 250 = 750;
 * - it was hybridFrontier, the signals say sparse, and density is ≥ 500 − 250 = 250;
 * - it was hybridFrontier, the signals say dense or fused, and density is ≤ 4000 + 250 = 4250;
 * - it was denseFrontier, the signals say hybrid, and density is ≥ 4000 − 250 = 3750;
 * - it was fusedDense, the signals say hybrid, density is ≥ 3750, edges ≥ 65536 and work is promoted.
 * In every other case the raw topology is taken.
 */
export function stabilizeTopology(
  raw: DispatchTopology,
  s: TopologySignals,
  previous: DispatchTopology | undefined,
): DispatchTopology {
  if (
    raw === 'empty' ||
    raw === 'memoryConstrained' ||
    previous === undefined
  ) {
    return raw;
  }
  const density = s.frontierDensityBps;
  const sparseHigh = P.sparseFrontierThresholdBps + P.frontierHysteresisBps;
  const sparseLow = P.sparseFrontierThresholdBps - P.frontierHysteresisBps;
  const denseHigh = P.denseFrontierThresholdBps + P.frontierHysteresisBps;
  const denseLow = P.denseFrontierThresholdBps - P.frontierHysteresisBps;
  switch (previous) {
    case 'empty':
      return raw;
    case 'memoryConstrained':
      return s.memoryPressureBps >=
        P.memoryPressureThresholdBps - P.memoryHysteresisBps
        ? previous
        : raw;
    case 'sparseFrontier':
      return density <= sparseHigh ? previous : raw;
    case 'hybridFrontier':
      if (raw === 'sparseFrontier') {
        return density >= sparseLow ? previous : raw;
      }
      if (raw === 'denseFrontier' || raw === 'fusedDense') {
        return density <= denseHigh ? previous : raw;
      }
      return raw;
    case 'denseFrontier':
      return raw === 'hybridFrontier' && density >= denseLow ? previous : raw;
    case 'fusedDense':
      // vyre checks edges and promotion here, not the node count.
      return raw === 'hybridFrontier' &&
        density >= denseLow &&
        s.graphEdges >= P.fusionEdgeThreshold &&
        s.promoted
        ? previous
        : raw;
    default:
      return assertNever(previous, 'stabilizeTopology');
  }
}
