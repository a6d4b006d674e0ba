import { ok, type Result } from '@vyre/foundation';
import {
  basisPoints,
  checkCounter,
  saturatingAddSafe,
} from './counter-math.ts';
import type { RingOccupancy } from './ring-occupancy.ts';

/**
 * The version of the {@link RuntimeEvidence} record (vyre `RUNTIME_IO_EVIDENCE_SCHEMA_VERSION`).
 *
 * @public
 */
export const RUNTIME_EVIDENCE_SCHEMA_VERSION = 1;

/**
 * The metric families runtime evidence must cover, in order.
 *
 * @public
 */
export const EVIDENCE_FAMILIES = [
  'ring',
  'control',
  'copy',
  'residency',
] as const;

/**
 * One of {@link EVIDENCE_FAMILIES}.
 *
 * @public
 */
export type EvidenceFamily = (typeof EVIDENCE_FAMILIES)[number];

/**
 * Evidence of a run's IO and residency, for release and benchmark records (vyre
 * `MegakernelRuntimeEvidence`). Byte and nanosecond counts are safe integers.
 *
 * @public
 */
export interface RuntimeEvidence {
  readonly schemaVersion: number;
  /** Bytes kept resident on the device. */
  readonly residentDeviceBytes: number;
  /** Host-visible copy bytes still needed. */
  readonly hostCopyBytes: number;
  /** Copy bytes avoided by resident handles or device-side IO. */
  readonly hostCopyAvoidedBytes: number;
  readonly ringOccupancy: RingOccupancy;
  readonly controlDecodeNs: number;
  readonly ringDecodeNs: number;
  /** Which metric families are present. */
  readonly coverage: Readonly<Record<EvidenceFamily, boolean>>;
}

/**
 * Complete evidence (every family covered), with each counter checked.
 *
 * @param fields - the counters and the occupancy
 * @returns the evidence, or TELEMETRY_COUNTER_OUT_OF_RANGE
 *
 * @public
 */
export function completeEvidence(
  fields: Omit<RuntimeEvidence, 'schemaVersion' | 'coverage'>,
): Result<RuntimeEvidence> {
  for (const key of [
    'residentDeviceBytes',
    'hostCopyBytes',
    'hostCopyAvoidedBytes',
    'controlDecodeNs',
    'ringDecodeNs',
  ] as const) {
    const checked = checkCounter(key, fields[key]);
    if (!checked.ok) {
      return checked;
    }
  }
  return ok({
    ...fields,
    schemaVersion: RUNTIME_EVIDENCE_SCHEMA_VERSION,
    coverage: { ring: true, control: true, copy: true, residency: true },
  });
}

/**
 * The families `evidence` lacks, in {@link EVIDENCE_FAMILIES} order.
 *
 * @param evidence - the evidence
 *
 * @public
 */
export function missingFamilies(evidence: RuntimeEvidence): EvidenceFamily[] {
  return EVIDENCE_FAMILIES.filter((family) => !evidence.coverage[family]);
}

/**
 * Whether `evidence` has the current schema version and every family.
 *
 * @param evidence - the evidence
 *
 * @public
 */
export function isEvidenceComplete(evidence: RuntimeEvidence): boolean {
  return (
    evidence.schemaVersion === RUNTIME_EVIDENCE_SCHEMA_VERSION &&
    missingFamilies(evidence).length === 0
  );
}

/**
 * Avoided copy bytes in basis points of all copy bytes (needed plus avoided); 0 when there were none.
 *
 * @param evidence - the evidence
 *
 * @public
 */
export function hostCopyAvoidanceBps(evidence: RuntimeEvidence): number {
  const total = saturatingAddSafe(
    evidence.hostCopyBytes,
    evidence.hostCopyAvoidedBytes,
  );
  return basisPoints(evidence.hostCopyAvoidedBytes, total);
}
