/**
 * Observability for the vyre megakernel: ring and control snapshots, counters, a watchdog, and JSON,
 * Prometheus and OpenTelemetry exporters.
 *
 * @remarks
 * Depends only on `@vyre/foundation`; it must never depend on the IR, a driver or the runtime, so that
 * a supervisor process can decode snapshots without any GPU code. It defines the wire layout of the
 * megakernel's control buffer and ring (the runtime re-exports it). vyre's u64 counters are numbers
 * here, exact up to 2^53 - 1 (`TELEMETRY_COUNTER_OUT_OF_RANGE` beyond).
 *
 * @packageDocumentation
 */

export {
  CONTROL_MIN_WORDS,
  ControlWord,
  METRICS_SLOTS,
  PRIORITY_FAIRNESS_SLOTS,
  TENANT_FAIRNESS_SLOTS,
} from './control-layout.ts';
export {
  createControlSnapshot,
  decodeControl,
  type ControlSnapshot,
  type OpcodeMetric,
} from './control-snapshot.ts';
export {
  basisPoints,
  checkCounter,
  isSafeCounter,
  partsPerMillion,
  saturatingAddSafe,
  saturatingAddU32,
  U32_MAX,
} from './counter-math.ts';
export {
  DECODE_CAPACITY_SCHEMA_VERSION,
  decodeCapacityEvidence,
  isCapacityEvidenceComplete,
  type DecodeCapacityEvidence,
} from './decode-capacity.ts';
export { decodeRingTelemetry, type DecodeRingOptions } from './decode-ring.ts';
export {
  bytesPerSecond,
  dispatchStats,
  dispatchThroughput,
  type DispatchStats,
} from './dispatch-stats.ts';
export {
  emptyMegakernelTelemetry,
  type DispatchTopology,
  type ExecutionMode,
  type MegakernelReport,
  type MegakernelTelemetry,
  type QueuePressure,
} from './megakernel-report.ts';
export {
  stringifyTelemetry,
  TELEMETRY_SCHEMA,
  telemetryRecord,
  type TelemetryRecord,
} from './json-export.ts';
export {
  toPrometheusText,
  type PrometheusOptions,
} from './prometheus-export.ts';
export {
  emptyOccupancy,
  queueDepth,
  totalSlots,
  type RingOccupancy,
} from './ring-occupancy.ts';
export {
  createRingSlotTable,
  ringSlotAt,
  type RingSlotSnapshot,
  type RingSlotTable,
} from './ring-slot-table.ts';
export {
  isActiveRingStatus,
  RingStatus,
  ringStatusName,
  type RingStatusName,
} from './ring-status.ts';
export {
  createTelemetryScratch,
  type RingTelemetry,
  type TelemetryScratch,
} from './ring-telemetry.ts';
export {
  completeEvidence,
  EVIDENCE_FAMILIES,
  hostCopyAvoidanceBps,
  isEvidenceComplete,
  missingFamilies,
  RUNTIME_EVIDENCE_SCHEMA_VERSION,
  type EvidenceFamily,
  type RuntimeEvidence,
} from './runtime-evidence.ts';
export { runtimeCounters, type RuntimeCounters } from './runtime-counters.ts';
export {
  ARGS_PER_SLOT,
  MAX_RING_SLOTS,
  SLOT_WORDS,
  SlotPriority,
  SlotWord,
} from './slot-layout.ts';
export {
  startWatchdog,
  type SnapshotBytes,
  type Watchdog,
  type WatchdogOptions,
} from './polling-watchdog.ts';
export type { TelemetrySample } from './telemetry-sample.ts';
export { watchdogSince, type WatchdogSnapshot } from './watchdog-snapshot.ts';
export {
  isWindowActive,
  WindowClass,
  type WindowTelemetry,
} from './window-telemetry.ts';
