import type { DispatchStats } from './dispatch-stats.ts';
import type { RingTelemetry } from './ring-telemetry.ts';
import type { RuntimeCounters } from './runtime-counters.ts';
import type { RuntimeEvidence } from './runtime-evidence.ts';
import type { WatchdogSnapshot } from './watchdog-snapshot.ts';

/**
 * One observation of a megakernel, as the exporters take it: a decoded snapshot and whatever else the
 * caller measured alongside it.
 *
 * @public
 */
export interface TelemetrySample {
  /** The decoded control buffer and ring (see `decodeRingTelemetry`). */
  readonly telemetry: RingTelemetry;
  /** Its counters; computed from `telemetry` when absent. */
  readonly counters?: RuntimeCounters;
  /** The watchdog's view against the previous sample. */
  readonly watchdog?: WatchdogSnapshot;
  /** Statistics of the dispatch that produced the snapshot. */
  readonly dispatch?: DispatchStats;
  readonly evidence?: RuntimeEvidence;
  /** When the snapshot was taken, in milliseconds since the Unix epoch. */
  readonly timestampMs?: number;
  /** Constant labels (for example `instance` or `device`) attached to every metric. */
  readonly labels?: Readonly<Record<string, string>>;
}
