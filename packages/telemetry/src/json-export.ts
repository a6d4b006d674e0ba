import { ringStatusName } from './ring-status.ts';
import { runtimeCounters, type RuntimeCounters } from './runtime-counters.ts';
import type { RingOccupancy } from './ring-occupancy.ts';
import type { DispatchStats } from './dispatch-stats.ts';
import type { RuntimeEvidence } from './runtime-evidence.ts';
import type { TelemetrySample } from './telemetry-sample.ts';
import type { WatchdogSnapshot } from './watchdog-snapshot.ts';
import type { WindowTelemetry } from './window-telemetry.ts';

/**
 * The `schema` of {@link TelemetryRecord}: its version. A new field keeps the version; a removed or
 * re-typed one changes it.
 *
 * @public
 */
export const TELEMETRY_SCHEMA = 'vyre.telemetry/v1';

/**
 * A sample as plain JSON data (`vyre.telemetry/v1`, described by the package's `telemetry.schema.json`
 * and docs/telemetry.md). Slots are summarized (occupancy, counters, windows), not listed: a
 * million-slot ring stays a small record.
 *
 * @public
 */
export interface TelemetryRecord {
  readonly schema: typeof TELEMETRY_SCHEMA;
  readonly timestampMs?: number;
  readonly labels: Readonly<Record<string, string>>;
  readonly control: {
    readonly shutdown: boolean;
    readonly doneCount: number;
    readonly epoch: number;
    readonly metrics: readonly {
      readonly opcode: number;
      readonly count: number;
    }[];
    readonly tenantFairness: readonly number[];
    readonly priorityFairness: readonly number[];
  };
  readonly occupancy: RingOccupancy;
  readonly counters: RuntimeCounters;
  readonly windows: readonly WindowTelemetry[];
  readonly watchdog?: WatchdogSnapshot;
  readonly dispatch?: DispatchStats;
  readonly evidence?: RuntimeEvidence;
  /** Up to 16 slots whose status word is none of the eight statuses, for a quick look at trouble. */
  readonly unknownStatusSlots: readonly {
    readonly slotIndex: number;
    readonly rawStatus: number;
  }[];
}

const UNKNOWN_LISTED = 16;

/**
 * The JSON record of a sample: copies of its data (later decodes into the same scratch do not change it).
 *
 * @param sample - the sample
 *
 * @public
 */
export function telemetryRecord(sample: TelemetrySample): TelemetryRecord {
  const { telemetry } = sample;
  const { control, slots } = telemetry;
  const unknown: { slotIndex: number; rawStatus: number }[] = [];
  if (telemetry.occupancy.unknown > 0) {
    for (let i = 0; i < slots.count && unknown.length < UNKNOWN_LISTED; i++) {
      const raw = slots.status[i] ?? 0;
      if (ringStatusName(raw) === 'UNKNOWN') {
        unknown.push({ slotIndex: i, rawStatus: raw });
      }
    }
  }
  return {
    schema: TELEMETRY_SCHEMA,
    ...(sample.timestampMs === undefined
      ? {}
      : { timestampMs: sample.timestampMs }),
    labels: { ...sample.labels },
    control: {
      shutdown: control.shutdown,
      doneCount: control.doneCount,
      epoch: control.epoch,
      metrics: control.metrics.map(({ opcode, count }) => ({ opcode, count })),
      tenantFairness: Array.from(control.tenantFairness),
      priorityFairness: Array.from(control.priorityFairness),
    },
    occupancy: { ...telemetry.occupancy },
    counters: sample.counters ?? runtimeCounters(telemetry),
    windows: telemetry.windows.map((window) => ({ ...window })),
    ...(sample.watchdog === undefined
      ? {}
      : { watchdog: { ...sample.watchdog } }),
    ...(sample.dispatch === undefined
      ? {}
      : { dispatch: { ...sample.dispatch } }),
    ...(sample.evidence === undefined
      ? {}
      : {
          evidence: {
            ...sample.evidence,
            ringOccupancy: { ...sample.evidence.ringOccupancy },
            coverage: { ...sample.evidence.coverage },
          },
        }),
    unknownStatusSlots: unknown,
  };
}

/**
 * The sample as JSON text (one line, or indented by `space`).
 *
 * @param sample - the sample
 * @param space - indentation, as for `JSON.stringify`
 *
 * @public
 */
export function stringifyTelemetry(
  sample: TelemetrySample,
  space?: number,
): string {
  return JSON.stringify(telemetryRecord(sample), null, space);
}
