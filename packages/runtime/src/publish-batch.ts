import { ok, type Result } from '@vyre/foundation';
import { RingStatus, SLOT_WORDS, SlotPriority } from '@vyre/telemetry';
import { isSystemOpcode, Opcode } from './opcode.ts';
import {
  checkDescriptor,
  checkRange,
  checkTenant,
  isBuiltinOpcode,
  isU32,
  refused,
  writeSlot,
  type SlotDescriptor,
} from './publish-slot.ts';

/**
 * One work item of the fixed ABI (vyre `MegakernelWorkItem`): it becomes a slot with opcode
 * `opHandle` and arguments `[inputHandle, outputHandle, param]`.
 *
 * @public
 */
export interface WorkItem {
  readonly opHandle: number;
  readonly inputHandle: number;
  readonly outputHandle: number;
  readonly param: number;
}

/**
 * The slot a work item becomes.
 *
 * @param item - the work item
 *
 * @public
 */
export function workItemSlot(item: WorkItem): SlotDescriptor {
  return {
    opcode: item.opHandle,
    args: [item.inputHandle, item.outputHandle, item.param],
  };
}

/**
 * Publishes `slots` into consecutive ring slots from `start`, all for `tenant`. Everything is validated
 * before anything is written: on an error the ring is unchanged.
 *
 * @param ring - the ring's words
 * @param start - the first slot
 * @param tenant - the tenant
 * @param slots - the slots, in order
 * @returns the number of slots written, or the first problem
 *
 * @public
 */
export function publishSlots(
  ring: Uint32Array,
  start: number,
  tenant: number,
  slots: readonly SlotDescriptor[],
): Result<number> {
  for (const [i, slot] of slots.entries()) {
    const problem = checkDescriptor(slot, tenant, `slot ${start + i}`);
    if (problem !== undefined) {
      return problem;
    }
  }
  const range = checkRange(ring, start, slots.length);
  if (range !== undefined) {
    return range;
  }
  slots.forEach((slot, i) => writeSlot(ring, start + i, tenant, slot));
  return ok(slots.length);
}

/**
 * Publishes work items into consecutive slots from `start` (vyre `publish_work_items`), validating
 * all of them first.
 *
 * @param ring - the ring's words
 * @param start - the first slot
 * @param tenant - the tenant
 * @param items - the work items
 * @returns the number of slots written
 *
 * @public
 */
export function publishWorkItems(
  ring: Uint32Array,
  start: number,
  tenant: number,
  items: readonly WorkItem[],
): Result<number> {
  return publishSlots(ring, start, tenant, items.map(workItemSlot));
}

/**
 * Encodes work items into `into` as a fresh ring (vyre `encode_work_items_ring_into`): slot `i` holds
 * item `i`, every other slot is EMPTY. `into` must hold at least one slot per item.
 *
 * @param into - caller-owned ring words (rewritten whole)
 * @param tenant - the tenant
 * @param items - the work items
 * @returns the number of slots written
 *
 * @public
 */
export function encodeWorkItemsRing(
  into: Uint32Array,
  tenant: number,
  items: readonly WorkItem[],
): Result<number> {
  // A million items per call: validate in one tight pass, then write every word of every slot in a
  // second one, without a descriptor object per item.
  const tenantProblem = checkTenant(tenant, 'the ring');
  if (tenantProblem !== undefined) {
    return tenantProblem;
  }
  const n = items.length;
  for (let i = 0; i < n; i++) {
    const item = items[i] as WorkItem;
    const op = item.opHandle;
    if (
      !isU32(op) ||
      !isU32(item.inputHandle) ||
      !isU32(item.outputHandle) ||
      !isU32(item.param) ||
      (isSystemOpcode(op) && !isBuiltinOpcode(op))
    ) {
      const problem = checkDescriptor(workItemSlot(item), tenant, `item ${i}`);
      return problem ?? refused(`item ${i} is not a work item.`);
    }
  }
  if (
    !(into instanceof Uint32Array) ||
    into.length % SLOT_WORDS !== 0 ||
    n > into.length / SLOT_WORDS
  ) {
    return refused(
      `the ring cannot hold ${n} work items: expected a Uint32Array of at least ${n * SLOT_WORDS} words in whole ${SLOT_WORDS}-word slots.`,
    );
  }
  const priority = SlotPriority.NORMAL;
  for (let i = 0, base = 0; i < n; i++, base += SLOT_WORDS) {
    const item = items[i] as WorkItem;
    into[base + 1] = item.opHandle;
    into[base + 2] = tenant;
    into[base + 3] = priority;
    into[base + 4] = item.inputHandle;
    into[base + 5] = item.outputHandle;
    into[base + 6] = item.param;
    for (let w = base + 7; w < base + SLOT_WORDS; w++) {
      into[w] = 0;
    }
    into[base] = RingStatus.PUBLISHED; // the status last, as every publisher writes it
  }
  into.fill(0, n * SLOT_WORDS);
  return ok(n);
}

/**
 * Publishes `items` followed by one BATCH_FENCE slot with arguments `[items.length, batchTag]` (vyre
 * `batch_publish`): when the fence runs, the control buffer's EPOCH advances and its first observable
 * holds the tag. Validates everything before writing.
 *
 * @param ring - the ring's words
 * @param start - the first slot
 * @param tenant - the tenant
 * @param items - the batch's slots
 * @param batchTag - a u32 the fence publishes
 * @returns the slots consumed: `items.length + 1`
 *
 * @public
 */
export function batchPublish(
  ring: Uint32Array,
  start: number,
  tenant: number,
  items: readonly SlotDescriptor[],
  batchTag: number,
): Result<number> {
  return publishSlots(ring, start, tenant, [
    ...items,
    { opcode: Opcode.BATCH_FENCE, args: [items.length, batchTag] },
  ]);
}
