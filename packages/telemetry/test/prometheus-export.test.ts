import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { describe, expect, it } from 'vitest';
import { toPrometheusText } from '../src/index.ts';
import { fullSample } from './sample-fixture.ts';

// The Prometheus exporter's text, parsed back with a Prometheus text-format parser (prom2json's
// output shape): every family has HELP and TYPE, names follow Prometheus conventions, the values are
// the sample's, and label values survive escaping.

function exposition(labels: Readonly<Record<string, string>> = {}) {
  const text = toPrometheusText(fullSample(labels));
  if (!text.ok) {
    throw new Error(text.error.format());
  }
  return { text: text.value, families: parsePrometheusTextFormat(text.value) };
}

const value = (
  families: ReturnType<typeof exposition>['families'],
  name: string,
  labels: Readonly<Record<string, string>> = {},
): number => {
  const family = families.find((f) => f.name === name);
  const metric = family?.metrics.find((m) =>
    Object.entries(labels).every(([k, v]) => m.labels?.[k] === v),
  );
  return Number(metric?.value);
};

describe('toPrometheusText', () => {
  it('parses back with the sample values', () => {
    const { families } = exposition();
    expect(value(families, 'vyre_ring_slots', { status: 'published' })).toBe(1);
    expect(value(families, 'vyre_ring_slots', { status: 'unknown' })).toBe(1);
    expect(value(families, 'vyre_ring_queued_slots')).toBe(4);
    expect(value(families, 'vyre_ring_idle_ratio')).toBeCloseTo(1 / 6, 6);
    expect(value(families, 'vyre_drained_slots_total')).toBe(42);
    expect(
      value(families, 'vyre_opcode_drained_slots_total', { opcode: '4' }),
    ).toBe(12);
    expect(
      value(families, 'vyre_tenant_fairness_total', { tenant_slot: '2' }),
    ).toBe(8);
    expect(
      value(families, 'vyre_priority_fairness_total', { priority: 'idle' }),
    ).toBe(5);
    expect(value(families, 'vyre_windows', { state: 'active' })).toBe(1);
    expect(value(families, 'vyre_watchdog_drained_slots')).toBe(2);
    expect(value(families, 'vyre_watchdog_stall_suspected')).toBe(0);
    expect(value(families, 'vyre_dispatch_latency_seconds')).toBeCloseTo(
      0.00025,
      9,
    );
    expect(
      value(families, 'vyre_dispatch_transfer_bytes', { direction: 'moved' }),
    ).toBe(12_288);
    expect(value(families, 'vyre_host_copy_avoidance_ratio')).toBe(0.75);
  });

  it('follows Prometheus naming conventions, with HELP and TYPE for every family', () => {
    const { families, text } = exposition();
    expect(families.length).toBeGreaterThan(20);
    for (const family of families) {
      expect(family.name).toMatch(/^vyre_[a-z][a-z0-9_]*$/);
      expect(family.help.length).toBeGreaterThan(10);
      expect(['COUNTER', 'GAUGE']).toContain(family.type);
      // Counters end in _total; nothing else does.
      expect(family.type === 'COUNTER').toBe(family.name.endsWith('_total'));
      // Ratios are fractions, not per-mille, ppm or basis points.
      if (family.name.endsWith('_ratio')) {
        for (const metric of family.metrics) {
          expect(Number(metric.value)).toBeGreaterThanOrEqual(0);
          expect(Number(metric.value)).toBeLessThanOrEqual(1);
        }
      }
      expect(family.name).not.toMatch(/_(ms|ns|bps|ppm|percent)(_|$)/);
    }
    const names = families.map((f) => f.name);
    expect(new Set(names).size).toBe(names.length);
    expect(text.endsWith('\n')).toBe(true);
  });

  it('adds constant labels to every sample and escapes their values', () => {
    const tricky = 'a "quoted" \\path\\ and\na newline';
    const { families } = exposition({ instance: tricky, device: 'H100' });
    for (const family of families) {
      for (const metric of family.metrics) {
        expect(metric.labels?.['instance']).toBe(tricky);
        expect(metric.labels?.['device']).toBe('H100');
      }
    }
  });

  it.each([
    ['a label starting with a digit', { '0bad': 'x' }],
    ['a reserved label', { __name__: 'x' }],
    ['a label with a dash', { 'my-label': 'x' }],
  ])('refuses %s with TELEMETRY_LABEL_INVALID', (_, labels) => {
    const text = toPrometheusText(fullSample(labels));
    expect(text.ok === false && text.error.code).toBe(
      'TELEMETRY_LABEL_INVALID',
    );
  });

  it('takes another namespace, and refuses an invalid one', () => {
    const text = toPrometheusText(fullSample(), { namespace: 'gpu_queue' });
    expect(text.ok && text.value).toMatch(/^# HELP gpu_queue_ring_slots /);
    const bad = toPrometheusText(fullSample(), { namespace: 'gpu-queue' });
    expect(bad.ok === false && bad.error.code).toBe('TELEMETRY_LABEL_INVALID');
  });
});
