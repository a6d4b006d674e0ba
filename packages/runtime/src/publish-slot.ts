import { err, ok, StackError, type Result } from '@vyre/foundation';
import {
  ARGS_PER_SLOT,
  RingStatus,
  SLOT_WORDS,
  SlotPriority,
  SlotWord,
} from '@vyre/telemetry';
import { isSystemOpcode, Opcode } from './opcode.ts';

// Publishing work into a ring held as u32 words (caller-owned, uploaded as bytes afterwards). A slot's
// payload is written before its status word, so a worker that sees PUBLISHED sees the whole slot.

/**
 * One slot to publish.
 *
 * @public
 */
export interface SlotDescriptor {
  /** A built-in opcode, or a user opcode (not a system one: see `isSystemOpcode`). */
  readonly opcode: number;
  /** Up to 12 argument words. */
  readonly args?: readonly number[];
  /** `SlotPriority` (default NORMAL). */
  readonly priority?: number;
}

const NO_ARGS: readonly number[] = [];

/** The largest tenant id (vyre `TENANT_ID_MAX`). @public */
export const TENANT_ID_MAX = 0xffff_fffe;

const BUILTINS: ReadonlySet<number> = new Set<number>(Object.values(Opcode));

/** RUNTIME_PUBLISH_REFUSED with `message`. */
export function refused(message: string): Result<never> {
  return err(new StackError('RUNTIME_PUBLISH_REFUSED', message));
}

/** Whether `x` is an integer in 0..2^32-1. */
export const isU32 = (x: unknown): x is number =>
  typeof x === 'number' && x >>> 0 === x;

/** Whether `opcode` is one of the protocol's built-in opcodes. */
export const isBuiltinOpcode = (opcode: number): boolean =>
  BUILTINS.has(opcode);

/** Why `tenant` cannot own published work, or undefined when it can. */
export function checkTenant(
  tenant: number,
  where: string,
): Result<never> | undefined {
  return isU32(tenant) && tenant <= TENANT_ID_MAX
    ? undefined
    : refused(
        `${where}: the tenant must be an integer from 0 to ${TENANT_ID_MAX}, found ${String(tenant)}.`,
      );
}

/** Why `slot` cannot be published for `tenant`, or undefined when it can. */
export function checkDescriptor(
  slot: SlotDescriptor,
  tenant: number,
  where: string,
): Result<never> | undefined {
  const tenantProblem = checkTenant(tenant, where);
  if (tenantProblem !== undefined) {
    return tenantProblem;
  }
  if (!isU32(slot.opcode)) {
    return refused(
      `${where}: the opcode must be a u32, found ${String(slot.opcode)}.`,
    );
  }
  if (!BUILTINS.has(slot.opcode) && isSystemOpcode(slot.opcode)) {
    return refused(
      `${where}: opcode 0x${slot.opcode.toString(16)} is reserved for the system: expected a built-in opcode or a user opcode (not 0..7, 0xFFF0..0xFFFF or 0x80000000 and above).`,
    );
  }
  const args = slot.args ?? [];
  if (args.length > ARGS_PER_SLOT) {
    return refused(
      `${where}: a slot holds at most ${ARGS_PER_SLOT} argument words, found ${args.length}.`,
    );
  }
  const bad = args.findIndex((arg) => !isU32(arg));
  if (bad >= 0) {
    return refused(
      `${where}: argument ${bad} must be a u32, found ${String(args[bad])}.`,
    );
  }
  const priority = slot.priority ?? SlotPriority.NORMAL;
  if (
    !Number.isInteger(priority) ||
    priority < 0 ||
    priority > SlotPriority.IDLE
  ) {
    return refused(
      `${where}: the priority must be 0 (CRITICAL) to 4 (IDLE), found ${String(priority)}.`,
    );
  }
  return undefined;
}

/**
 * Whether `slot` passes every check of {@link checkDescriptor} other than the tenant's, quickly (the
 * hot path of a run: no message is built).
 */
