import type { DrainReport } from '@vyre/runtime';
import {
  bytesPerSecond,
  createControlSnapshot,
  decodeControl,
  type OpcodeMetric,
} from '@vyre/telemetry';
import type { WorkloadOutputs } from './workload-outputs.ts';
import { OPCODE_NAMES, type Workload } from './workload.ts';

// What a megakernel run says about itself: the runtime's accounting, the control buffer decoded by
// @vyre/telemetry, and per-opcode counts taken from the workload and cross-checked against the data.

/** Items of one user opcode. */
export interface OpcodeCount {
  readonly name: string;
  /** The opcode's items in the workload. */
  readonly items: number;
}

/** A telemetry summary of one megakernel run. */
export interface DemoTelemetry {
  /** Bounded drains the run took. */
  readonly drains: number;
  readonly kernelLaunches: number;
  /** The control buffer's DONE_COUNT after the last drain (slots the kernel finished). */
  readonly doneCount: number;
  readonly itemsProcessed: number;
  readonly faulted: number;
  readonly remaining: number;
  /** Bytes handed to the backend across all drains. */
  readonly bytesUploaded: number;
  /** Initial data uploaded into resident buffers before a resident run (0 for a run over host data). */
  readonly initialDataBytes: number;
  /** Bytes read back across all drains. */
  readonly bytesReadBack: number;
  /** Uploaded plus read-back bytes per second of the run's wall time. */
  readonly bytesMovedPerSecond: number;
  /** The run's wall time per item, in nanoseconds. */
  readonly perItemNs: number;
  /** Host time publishing and reclaiming slots, in nanoseconds. */
  readonly publishNs: number;
  /** Time in the backend's dispatches (upload, run, read back), in nanoseconds. */
  readonly backendDispatchNs: number;
  /** Items per user opcode, in opcode order. */
  readonly opcodes: readonly OpcodeCount[];
  /** Increments in `hist`, from the data: `SEGMENT` per histogram item when every item ran. */
  readonly histogramIncrements: number;
  /** The control buffer's per-opcode metrics (system opcodes below 32 only; user opcodes are not counted). */
  readonly controlMetrics: readonly OpcodeMetric[];
}

/**
 * The summary of one megakernel run of `workload` whose report and outputs are given; a resident run
 * also gives the bytes of initial data it uploaded before the run.
 */
export function demoTelemetry(
  report: DrainReport,
  outputs: WorkloadOutputs,
  workload: Workload,
  initialDataBytes = 0,
): DemoTelemetry {
  const control = new Uint8Array(
    report.control.buffer,
    report.control.byteOffset,
    report.control.byteLength,
  );
  const decoded = decodeControl(control, createControlSnapshot());
  const counts = new Array<number>(OPCODE_NAMES.length).fill(0);
  for (const kind of workload.kinds) {
    counts[kind] = (counts[kind] ?? 0) + 1;
  }
  const hist = new DataView(
    outputs.hist.buffer,
    outputs.hist.byteOffset,
    outputs.hist.byteLength,
  );
  let increments = 0;
  for (let i = 0; i + 4 <= hist.byteLength; i += 4) {
    increments += hist.getUint32(i, true);
  }
  const items = workload.items.length;
  return {
    drains: report.drains,
    kernelLaunches: report.kernelLaunches,
    doneCount: decoded.ok ? decoded.value.doneCount : 0,
    itemsProcessed: report.itemsProcessed,
    faulted: report.faulted.length,
    remaining: report.itemsRemaining,
    bytesUploaded: report.bytesUploaded,
    initialDataBytes,
    bytesReadBack: report.bytesReadBack,
    bytesMovedPerSecond: bytesPerSecond(
      report.bytesUploaded + report.bytesReadBack,
      report.wallTimeNs,
    ),
    perItemNs: items === 0 ? 0 : report.wallTimeNs / items,
    publishNs: report.publishNs,
    backendDispatchNs: report.backendDispatchNs,
    opcodes: OPCODE_NAMES.map((name, k) => ({ name, items: counts[k] ?? 0 })),
    histogramIncrements: increments,
    controlMetrics: decoded.ok
      ? decoded.value.metrics.map(({ opcode, count }) => ({ opcode, count }))
      : [],
  };
}
