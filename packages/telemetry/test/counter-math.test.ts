import { describe, expect, it } from 'vitest';
import {
  basisPoints,
  bytesPerSecond,
  checkCounter,
  dispatchStats,
  dispatchThroughput,
  partsPerMillion,
  type DispatchStats,
} from '../src/index.ts';

// 64-bit counters are safe integers: the boundary is 2^53 - 1, checked on both sides.

const MAX = Number.MAX_SAFE_INTEGER;

describe('checkCounter', () => {
  it.each([0, 1, MAX])('accepts %d', (value) => {
    expect(checkCounter('n', value)).toEqual({ ok: true, value });
  });

  it.each<[string, unknown]>([
    ['2^53', MAX + 1],
    ['-1', -1],
    ['1.5', 1.5],
    ['NaN', Number.NaN],
    ['Infinity', Infinity],
    ['a bigint', 5n],
    ['a string', '5'],
  ])('refuses %s with TELEMETRY_COUNTER_OUT_OF_RANGE', (_, value) => {
    const checked = checkCounter('bytes', value);
    expect(checked.ok === false && checked.error.code).toBe(
      'TELEMETRY_COUNTER_OUT_OF_RANGE',
    );
    expect(checked.ok === false && checked.error.message).toMatch(/^bytes /);
  });
});

describe('rates', () => {
  it('basis points and ppm round down, and are 0 of nothing', () => {
    expect(basisPoints(1, 3)).toBe(3333);
    expect(basisPoints(5, 0)).toBe(0);
    expect(basisPoints(MAX, MAX)).toBe(10_000);
    expect(basisPoints(MAX - 1, MAX)).toBe(9999);
    expect(partsPerMillion(1, 3)).toBe(333_333);
    expect(partsPerMillion(0xffff_ffff, 0xffff_ffff)).toBe(1_000_000);
  });

  it('bytesPerSecond is 0 for zero latency, exact for large counts, and saturates', () => {
    expect(bytesPerSecond(100, 0)).toBe(0);
    expect(bytesPerSecond(1000, 1_000_000_000)).toBe(1000);
    expect(bytesPerSecond(3, 2)).toBe(1_500_000_000);
    expect(bytesPerSecond(MAX, 1_000_000_000)).toBe(MAX);
    expect(bytesPerSecond(MAX, 1)).toBe(MAX);
  });
});

describe('dispatchStats', () => {
  const stats: DispatchStats = {
    inputBytes: 1024,
    outputBytes: 2048,
    readbackBytes: 2048,
    bytesMoved: 3072,
    deviceAllocationBytes: 0,
    deviceAllocationEvents: 0,
    latencyNs: 500_000,
    outputBuffers: 4,
    residentResourceRows: 1,
    residentResourceHandles: 4,
    kernelLaunches: 1,
    syncPoints: 1,
    recoveredAfterDeviceLoss: false,
  };

  it('accepts valid statistics and gives throughput', () => {
    const made = dispatchStats(stats);
    expect(made.ok).toBe(true);
    expect(dispatchThroughput(stats)).toEqual({
      outputBytesPerSecond: 4_096_000,
      readbackBytesPerSecond: 4_096_000,
      bytesMovedPerSecond: 6_144_000,
      deviceAllocationBytesPerSecond: 0,
    });
    expect(
      dispatchThroughput({ ...stats, latencyNs: 0 }).bytesMovedPerSecond,
    ).toBe(0);
  });

  it('names the first counter out of range', () => {
    const made = dispatchStats({ ...stats, latencyNs: MAX + 1 });
    expect(made.ok === false && made.error.message).toMatch(/^latencyNs /);
  });
});