export function isPublishable(slot: SlotDescriptor): boolean {
  const op = slot.opcode;
  if (!isU32(op) || (isSystemOpcode(op) && !BUILTINS.has(op))) {
    return false;
  }
  const args = slot.args;
  if (args !== undefined) {
    if (args.length > ARGS_PER_SLOT) {
      return false;
    }
    for (let k = 0; k < args.length; k++) {
      if (!isU32(args[k])) {
        return false;
      }
    }
  }
  const priority = slot.priority;
  return (
    priority === undefined || (isU32(priority) && priority <= SlotPriority.IDLE)
  );
}

/** Why `ring` cannot take `count` slots from `start`, or undefined. */
export function checkRange(
  ring: Uint32Array,
  start: number,
  count: number,
): Result<never> | undefined {
  if (!(ring instanceof Uint32Array) || ring.length % SLOT_WORDS !== 0) {
    return refused(
      `the ring must be a Uint32Array of whole ${SLOT_WORDS}-word slots, found ${ring instanceof Uint32Array ? `${ring.length} words` : typeof ring}.`,
    );
  }
  const slots = ring.length / SLOT_WORDS;
  if (!Number.isInteger(start) || start < 0 || start + count > slots) {
    return refused(
      `slots ${String(start)}..${String(start + count - 1)} do not fit the ring: expected slots within 0..${slots - 1}.`,
    );
  }
  for (let i = start; i < start + count; i++) {
    const status = ring[i * SLOT_WORDS + SlotWord.STATUS] ?? 0;
    if (status !== RingStatus.EMPTY && status !== RingStatus.DONE) {
      return err(
        new StackError(
          'RUNTIME_SLOT_BUSY',
          `slot ${i} has status ${status}: expected EMPTY (0) or DONE (3), a slot a worker may still own cannot be published.`,
        ),
      );
    }
  }
  return undefined;
}

// Word offsets as plain constants for the hot paths (the protocol's, from `SlotWord`).
export const STATUS_WORD: number = SlotWord.STATUS;
const OPCODE_WORD: number = SlotWord.OPCODE;
const TENANT_WORD: number = SlotWord.TENANT;
const PRIORITY_WORD: number = SlotWord.PRIORITY;
const ARG0_WORD: number = SlotWord.ARG0;

/** Writes `slot` (payload first, status last). Checks nothing: callers validate first. */
export function writeSlot(
  ring: Uint32Array,
  index: number,
  tenant: number,
  slot: SlotDescriptor,
): void {
  const base = index * SLOT_WORDS;
  const args = slot.args ?? NO_ARGS;
  const count = args.length;
  ring[base + OPCODE_WORD] = slot.opcode;
  ring[base + TENANT_WORD] = tenant;
  ring[base + PRIORITY_WORD] = slot.priority ?? SlotPriority.NORMAL;
  const first = base + ARG0_WORD;
  // One pass over the 12 argument words (a hot path: no fill-then-set).
  for (let k = 0; k < count; k++) {
    ring[first + k] = args[k] ?? 0;
  }
  for (let k = count; k < ARGS_PER_SLOT; k++) {
    ring[first + k] = 0;
  }
  ring[base + STATUS_WORD] = RingStatus.PUBLISHED;
}

/**
 * Publishes one slot: validates the descriptor and the slot (EMPTY or DONE), writes the payload, then
 * the status PUBLISHED.
 *
 * @param ring - the ring's words
 * @param index - the slot
 * @param tenant - the tenant the work belongs to
 * @param slot - opcode, arguments, priority
 * @returns nothing, or RUNTIME_PUBLISH_REFUSED / RUNTIME_SLOT_BUSY (the ring unchanged)
 *
 * @public
 */
export function publishSlot(
  ring: Uint32Array,
  index: number,
  tenant: number,
  slot: SlotDescriptor,
): Result<void> {
  const problem =
    checkDescriptor(slot, tenant, `slot ${index}`) ??
    checkRange(ring, index, 1);
  if (problem !== undefined) {
    return problem;
  }
  writeSlot(ring, index, tenant, slot);
  return ok(undefined);
}
