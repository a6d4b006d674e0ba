import { err, ok, StackError, type Result } from '@vyre/foundation';

// Counter arithmetic for telemetry. Wire counters are u32 and their sums saturate at U32_MAX, as in
// vyre. vyre's u64 counters (bytes, nanoseconds, totals) are JavaScript numbers here, exact up to
// Number.MAX_SAFE_INTEGER (2^53 - 1: 8 PiB of bytes, 104 days of nanoseconds); sums of them saturate
// there, and a value outside 0..2^53-1 given to telemetry is refused with TELEMETRY_COUNTER_OUT_OF_RANGE.

/** The largest u32. @public */
export const U32_MAX = 0xffff_ffff;

/**
 * `a + b`, at most {@link U32_MAX}.
 *
 * @param a - a u32
 * @param b - a u32
 *
 * @public
 */
export function saturatingAddU32(a: number, b: number): number {
  return Math.min(a + b, U32_MAX);
}

/**
 * `a + b`, at most `Number.MAX_SAFE_INTEGER`.
 *
 * @param a - a safe counter
 * @param b - a safe counter
 *
 * @public
 */
export function saturatingAddSafe(a: number, b: number): number {
  return Math.min(a + b, Number.MAX_SAFE_INTEGER);
}

/**
 * Whether `value` is a counter telemetry holds exactly: an integer in 0..2^53-1.
 *
 * @param value - anything
 *
 * @public
 */
export function isSafeCounter(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) >= 0;
}

/**
 * `value`, or TELEMETRY_COUNTER_OUT_OF_RANGE naming `field`.
 *
 * @param field - the counter's name, for the message
 * @param value - the counter
 *
 * @public
 */
export function checkCounter(field: string, value: unknown): Result<number> {
  return isSafeCounter(value)
    ? ok(value)
    : err(
        new StackError(
          'TELEMETRY_COUNTER_OUT_OF_RANGE',
          `${field} must be an integer from 0 to 2^53 - 1: expected a safe non-negative integer, found ${typeof value === 'number' || typeof value === 'bigint' ? String(value) : typeof value}.`,
        ),
      );
}

/**
 * `part / whole` in basis points (0..10000), rounded down; 0 when `whole` is 0. Exact for any safe
 * integers (large products go through BigInt, as vyre's go through u128).
 *
 * @param part - the part
 * @param whole - the whole
 *
 * @public
 */
export function basisPoints(part: number, whole: number): number {
  if (whole <= 0) {
    return 0;
  }
  const scaled = part * 10_000;
  const bps = Number.isSafeInteger(scaled)
    ? Math.floor(scaled / whole)
    : Number((BigInt(part) * 10_000n) / BigInt(whole));
  return Math.min(10_000, bps);
}

/**
 * `part / whole` in parts per million (0..1000000), rounded down; 0 when `whole` is 0.
 *
 * @param part - the part (a u32)
 * @param whole - the whole (a u32)
 *
 * @public
 */
export function partsPerMillion(part: number, whole: number): number {
  return whole <= 0
    ? 0
    : Math.min(1_000_000, Math.floor((part * 1_000_000) / whole));
}
