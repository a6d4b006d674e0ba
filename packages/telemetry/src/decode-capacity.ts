import type { TelemetryScratch } from './ring-telemetry.ts';

/**
 * The version of the {@link DecodeCapacityEvidence} record (vyre
 * `TELEMETRY_DECODE_CAPACITY_SCHEMA_VERSION`).
 *
 * @public
 */
export const DECODE_CAPACITY_SCHEMA_VERSION = 1;

/**
 * Evidence that a decode wrote into caller-owned storage big enough for it (vyre
 * `TelemetryDecodeCapacityEvidence`).
 *
 * @public
 */
export interface DecodeCapacityEvidence {
  readonly schemaVersion: number;
  readonly decodedSlotCount: number;
  readonly slotOutputCapacity: number;
  readonly decodedWindowCount: number;
  /** Window rows kept in the scratch's pool. */
  readonly windowOutputCapacity: number;
  readonly windowOpcodeScratchCapacity: number;
  /** Window accumulators kept in the scratch. */
  readonly windowAccumulatorScratchCapacity: number;
  readonly usesCallerOwnedScratch: boolean;
}

/**
 * The capacity evidence of the last decode into `scratch`.
 *
 * @param scratch - the scratch decoded into
 *
 * @public
 */
export function decodeCapacityEvidence(
  scratch: TelemetryScratch,
): DecodeCapacityEvidence {
  const { telemetry } = scratch;
  return {
    schemaVersion: DECODE_CAPACITY_SCHEMA_VERSION,
    decodedSlotCount: telemetry.slots.count,
    slotOutputCapacity: telemetry.slots.status.length,
    decodedWindowCount: telemetry.windows.length,
    windowOutputCapacity: scratch.windowPool.length,
    windowOpcodeScratchCapacity: scratch.windowOpcodes.length,
    windowAccumulatorScratchCapacity: scratch.windowPool.length,
    usesCallerOwnedScratch: true,
  };
}

/**
 * Whether the output and scratch capacities covered the decoded rows.
 *
 * @param evidence - the evidence
 *
 * @public
 */
export function isCapacityEvidenceComplete(
  evidence: DecodeCapacityEvidence,
): boolean {
  return (
    evidence.schemaVersion === DECODE_CAPACITY_SCHEMA_VERSION &&
    evidence.usesCallerOwnedScratch &&
    evidence.slotOutputCapacity >= evidence.decodedSlotCount &&
    evidence.windowOutputCapacity >= evidence.decodedWindowCount &&
    evidence.windowAccumulatorScratchCapacity >= evidence.decodedWindowCount
  );
}
