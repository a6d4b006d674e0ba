import { ok, type Result } from '@vyre/foundation';
import {
  CONTROL_MIN_WORDS,
  ControlWord,
  SLOT_WORDS,
  SlotPriority,
} from '@vyre/telemetry';
import { DebugLog } from './debug-log-layout.ts';
import { IoQueue } from './io-queue-layout.ts';
import { refused } from './publish-slot.ts';

/** The allocating encoders' cap on observables (vyre's 1,048,576). @public */
export const MAX_OBSERVABLE_SLOTS = 1_048_576;

/** Tenant masks live at words 3..31 of the control buffer: 29 tenants. @public */
export const MAX_TENANTS: number = ControlWord.TENANT_QUOTA_BASE - 3;

/** The quota the control encoder gives every tenant. @public */
export const DEFAULT_TENANT_QUOTA = 1_000_000;

/**
 * Options of {@link encodeControl}.
 *
 * @public
 */
export interface ControlOptions {
  /** Start with SHUTDOWN set (default false). */
  readonly shutdown?: boolean;
  /** Tenants 0..n-1 authorized (default 1, at most 29). */
  readonly tenantCount?: number;
  /** Observable words after OBSERVABLE_BASE (default 0). */
  readonly observableSlots?: number;
}

/**
 * The control buffer's length in words for `observableSlots` observables (vyre `control_byte_len` / 4).
 *
 * @param observableSlots - observable words
 *
 * @public
 */
export function controlWords(observableSlots: number): number {
  return Math.max(CONTROL_MIN_WORDS + observableSlots, CONTROL_MIN_WORDS);
}

/**
 * Writes a fresh control buffer into `into` (vyre `encode_control`): everything zero except SHUTDOWN,
 * the tenant-mask table index (3) and a mask of all ones for each authorized tenant, and the quotas.
 * `into` must hold {@link controlWords} words; it is rewritten whole.
 *
 * @param into - caller-owned words
 * @param options - shutdown, tenants, observables
 * @returns `into`, or RUNTIME_PUBLISH_REFUSED for options out of range
 *
 * @public
 */
export function encodeControl(
  into: Uint32Array,
  options: ControlOptions = {},
): Result<Uint32Array> {
  const tenants = options.tenantCount ?? 1;
  const observables = options.observableSlots ?? 0;
  if (!Number.isInteger(tenants) || tenants < 0 || tenants > MAX_TENANTS) {
    return refused(
      `the control buffer authorizes 0 to ${MAX_TENANTS} tenants, found ${String(tenants)}.`,
    );
  }
  if (
    !Number.isInteger(observables) ||
    observables < 0 ||
    observables > MAX_OBSERVABLE_SLOTS
  ) {
    return refused(
      `observable slots must be 0 to ${MAX_OBSERVABLE_SLOTS}, found ${String(observables)}.`,
    );
  }
  const words = controlWords(observables);
  if (!(into instanceof Uint32Array) || into.length !== words) {
    return refused(
      `the control storage must be a Uint32Array of ${words} words (160 + ${observables} observables), found ${into instanceof Uint32Array ? into.length : typeof into}.`,
    );
  }
  into.fill(0);
  into[ControlWord.SHUTDOWN] = options.shutdown === true ? 1 : 0;
  into[ControlWord.TENANT_BASE] = 3;
  into.fill(0xffff_ffff, 3, 3 + tenants);
  into.fill(
    DEFAULT_TENANT_QUOTA,
    ControlWord.TENANT_QUOTA_BASE,
    ControlWord.TENANT_FAIRNESS_BASE,
  );
  return ok(into);
}

/**
 * Writes the default priority partitions of a ring of `totalSlots` into a control buffer (words
 * 129..134): `totalSlots / 5` slots per priority, the remainder added to NORMAL, then the total.
 *
 * @param control - the control words
 * @param totalSlots - the ring's slots
 *
 * @public
 */
export function encodePriorityOffsets(
  control: Uint32Array,
  totalSlots: number,
): void {
  const share = Math.floor(totalSlots / 5);
  const remainder = totalSlots - share * 5;
  let offset = 0;
  for (let p: number = SlotPriority.CRITICAL; p <= SlotPriority.IDLE; p++) {
    control[ControlWord.PRIORITY_OFFSETS_BASE + p] = offset;
    offset += share + (p === SlotPriority.NORMAL ? remainder : 0);
  }
  control[ControlWord.PRIORITY_OFFSETS_BASE + 5] = totalSlots;
}

/**
 * An empty ring of `slots` slots (all words zero: every slot EMPTY).
 *
 * @param slots - slot count (1 to 1,048,576 for this allocating encoder)
 *
 * @public
 */
export function encodeEmptyRing(slots: number): Result<Uint32Array> {
  if (!Number.isInteger(slots) || slots < 1 || slots > MAX_OBSERVABLE_SLOTS) {
    return refused(
      `an allocated ring holds 1 to ${MAX_OBSERVABLE_SLOTS} slots, found ${String(slots)} (encode larger rings into caller-owned storage).`,
    );
  }
  return ok(new Uint32Array(slots * SLOT_WORDS));
}

/**
 * An empty debug log (257 words, cursor 0). @public
 */
export function encodeEmptyDebugLog(): Uint32Array {
  return new Uint32Array(DebugLog.BUFFER_WORDS);
}

/**
 * An empty IO queue (64 slots of 8 words, all EMPTY). @public
 */
export function encodeEmptyIoQueue(): Uint32Array {
  return new Uint32Array(IoQueue.BUFFER_WORDS);
}
