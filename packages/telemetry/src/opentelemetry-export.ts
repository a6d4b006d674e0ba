import {
  metrics,
  type Attributes,
  type BatchObservableResult,
  type Meter,
  type Observable,
  type ObservableCounter,
  type ObservableGauge,
} from '@opentelemetry/api';
import { PRIORITY_LABELS, STATUS_LABELS } from './metric-labels.ts';
import { runtimeCounters } from './runtime-counters.ts';
// The main entry by its package name, so that this entry point shares its types instead of repeating them.
import type { TelemetrySample } from '@vyre/telemetry';

// OpenTelemetry metrics through @opentelemetry/api (`@vyre/telemetry/opentelemetry`): observable
// instruments read one sample per collection. Without a registered SDK the global API's meter is a
// no-op and the sample source is never called. Names, units and attributes follow the OpenTelemetry
// conventions: dotted lowercase names under `vyre.`, UCUM units (`{slot}`, `1`, `By`, `s`).

/**
 * Options of {@link observeTelemetry}.
 *
 * @public
 */
export interface OpenTelemetryOptions {
  /** The meter to create instruments on (default: the global API's meter `@vyre/telemetry`). */
  readonly meter?: Meter;
  /** Attributes added to every data point (for example `{ 'vyre.instance': 'gpu-0' }`). */
  readonly attributes?: Attributes;
}

/**
 * The instruments' registration; `stop()` removes their callback.
 *
 * @public
 */
export interface TelemetryObservation {
  /** Removes the instruments' callback: later collections report nothing from this source. */
  stop(): void;
}

/**
 * Observes samples as OpenTelemetry metrics: at each collection, `source()` gives the latest sample
 * (or `undefined` when there is none yet) and every instrument reports from it.
 *
 * @param source - the latest sample
 * @param options - the meter and constant attributes
 * @returns the registration, to stop observing
 *
 * @public
 */
export function observeTelemetry(
  source: () => TelemetrySample | undefined,
  options: OpenTelemetryOptions = {},
): TelemetryObservation {
  const meter = options.meter ?? metrics.getMeter('@vyre/telemetry');
  const base = options.attributes ?? {};
  const gauge = (
    name: string,
    description: string,
    unit: string,
  ): ObservableGauge =>
    meter.createObservableGauge(name, { description, unit });
  const counter = (
    name: string,
    description: string,
    unit: string,
  ): ObservableCounter =>
    meter.createObservableCounter(name, { description, unit });
  const slots = gauge('vyre.ring.slots', 'Ring slots by status.', '{slot}');
  const queued = gauge(
    'vyre.ring.queued_slots',
    'Ring slots neither empty nor done.',
    '{slot}',
  );
  const idle = gauge(
    'vyre.ring.idle.ratio',
    'Empty ring slots as a fraction of the ring.',
    '1',
  );
  const density = gauge(
    'vyre.ring.frontier_density.ratio',
    'Queued ring slots as a fraction of the ring.',
    '1',
  );
  const occupancy = gauge(
    'vyre.ring.occupancy.ratio',
    'Non-empty ring slots as a fraction of the ring.',
    '1',
  );
  const drained = counter(
    'vyre.drained_slots',
    'Slots the megakernel has drained (DONE_COUNT).',
    '{slot}',
  );
  const epochs = counter(
    'vyre.epochs',
    'Batch fences passed (EPOCH).',
    '{epoch}',
  );
  const byOpcode = counter(
    'vyre.opcode.drained_slots',
    'Drained slots per opcode (0 to 31).',
    '{slot}',
  );
  const tenants = counter(
    'vyre.tenant.fairness',
    'Per-tenant fairness counters, by tenant id modulo 32.',
    '{slot}',
  );
  const priorities = counter(
    'vyre.priority.fairness',
    'Per-priority fairness counters.',
    '{slot}',
  );
  const stall = gauge(
    'vyre.watchdog.stall_suspected',
    '1 when work is queued, nothing drained since the previous sample, and no slot faulted.',
    '1',
  );
  const latency = gauge(
    'vyre.dispatch.latency',
    'Host-observed latency of the last megakernel dispatch.',
    's',
  );
  const transfer = gauge(
    'vyre.dispatch.transfer',
    'Bytes of the last dispatch by direction.',
    'By',
  );
  const instruments: Observable[] = [
    slots,
    queued,
    idle,
    density,
    occupancy,
    drained,
    epochs,
    byOpcode,
    tenants,
    priorities,
    stall,
    latency,
    transfer,
  ];
  const with_ = (extra: Attributes): Attributes => ({ ...base, ...extra });
  const callback = (result: BatchObservableResult): void => {
    const sample = source();
    if (sample === undefined) {
      return;
    }
    const { telemetry } = sample;
    const counters = sample.counters ?? runtimeCounters(telemetry);
    const total = counters.totalSlots;
    const fraction = (part: number): number => (total === 0 ? 0 : part / total);
    for (const [label, key] of STATUS_LABELS) {
      result.observe(
        slots,
        telemetry.occupancy[key],
        with_({ 'vyre.slot.status': label }),
      );
    }
    result.observe(queued, counters.queueDepth, base);
    result.observe(idle, fraction(counters.gpuIdleSlots), base);
    result.observe(density, fraction(counters.queueDepth), base);
    result.observe(occupancy, fraction(total - counters.gpuIdleSlots), base);
    result.observe(drained, telemetry.control.doneCount, base);
    result.observe(epochs, telemetry.control.epoch, base);
    for (const { opcode, count } of telemetry.control.metrics) {
      result.observe(byOpcode, count, with_({ 'vyre.opcode': opcode }));
    }
    telemetry.control.tenantFairness.forEach((value, slot) => {
      if (value !== 0) {
        result.observe(tenants, value, with_({ 'vyre.tenant_slot': slot }));
      }
    });
    PRIORITY_LABELS.forEach((priority, i) => {
      result.observe(
        priorities,
        telemetry.control.priorityFairness[i] ?? 0,
        with_({ 'vyre.priority': priority }),
      );
    });
    if (sample.watchdog !== undefined) {
      result.observe(stall, sample.watchdog.suspectedStall ? 1 : 0, base);
    }
    if (sample.dispatch !== undefined) {
      const d = sample.dispatch;
      result.observe(latency, d.latencyNs / 1e9, base);
      for (const [direction, bytes] of [
        ['input', d.inputBytes],
        ['output', d.outputBytes],
        ['readback', d.readbackBytes],
        ['moved', d.bytesMoved],
      ] as const) {
        result.observe(transfer, bytes, with_({ 'vyre.direction': direction }));
      }
    }
  };
  meter.addBatchObservableCallback(callback, instruments);
  return {
    stop: () => {
      meter.removeBatchObservableCallback(callback, instruments);
    },
  };
}
