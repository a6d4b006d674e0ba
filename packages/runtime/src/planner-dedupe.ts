import { SlotPriority } from '@vyre/telemetry';
import type { WorkItem } from './publish-batch.ts';
import type { SlotDescriptor } from './publish-slot.ts';

// Dropping exact duplicates from a queue before publishing (historical vyre
// `prune_redundant_work_items_*`, whose count fed `MegakernelReport::deduped_items`). One hash-set
// lookup per item: O(n) expected.

/**
 * A queue with its later exact duplicates dropped.
 *
 * @public
 */
export interface Deduped<T> {
  /** The first occurrence of each distinct item, in input order (the input array itself when none was dropped). */
  readonly items: readonly T[];
  /** How many items were dropped. */
  readonly dedupedItems: number;
  /** For each kept item, its index in the input, ascending: results map back through it. */
  readonly kept: Uint32Array;
}

function dedupeBy<T>(
  input: readonly T[],
  key: (item: T) => string,
): Deduped<T> {
  const seen = new Set<string>();
  const kept = new Uint32Array(input.length);
  const items: T[] = [];
  for (let i = 0; i < input.length; i++) {
    const item = input[i] as T;
    const k = key(item);
    if (!seen.has(k)) {
      seen.add(k);
      kept[items.length] = i;
      items.push(item);
    }
  }
  const dedupedItems = input.length - items.length;
  return {
    items: dedupedItems === 0 ? input : items,
    dedupedItems,
    kept: kept.slice(0, items.length),
  };
}

// `String` of a number is exact and distinct for distinct numbers (u32s in particular), and commas
// cannot appear inside one, so equal keys mean equal fields.
const slotKey = (slot: SlotDescriptor): string =>
  `${slot.opcode};${slot.priority ?? SlotPriority.NORMAL};${(slot.args ?? []).join(',')}`;

const workItemKey = (item: WorkItem): string =>
  `${item.opHandle},${item.inputHandle},${item.outputHandle},${item.param}`;

/**
 * Drops later exact duplicates of slots: same opcode, same priority (absent counts as NORMAL) and the
 * same argument words in the same order (absent counts as none; `[1]` and `[1, 0]` differ). The first
 * occurrence is kept and the order preserved.
 *
 * @example
 * ```ts
 * const { items, dedupedItems, kept } = dedupeSlots([{ opcode: 1, args: [5] }, { opcode: 1, args: [5] }]);
 * // items.length 1, dedupedItems 1, kept Uint32Array [0]
 * ```
 *
 * @param slots - the queue
 * @returns the distinct slots, how many were dropped, and where each kept one came from
 *
 * @public
 */
export function dedupeSlots(
  slots: readonly SlotDescriptor[],
): Deduped<SlotDescriptor> {
  return dedupeBy(slots, slotKey);
}

/**
 * Drops later exact duplicates of work items: the same `(opHandle, inputHandle, outputHandle, param)`
 * (vyre `prune_redundant_work_items`). The first occurrence is kept and the order preserved.
 *
 * @param items - the queue
 * @returns the distinct items, how many were dropped, and where each kept one came from
 *
 * @public
 */
export function dedupeWorkItems(items: readonly WorkItem[]): Deduped<WorkItem> {
  return dedupeBy(items, workItemKey);
}
