import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createTelemetryScratch,
  decodeRingTelemetry,
  emptyOccupancy,
  queueDepth,
  RingStatus,
  runtimeCounters,
  totalSlots,
  U32_MAX,
  watchdogSince,
  type RingTelemetry,
} from '../src/index.ts';
import { controlBytes, ringBytes } from './snapshot-builder.ts';

// Runtime counters and the watchdog at their boundaries (an all-empty ring, an all-faulted ring,
// counters at their maxima), and properties of occupancy over random rings.

function decode(
  statuses: readonly number[],
  control: Parameters<typeof controlBytes>[0] = {},
): RingTelemetry {
  const decoded = decodeRingTelemetry(
    controlBytes(control),
    ringBytes(statuses.map((status) => ({ status }))),
    createTelemetryScratch(),
  );
  if (!decoded.ok) {
    throw new Error(decoded.error.format());
  }
  return decoded.value;
}

describe('runtimeCounters', () => {
  it('an all-empty ring is idle: no queue, a million ppm idle, no density', () => {
    const counters = runtimeCounters(decode(Array(64).fill(RingStatus.EMPTY)));
    expect(counters).toMatchObject({
      totalSlots: 64,
      queueDepth: 0,
      gpuIdleSlots: 64,
      gpuIdlePpm: 1_000_000,
      frontierDensityBps: 0,
      occupancyProxyBps: 0,
      unreclaimedDoneSlots: 0,
      faultSlots: 0,
    });
  });

  it('an all-faulted ring is all queue depth and full occupancy', () => {
    const counters = runtimeCounters(decode(Array(10).fill(RingStatus.FAULT)));
    expect(counters).toMatchObject({
      totalSlots: 10,
      queueDepth: 10,
      gpuIdlePpm: 0,
      frontierDensityBps: 10_000,
      occupancyProxyBps: 10_000,
      faultSlots: 10,
    });
  });

  it('derives density, proxy, fairness totals and skew', () => {
    const t = decode(
      [
        RingStatus.EMPTY,
        RingStatus.EMPTY,
        RingStatus.DONE,
        RingStatus.PUBLISHED,
        RingStatus.CLAIMED,
        RingStatus.REQUEUE,
        RingStatus.DONE,
        RingStatus.EMPTY,
      ],
      {
        doneCount: 17,
        tenantFairness: [0, 4, 0, 10, 7],
        priorityFairness: [1, 1, 1, 1, 1],
      },
    );
    expect(runtimeCounters(t)).toEqual({
      totalSlots: 8,
      queueDepth: 3,
      gpuIdleSlots: 3,
      gpuIdlePpm: 375_000,
      frontierDensityBps: 3750,
      occupancyProxyBps: 6250,
      drainedSlots: 17,
      unreclaimedDoneSlots: 2,
      tenantFairnessTotal: 21,
      tenantFairnessSkew: 6,
      priorityFairnessTotal: 5,
      requeueSlots: 1,
      faultSlots: 0,
    });
  });

  it('sums fairness counters at their maxima exactly', () => {
    const t = decode([RingStatus.EMPTY], {
      tenantFairness: Array(32).fill(U32_MAX),
      priorityFairness: Array(5).fill(U32_MAX),
      doneCount: U32_MAX,
    });
    const counters = runtimeCounters(t);
    expect(counters.tenantFairnessTotal).toBe(32 * U32_MAX);
    expect(counters.tenantFairnessSkew).toBe(0);
    expect(counters.priorityFairnessTotal).toBe(5 * U32_MAX);
    expect(counters.drainedSlots).toBe(U32_MAX);
  });

  it('saturates occupancy sums at U32_MAX, as vyre does', () => {
    const full = { ...emptyOccupancy(), published: U32_MAX, fault: U32_MAX };
    expect(totalSlots(full)).toBe(U32_MAX);
    expect(queueDepth(full)).toBe(U32_MAX);
  });
});

describe('occupancy properties', () => {
  const statuses = fc.array(
    fc.oneof(fc.integer({ min: 0, max: 7 }), fc.nat()),
    { maxLength: 300 },
  );

  it('the occupancy sums to the slot count, and the queue depth never exceeds it', () => {
    fc.assert(
      fc.property(statuses, (words) => {
        const t = decode(words);
        const total = totalSlots(t.occupancy);
        const depth = queueDepth(t.occupancy);
        expect(total).toBe(words.length);
        expect(depth).toBeLessThanOrEqual(total);
        expect(depth).toBe(total - t.occupancy.empty - t.occupancy.done);
        expect(t.occupancy.unknown).toBe(words.filter((w) => w > 7).length);
      }),
    );
  });
});

describe('watchdogSince', () => {
  const counters = (statuses: readonly number[], doneCount: number) =>
    runtimeCounters(decode(statuses, { doneCount }));
  const queued = [RingStatus.PUBLISHED, RingStatus.EMPTY];

  it('suspects a stall: work queued, nothing drained, no fault', () => {
    const result = watchdogSince(counters(queued, 5), counters(queued, 5));
    expect(result.ok && result.value).toMatchObject({
      doneDelta: 0,
      queueDepth: 1,
      suspectedStall: true,
    });
  });

  it('does not when work drained, when nothing is queued, or when a slot faulted', () => {
    const drained = watchdogSince(counters(queued, 5), counters(queued, 6));
    expect(drained.ok && drained.value.suspectedStall).toBe(false);
    expect(drained.ok && drained.value.doneDelta).toBe(1);
    const idle = watchdogSince(
      counters([RingStatus.EMPTY], 5),
      counters([RingStatus.EMPTY], 5),
    );
    expect(idle.ok && idle.value.suspectedStall).toBe(false);
    const faulted = [RingStatus.PUBLISHED, RingStatus.FAULT];
    const fault = watchdogSince(counters(faulted, 5), counters(faulted, 5));
    expect(fault.ok && fault.value.suspectedStall).toBe(false);
  });

  it('refuses a drained count that moved backwards', () => {
    const result = watchdogSince(counters(queued, 6), counters(queued, 5));
    expect(result.ok === false && result.error.code).toBe(
      'TELEMETRY_DONE_COUNT_REGRESSED',
    );
  });
});
