import { SlotPriority } from '@vyre/telemetry';
import type { SlotDescriptor } from './publish-slot.ts';

// Which item goes into a free slot next. Items are taken in order, or grouped by opcode (stable) when
// binning, so that neighbouring lanes run the same opcode. For a priority megakernel the ring is split
// into five partitions (the default offsets of `encodePriorityOffsets`) and a slot takes only items of
// its own partition's priority.

/** Options of a {@link SlotFeeder}. */
export interface FeederOptions {
  readonly binByOpcode: boolean;
  readonly partitioned: boolean;
}

/** Hands out item indices for free slots. */
export class SlotFeeder {
  /** Items not yet handed out. */
  waiting: number;
  readonly #queues: Int32Array[];
  readonly #heads: number[];
  readonly #firstOfPartition: number[];

  constructor(
    items: readonly SlotDescriptor[],
    slots: number,
    options: FeederOptions,
  ) {
    this.waiting = items.length;
    const order = Int32Array.from(items.keys());
    if (options.binByOpcode) {
      // Stable: equal opcodes keep their input order.
      order.sort((a, b) => {
        const d = (items[a]?.opcode ?? 0) - (items[b]?.opcode ?? 0);
        return d === 0 ? a - b : d;
      });
    }
    if (!options.partitioned) {
      this.#queues = [order];
      this.#firstOfPartition = [0];
    } else {
      const byPriority: number[][] = [[], [], [], [], []];
      for (const i of order) {
        byPriority[items[i]?.priority ?? SlotPriority.NORMAL]?.push(i);
      }
      this.#queues = byPriority.map((q) => Int32Array.from(q));
      // The default offsets: slots/5 per level, the remainder to NORMAL.
      const share = Math.floor(slots / 5);
      const remainder = slots - share * 5;
      this.#firstOfPartition = [];
      let offset = 0;
      for (let p = 0; p < 5; p++) {
        this.#firstOfPartition.push(offset);
        offset += share + (p === SlotPriority.NORMAL ? remainder : 0);
      }
    }
    this.#heads = this.#queues.map(() => 0);
  }

  /** The next item for `slot`, or -1 when none waits for its partition. */
  next(slot: number): number {
    let p = this.#firstOfPartition.length - 1;
    while (p > 0 && slot < (this.#firstOfPartition[p] ?? 0)) {
      p--;
    }
    const queue = this.#queues[p];
    const head = this.#heads[p] ?? 0;
    if (queue === undefined || head >= queue.length) {
      return -1;
    }
    this.#heads[p] = head + 1;
    this.waiting--;
    return queue[head] ?? -1;
  }
}
