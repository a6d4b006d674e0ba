import { describe, expect, it } from 'vitest';
import {
  completeEvidence,
  hostCopyAvoidanceBps,
  isEvidenceComplete,
  missingFamilies,
  queueDepth,
  RUNTIME_EVIDENCE_SCHEMA_VERSION,
  totalSlots,
  type RuntimeEvidence,
} from '../src/index.ts';

// vyre's own tests of runtime evidence (telemetry/types.rs, evidence_tests), reproduced.

const occupancy = {
  empty: 1,
  published: 2,
  claimed: 3,
  done: 4,
  waitIo: 5,
  yield: 6,
  requeue: 7,
  fault: 8,
  unknown: 9,
};

describe('runtime evidence (vyre evidence_tests)', () => {
  it('runtime_evidence_reports_missing_metric_families', () => {
    const evidence: RuntimeEvidence = {
      schemaVersion: RUNTIME_EVIDENCE_SCHEMA_VERSION,
      residentDeviceBytes: 0,
      hostCopyBytes: 0,
      hostCopyAvoidedBytes: 0,
      ringOccupancy: { ...occupancy },
      controlDecodeNs: 0,
      ringDecodeNs: 0,
      coverage: { ring: true, control: false, copy: true, residency: false },
    };
    expect(missingFamilies(evidence)).toEqual(['control', 'residency']);
    expect(isEvidenceComplete(evidence)).toBe(false);
  });

  it('runtime_evidence_records_copy_avoidance_and_occupancy', () => {
    const made = completeEvidence({
      residentDeviceBytes: 4096,
      hostCopyBytes: 1024,
      hostCopyAvoidedBytes: 3072,
      ringOccupancy: occupancy,
      controlDecodeNs: 11,
      ringDecodeNs: 13,
    });
    if (!made.ok) {
      expect.fail(made.error.format());
    }
    const evidence = made.value;
    expect(isEvidenceComplete(evidence)).toBe(true);
    expect(evidence.residentDeviceBytes).toBe(4096);
    expect(totalSlots(evidence.ringOccupancy)).toBe(45);
    expect(queueDepth(evidence.ringOccupancy)).toBe(40);
    expect(hostCopyAvoidanceBps(evidence)).toBe(7500);
  });

  it('is incomplete under another schema version, and copy avoidance is 0 without copies', () => {
    const made = completeEvidence({
      residentDeviceBytes: 0,
      hostCopyBytes: 0,
      hostCopyAvoidedBytes: 0,
      ringOccupancy: occupancy,
      controlDecodeNs: 0,
      ringDecodeNs: 0,
    });
    if (!made.ok) {
      expect.fail(made.error.format());
    }
    expect(hostCopyAvoidanceBps(made.value)).toBe(0);
    expect(isEvidenceComplete({ ...made.value, schemaVersion: 2 })).toBe(false);
  });

  it('computes avoidance exactly at the safe-integer limit', () => {
    const max = Number.MAX_SAFE_INTEGER;
    const made = completeEvidence({
      residentDeviceBytes: max,
      hostCopyBytes: 1,
      hostCopyAvoidedBytes: max - 1,
      ringOccupancy: occupancy,
      controlDecodeNs: max,
      ringDecodeNs: 0,
    });
    if (!made.ok) {
      expect.fail(made.error.format());
    }
    // (2^53 - 2) / (2^53 - 1) of 10000 bps, rounded down.
    expect(hostCopyAvoidanceBps(made.value)).toBe(9999);
    const over = completeEvidence({
      ...made.value,
      hostCopyAvoidedBytes: max + 1,
    });
    expect(over.ok === false && over.error.code).toBe(
      'TELEMETRY_COUNTER_OUT_OF_RANGE',
    );
  });
});
