import type { Lane } from './lane.ts';

// On a GPU, a store to an 8- or 16-bit element is a read-modify-write of its whole 32-bit word, so two
// invocations that write different bytes of one word without an ordering between them can lose one of
// the writes (docs/semantics.md). The CPU reference writes single bytes, so no lane order shows the
// loss: the race check finds these conflicts by recording, per word, the last invocation that wrote
// part of it and when.

/**
 * Two invocations that write parts of one 32-bit word of an 8- or 16-bit buffer with nothing ordering
 * the writes: on a GPU one of them can be lost.
 *
 * @public
 */
export interface NarrowStoreConflict {
  /** The buffer's name. */
  readonly buffer: string;
  /** The word index (element index `>> 2` for 8-bit, `>> 1` for 16-bit elements). */
  readonly word: number;
  /** For a workgroup buffer, the linear index of the workgroup whose memory it is. */
  readonly workgroup?: number;
  /** The linear invocation indices (workgroup-major, x fastest) of the two writers. */
  readonly invocations: readonly [number, number];
}

interface LastWriter {
  readonly invocation: number;
  readonly workgroup: number;
  readonly gridEpoch: number;
  readonly interval: number;
}

/** The most conflicts a report lists. */
const MAX_LISTED_CONFLICTS = 16;

/** Records narrow stores during one run and collects the unordered pairs. */
export class NarrowStoreTracker {
  readonly #names: readonly string[];
  readonly #last = new Map<number, LastWriter>();
  /** Writes to workgroup memory: cleared when the next workgroup starts, since its memory is fresh. */
  #shared = new Map<number, LastWriter>();
  readonly #conflicts: NarrowStoreConflict[] = [];
  // Keys that already had a conflict (one listing and one count per word), per map.
  readonly #seen = new Set<number>();
  #seenShared = new Set<number>();
  #conflictWords = 0;
  /** Grid-wide barriers released so far: writes on either side of one are ordered. */
  gridEpoch = 0;

  /** @param names - the buffer names, by declaration index */
  constructor(names: readonly string[]) {
    this.#names = names;
  }

  /**
   * Called when the scheduler starts a workgroup after the previous one finished: earlier writes to
   * workgroup memory can no longer conflict with anything.
   */
  enterWorkgroup(): void {
    this.#shared = new Map();
    this.#seenShared = new Set();
  }

  /** Notes that `lane` wrote part of `word` of buffer `buffer` (a workgroup buffer when `shared`). */
  note(lane: Lane, buffer: number, word: number, shared: boolean): void {
    // Words of a storage buffer fit 2^28 (1 GiB bindings), of a workgroup buffer 2^14 (64 KiB). Workgroup
    // memory is per workgroup, so its key includes the workgroup; workgroups live at the same time only
    // under a grid-wide barrier, which allows at most 2^20 invocations, hence workgroups.
    const key = shared
      ? ((buffer * 2 ** 20 + (lane.workgroupLinear % 2 ** 20)) * 2 ** 14 +
          word) *
          2 +
        1
      : (buffer * 2 ** 28 + word) * 2;
    const map = shared ? this.#shared : this.#last;
    const seen = shared ? this.#seenShared : this.#seen;
    const invocation = lane.invocationLinear;
    const previous = map.get(key);
    if (
      previous !== undefined &&
      previous.invocation !== invocation &&
      previous.gridEpoch === this.gridEpoch &&
      (previous.workgroup !== lane.workgroupLinear ||
        previous.interval === lane.interval) &&
      !seen.has(key)
    ) {
      seen.add(key);
      this.#conflictWords++;
      if (this.#conflicts.length < MAX_LISTED_CONFLICTS) {
        this.#conflicts.push({
          buffer: this.#names[buffer] ?? `buffer ${buffer}`,
          word,
          ...(shared ? { workgroup: lane.workgroupLinear } : {}),
          invocations: [previous.invocation, invocation],
        });
      }
    }
    map.set(key, {
      invocation,
      workgroup: lane.workgroupLinear,
      gridEpoch: this.gridEpoch,
      interval: lane.interval,
    });
  }

  /** The first conflicts found (at most MAX_LISTED_CONFLICTS), and how many words had one. */
  report(): { conflicts: NarrowStoreConflict[]; words: number } {
    return { conflicts: [...this.#conflicts], words: this.#conflictWords };
  }
}
