import {
  createTelemetryScratch,
  decodeRingTelemetry,
  RingStatus,
  runtimeCounters,
  watchdogSince,
  WindowClass,
  type TelemetrySample,
} from '../src/index.ts';
import { controlBytes, ringBytes } from './snapshot-builder.ts';

// A sample with every part filled in, for the exporter tests.

const WINDOW_OP = 0x4000_0001;

export function fullSample(
  labels: Readonly<Record<string, string>> = {},
): TelemetrySample {
  const decode = (doneCount: number) => {
    const decoded = decodeRingTelemetry(
      controlBytes({
        doneCount,
        epoch: 2,
        metrics: { 1: 30, 4: 12 },
        tenantFairness: [3, 0, 8],
        priorityFairness: [1, 2, 3, 4, 5],
      }),
      ringBytes([
        { status: RingStatus.EMPTY },
        { status: RingStatus.PUBLISHED, opcode: 1 },
        {
          status: RingStatus.CLAIMED,
          opcode: WINDOW_OP,
          tenant: 2,
          args: [7, WindowClass.REQUIRED],
        },
        {
          status: RingStatus.DONE,
          opcode: WINDOW_OP,
          tenant: 2,
          args: [7, WindowClass.LOOKAHEAD],
        },
        { status: RingStatus.FAULT, opcode: 4 },
        { status: 0x1234 },
      ]),
      createTelemetryScratch(),
      { windowOpcodes: [WINDOW_OP] },
    );
    if (!decoded.ok) {
      throw new Error(decoded.error.format());
    }
    return decoded.value;
  };
  const previous = runtimeCounters(decode(40));
  const telemetry = decode(42);
  const counters = runtimeCounters(telemetry);
  const watchdog = watchdogSince(previous, counters);
  if (!watchdog.ok) {
    throw new Error(watchdog.error.format());
  }
  return {
    telemetry,
    counters,
    watchdog: watchdog.value,
    dispatch: {
      inputBytes: 4096,
      outputBytes: 8192,
      readbackBytes: 8192,
      bytesMoved: 12_288,
      deviceAllocationBytes: 0,
      deviceAllocationEvents: 0,
      latencyNs: 250_000,
      outputBuffers: 4,
      residentResourceRows: 1,
      residentResourceHandles: 4,
      kernelLaunches: 1,
      syncPoints: 1,
      recoveredAfterDeviceLoss: false,
    },
    evidence: {
      schemaVersion: 1,
      residentDeviceBytes: 1 << 20,
      hostCopyBytes: 1024,
      hostCopyAvoidedBytes: 3072,
      ringOccupancy: { ...telemetry.occupancy },
      controlDecodeNs: 100,
      ringDecodeNs: 2000,
      coverage: { ring: true, control: true, copy: true, residency: true },
    },
    timestampMs: 1_795_000_000_000,
    labels,
  };
}
