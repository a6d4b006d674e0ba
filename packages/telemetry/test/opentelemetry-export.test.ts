import { metrics } from '@opentelemetry/api';
import {
  AggregationTemporality,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
  type MetricData,
} from '@opentelemetry/sdk-metrics';
import { afterEach, describe, expect, it } from 'vitest';
import { observeTelemetry } from '../src/opentelemetry.ts';
import { fullSample } from './sample-fixture.ts';

// The OpenTelemetry exporter against the OpenTelemetry SDK's in-memory exporter: instruments, units,
// attributes and values; and a no-op (the source never read) when no SDK is registered.

let provider: MeterProvider | undefined;
afterEach(async () => {
  await provider?.shutdown();
  provider = undefined;
});

async function collect(
  source: Parameters<typeof observeTelemetry>[0],
): Promise<MetricData[]> {
  const exporter = new InMemoryMetricExporter(
    AggregationTemporality.CUMULATIVE,
  );
  const reader = new PeriodicExportingMetricReader({
    exporter,
    exportIntervalMillis: 60_000,
  });
  provider = new MeterProvider({ readers: [reader] });
  const observation = observeTelemetry(source, {
    meter: provider.getMeter('test'),
    attributes: { 'vyre.instance': 'gpu-0' },
  });
  await reader.forceFlush();
  observation.stop();
  return exporter
    .getMetrics()
    .flatMap((resource) =>
      resource.scopeMetrics.flatMap((scope) => scope.metrics),
    );
}

function point(
  data: MetricData[],
  name: string,
  attributes: Record<string, string | number> = {},
): number | undefined {
  const metric = data.find((m) => m.descriptor.name === name);
  const found = metric?.dataPoints.find((p) =>
    Object.entries(attributes).every(([k, v]) => p.attributes[k] === v),
  );
  return typeof found?.value === 'number' ? found.value : undefined;
}

describe('observeTelemetry', () => {
  it('reports a sample through the SDK, with units and attributes', async () => {
    const sample = fullSample();
    const data = await collect(() => sample);
    expect(
      point(data, 'vyre.ring.slots', { 'vyre.slot.status': 'published' }),
    ).toBe(1);
    expect(point(data, 'vyre.ring.queued_slots')).toBe(4);
    expect(point(data, 'vyre.ring.idle.ratio')).toBeCloseTo(1 / 6, 12);
    expect(point(data, 'vyre.drained_slots')).toBe(42);
    expect(point(data, 'vyre.opcode.drained_slots', { 'vyre.opcode': 4 })).toBe(
      12,
    );
    expect(
      point(data, 'vyre.priority.fairness', { 'vyre.priority': 'idle' }),
    ).toBe(5);
    expect(point(data, 'vyre.watchdog.stall_suspected')).toBe(0);
    expect(point(data, 'vyre.dispatch.latency')).toBeCloseTo(0.00025, 12);
    expect(
      point(data, 'vyre.dispatch.transfer', { 'vyre.direction': 'moved' }),
    ).toBe(12_288);
    const units = Object.fromEntries(
      data.map((m) => [m.descriptor.name, m.descriptor.unit]),
    );
    expect(units).toMatchObject({
      'vyre.ring.slots': '{slot}',
      'vyre.ring.idle.ratio': '1',
      'vyre.dispatch.latency': 's',
      'vyre.dispatch.transfer': 'By',
    });
    for (const metric of data) {
      expect(metric.descriptor.name).toMatch(/^vyre\.[a-z_.]+$/);
      expect(metric.descriptor.description.length).toBeGreaterThan(10);
      for (const p of metric.dataPoints) {
        expect(p.attributes['vyre.instance']).toBe('gpu-0');
      }
    }
  });

  it('reports nothing while the source has no sample', async () => {
    const data = await collect(() => undefined);
    expect(data.every((m) => m.dataPoints.length === 0)).toBe(true);
  });

  it('is a no-op without an SDK: the global meter never reads the source', () => {
    metrics.disable();
    let reads = 0;
    const observation = observeTelemetry(() => {
      reads++;
      return fullSample();
    });
    observation.stop();
    expect(reads).toBe(0);
  });
});
