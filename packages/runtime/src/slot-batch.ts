import { ok, type Result } from '@vyre/foundation';
import { SLOT_WORDS, SlotWord } from '@vyre/telemetry';
import { encodeWorkItemsRing, type WorkItem } from './publish-batch.ts';
import {
  checkDescriptor,
  checkTenant,
  isPublishable,
  refused,
  writeSlot,
  type SlotDescriptor,
} from './publish-slot.ts';

// Work encoded once, validated once, published many times: each item already in its slot's 16 words
// (status PUBLISHED), so a run publishes by copying words, and contiguous runs of items into
// contiguous free slots by one typed-array copy. Encoding descriptors costs what writing them into a
// ring costs; a caller who runs the same work again, or builds it in a typed array in the first
// place, pays it once.

// The runtime's own access to a batch's slot words (not part of the package's API).
const wordsOf = new WeakMap<SlotBatch, Uint32Array>();

/** The slot words of `batch`: whole validated slots, item `i` at words `16 i` .. `16 i + 15`. */
export function batchWords(batch: SlotBatch): Uint32Array {
  return wordsOf.get(batch) ?? new Uint32Array(0);
}

/**
 * Items encoded as ring slots for one tenant, validated when made ({@link SlotBatch.encode},
 * {@link SlotBatch.fromWorkItems}); `runWorkItems` takes one instead of descriptors.
 *
 * @public
 */
export class SlotBatch {
  /** The tenant every item belongs to. */
  readonly tenant: number;
  /** Items in the batch. */
  readonly count: number;
  readonly #words: Uint32Array;

  private constructor(tenant: number, words: Uint32Array) {
    this.tenant = tenant;
    this.#words = words;
    this.count = words.length / SLOT_WORDS;
    wordsOf.set(this, words);
  }

  /** The opcode of item `index` (0 outside `0 .. count - 1`). */
  opcodeAt(index: number): number {
    return this.#words[index * SLOT_WORDS + SlotWord.OPCODE] ?? 0;
  }

  /** The priority of item `index` (0 outside `0 .. count - 1`). */
  priorityAt(index: number): number {
    return this.#words[index * SLOT_WORDS + SlotWord.PRIORITY] ?? 0;
  }

  /**
   * Validates and encodes `items` for `tenant`.
   *
   * @param items - the work, in order
   * @param tenant - the tenant that owns it
   * @returns the batch, or RUNTIME_PUBLISH_REFUSED naming the first bad item
   */
  static encode(
    items: readonly SlotDescriptor[],
    tenant: number,
  ): Result<SlotBatch> {
    const tenantProblem = checkTenant(tenant, 'the batch');
    if (tenantProblem !== undefined) {
      return tenantProblem;
    }
    const words = new Uint32Array(items.length * SLOT_WORDS);
    for (let i = 0; i < items.length; i++) {
      const item = items[i] as SlotDescriptor;
      // A quick test per item on the hot path; the full check (and its message) only for a bad one.
      if (!isPublishable(item)) {
        return (
          checkDescriptor(item, tenant, `item ${i}`) ??
          refused(`item ${i} is not a slot descriptor.`)
        );
      }
      writeSlot(words, i, tenant, item);
    }
    return ok(new SlotBatch(tenant, words));
  }

  /**
   * Validates and encodes work items of the fixed ABI (`WorkItem`) for `tenant`.
   *
   * @param items - the work items, in order
   * @param tenant - the tenant that owns them
   * @returns the batch, or RUNTIME_PUBLISH_REFUSED naming the first bad item
   */
  static fromWorkItems(
    items: readonly WorkItem[],
    tenant: number,
  ): Result<SlotBatch> {
    const words = new Uint32Array(items.length * SLOT_WORDS);
    const encoded = encodeWorkItemsRing(words, tenant, items);
    return encoded.ok ? ok(new SlotBatch(tenant, words)) : encoded;
  }
}
