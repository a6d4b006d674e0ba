/**
 * Observability for the vyre megakernel: ring and control snapshots, counters, a watchdog, and JSON,
 * Prometheus and OpenTelemetry exporters.
 *
 * @remarks
 * Depends only on `@vyre/foundation` (as its decoders land); it must never depend on the IR, a driver
 * or the runtime, so that a supervisor process can use it alone. This release holds the slot-status
 * vocabulary.
 *
 * @packageDocumentation
 */

export {
  isActiveRingStatus,
  RingStatus,
  ringStatusName,
  type RingStatusName,
} from './ring-status.ts';
