import { err, ok, StackError, type Result } from '@vyre/foundation';
import type { RuntimeCounters } from './runtime-counters.ts';

/**
 * What changed between two snapshots of one run (vyre `MegakernelWatchdogSnapshot`).
 *
 * @public
 */
export interface WatchdogSnapshot {
  /** Slots drained since the previous snapshot. */
  readonly doneDelta: number;
  readonly queueDepth: number;
  readonly faultSlots: number;
  readonly requeueSlots: number;
  readonly gpuIdlePpm: number;
  /**
   * Work is queued, nothing drained since the previous snapshot, and no slot faulted: the megakernel
   * may be stalled (a fault explains a standstill, so it is not a suspected stall).
   */
  readonly suspectedStall: boolean;
}

/**
 * The watchdog's view of `current` against `previous` (vyre `try_health_since`).
 *
 * @param previous - the earlier snapshot's counters
 * @param current - the later snapshot's counters
 * @returns the view, or TELEMETRY_DONE_COUNT_REGRESSED when the drained count moved backwards
 *
 * @public
 */
export function watchdogSince(
  previous: RuntimeCounters,
  current: RuntimeCounters,
): Result<WatchdogSnapshot> {
  if (current.drainedSlots < previous.drainedSlots) {
    return err(
      new StackError(
        'TELEMETRY_DONE_COUNT_REGRESSED',
        `the drained-slot count moved backwards: expected at least ${previous.drainedSlots}, found ${current.drainedSlots}.`,
      ),
    );
  }
  const doneDelta = current.drainedSlots - previous.drainedSlots;
  return ok({
    doneDelta,
    queueDepth: current.queueDepth,
    faultSlots: current.faultSlots,
    requeueSlots: current.requeueSlots,
    gpuIdlePpm: current.gpuIdlePpm,
    suspectedStall:
      current.queueDepth > 0 && doneDelta === 0 && current.faultSlots === 0,
  });
}
