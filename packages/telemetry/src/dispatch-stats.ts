import { ok, type Result } from '@vyre/foundation';
import { checkCounter } from './counter-math.ts';

/**
 * Host-side instrumentation of one megakernel dispatch (vyre `MegakernelDispatchStats`). Byte, event
 * and nanosecond counts are safe integers (0..2^53-1).
 *
 * @public
 */
export interface DispatchStats {
  /** Bytes supplied to the backend across control, ring, debug-log and IO buffers. */
  readonly inputBytes: number;
  /** Bytes returned across all output buffers. */
  readonly outputBytes: number;
  /** Host-visible read-back bytes. */
  readonly readbackBytes: number;
  /** All host-visible bytes moved. */
  readonly bytesMoved: number;
  /** Conservative device allocation volume. */
  readonly deviceAllocationBytes: number;
  /** Fresh device buffer allocations. */
  readonly deviceAllocationEvents: number;
  /** Host-observed latency in nanoseconds. */
  readonly latencyNs: number;
  readonly outputBuffers: number;
  /** Resident resource rows submitted (one per resident dispatch of a batch). */
  readonly residentResourceRows: number;
  /** Resident resource handles submitted across all rows. */
  readonly residentResourceHandles: number;
  readonly kernelLaunches: number;
  /** Host-visible synchronization points needed to collect outputs. */
  readonly syncPoints: number;
  /** The first attempt lost the device and the runtime recovered before retrying. */
  readonly recoveredAfterDeviceLoss: boolean;
}

const COUNTERS = [
  'inputBytes',
  'outputBytes',
  'readbackBytes',
  'bytesMoved',
  'deviceAllocationBytes',
  'deviceAllocationEvents',
  'latencyNs',
  'outputBuffers',
  'residentResourceRows',
  'residentResourceHandles',
  'kernelLaunches',
  'syncPoints',
] as const;

/**
 * Dispatch statistics with every counter checked.
 *
 * @param fields - the statistics
 * @returns them, or TELEMETRY_COUNTER_OUT_OF_RANGE naming the first bad counter
 *
 * @public
 */
export function dispatchStats(fields: DispatchStats): Result<DispatchStats> {
  for (const key of COUNTERS) {
    const checked = checkCounter(key, fields[key]);
    if (!checked.ok) {
      return checked;
    }
  }
  return ok({ ...fields });
}

/**
 * `bytes` per second over `latencyNs`, rounded down; 0 when the latency is 0 (vyre's rule), at most
 * `Number.MAX_SAFE_INTEGER`.
 *
 * @param bytes - bytes moved
 * @param latencyNs - over this many nanoseconds
 *
 * @public
 */
export function bytesPerSecond(bytes: number, latencyNs: number): number {
  if (latencyNs <= 0) {
    return 0;
  }
  const rate = (BigInt(bytes) * 1_000_000_000n) / BigInt(latencyNs);
  return rate > BigInt(Number.MAX_SAFE_INTEGER)
    ? Number.MAX_SAFE_INTEGER
    : Number(rate);
}

/**
 * Throughput of a dispatch's outputs, read-back, all moved bytes and allocations, in bytes per second.
 *
 * @param stats - the statistics
 *
 * @public
 */
export function dispatchThroughput(stats: DispatchStats): {
  readonly outputBytesPerSecond: number;
  readonly readbackBytesPerSecond: number;
  readonly bytesMovedPerSecond: number;
  readonly deviceAllocationBytesPerSecond: number;
} {
  return {
    outputBytesPerSecond: bytesPerSecond(stats.outputBytes, stats.latencyNs),
    readbackBytesPerSecond: bytesPerSecond(
      stats.readbackBytes,
      stats.latencyNs,
    ),
    bytesMovedPerSecond: bytesPerSecond(stats.bytesMoved, stats.latencyNs),
    deviceAllocationBytesPerSecond: bytesPerSecond(
      stats.deviceAllocationBytes,
      stats.latencyNs,
    ),
  };
}
