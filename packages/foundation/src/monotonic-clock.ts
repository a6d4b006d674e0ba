// Milliseconds from a monotonic clock: `performance.now()`, which Node and browsers both provide
// (vyre's packages see neither's type library, so the global is read through a minimal type).
const clock = (globalThis as { readonly performance?: { now(): number } })
  .performance;

/**
 * Milliseconds from a monotonic clock (`performance.now()`, or `Date.now()` where there is none), for
 * measuring durations.
 *
 * @public
 */
export function nowMs(): number {
  return clock === undefined ? Date.now() : clock.now();
}
