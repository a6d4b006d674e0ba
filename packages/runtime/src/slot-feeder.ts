import type { SlotBatch } from './slot-batch.ts';

// Which item goes into a free slot next. Items are taken in order, or grouped by opcode (stable, a
// counting sort) when binning, so that neighbouring lanes run the same opcode. For a priority
// megakernel the ring is split into five partitions (the offsets `encodePriorityOffsets` wrote into
// the control buffer) and a slot takes only items of its own partition's priority.

/** Options of a {@link SlotFeeder}. */
export interface FeederOptions {
  readonly binByOpcode: boolean;
  /**
   * For a priority kernel: the first slot of each of the five partitions (the control buffer's
   * priority offsets, as `encodePriorityOffsets` wrote them).
   */
  readonly partitions?: ArrayLike<number>;
}

/** Hands out item indices for free slots. */
export class SlotFeeder {
  /** Items not yet handed out. */
  waiting: number;
  /** Per partition, the items in hand-out order; undefined means 0, 1, 2, … (no binning, one queue). */
  readonly #queues: (Int32Array | undefined)[];
  readonly #lengths: number[];
  readonly #heads: number[];
  readonly #firstOfPartition: number[];

  constructor(items: SlotBatch, options: FeederOptions) {
    this.waiting = items.count;
    const order = options.binByOpcode ? binnedOrder(items) : undefined;
    const partitions = options.partitions;
    if (partitions === undefined) {
      this.#queues = [order];
      this.#lengths = [items.count];
      this.#firstOfPartition = [0];
    } else {
      const byPriority: number[][] = [[], [], [], [], []];
      for (let k = 0; k < items.count; k++) {
        const i = order === undefined ? k : (order[k] ?? k);
        byPriority[items.priorityAt(i)]?.push(i);
      }
      this.#queues = byPriority.map((q) => Int32Array.from(q));
      this.#lengths = byPriority.map((q) => q.length);
      this.#firstOfPartition = Array.from(
        { length: 5 },
        (_, p) => partitions[p] ?? 0,
      );
    }
    this.#heads = this.#queues.map(() => 0);
  }

  /** Items are handed out in input order from one queue (no binning, no partitions). */
  get sequential(): boolean {
    return this.#queues.length === 1 && this.#queues[0] === undefined;
  }

  /**
   * For a {@link SlotFeeder.sequential} feeder: takes the next `count` items (at most the waiting ones)
   * and returns the first one's index; they are consecutive.
   */
  takeConsecutive(count: number): number {
    const head = this.#heads[0] ?? 0;
    this.#heads[0] = head + count;
    this.waiting -= count;
    return head;
  }

  /** The next item for `slot`, or -1 when none waits for its partition. */
  next(slot: number): number {
    let p = this.#firstOfPartition.length - 1;
    while (p > 0 && slot < (this.#firstOfPartition[p] ?? 0)) {
      p--;
    }
    const head = this.#heads[p] ?? 0;
    if (head >= (this.#lengths[p] ?? 0)) {
      return -1;
    }
    this.#heads[p] = head + 1;
    this.waiting--;
    const queue = this.#queues[p];
    return queue === undefined ? head : (queue[head] ?? -1);
  }
}

/** Item indices grouped by opcode (groups in order of first appearance, items in input order): O(n). */
function binnedOrder(items: SlotBatch): Int32Array {
  const n = items.count;
  const groupOf = new Map<number, number>();
  const group = new Int32Array(n);
  const sizes: number[] = [];
  for (let i = 0; i < n; i++) {
    const opcode = items.opcodeAt(i);
    let g = groupOf.get(opcode);
    if (g === undefined) {
      g = sizes.length;
      groupOf.set(opcode, g);
      sizes.push(0);
    }
    group[i] = g;
    sizes[g] = (sizes[g] ?? 0) + 1;
  }
  const next = new Int32Array(sizes.length);
  for (let g = 1; g < sizes.length; g++) {
    next[g] = (next[g - 1] ?? 0) + (sizes[g - 1] ?? 0);
  }
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const g = group[i] ?? 0;
    order[next[g] ?? 0] = i;
    next[g] = (next[g] ?? 0) + 1;
  }
  return order;
}
