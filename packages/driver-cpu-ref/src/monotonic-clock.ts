// Milliseconds from a monotonic clock: `performance.now()`, which Node and browsers both provide
// (this package sees neither's type library, so it reads the global through a minimal type).
const clock = (globalThis as { readonly performance?: { now(): number } })
  .performance;

/** Milliseconds since an arbitrary origin, monotonic where the platform allows. */
export function nowMs(): number {
  return clock === undefined ? Date.now() : clock.now();
}
