import {
  allocateChecked,
  invalidSize,
  type AllocationLimit,
} from './bounded-allocation.ts';
import { WORD_BYTES } from './byte-length.ts';
import { isLength } from './int-range.ts';
import { ok, type Ok, type Result } from './result.ts';

/**
 * Options for {@link WordBuffer.create}.
 *
 * @public
 */
export interface WordBufferOptions {
  /** The hard cap on capacity, in words; no operation ever allocates beyond it. */
  readonly maxWords: number;
  /** Words to allocate up front (default 0). */
  readonly initialCapacity?: number;
  /** What the buffer is for, named in error messages. */
  readonly purpose?: string;
}

// One shared success value: growing within capacity allocates nothing, not even a Result.
const DONE: Ok<undefined> = Object.freeze(ok(undefined));

/**
 * A growable buffer of u32 words with a hard capacity cap, meant to be kept and reused as scratch.
 *
 * @remarks
 * Its length (words in use) and capacity (words allocated) are separate, as in Rust's `Vec`:
 * {@link WordBuffer.tryReserveToCapacity} grows capacity to a target without changing the length,
 * and {@link WordBuffer.clear} empties it while keeping the memory, so a caller that polls at high
 * frequency allocates only until the buffer reaches its working size.
 *
 * Every operation that may allocate returns a `Result` and never throws: beyond `maxWords` it is
 * `ALLOC_LIMIT_EXCEEDED`, an engine refusal is `ALLOC_OUT_OF_MEMORY`, and on failure the buffer is
 * left exactly as it was. Words are stored as a `Uint32Array` stores them: modulo `2**32`.
 *
 * @example
 * ```ts
 * import { WordBuffer, unwrapUnsafe } from '@vyre/foundation';
 * const scratch = unwrapUnsafe(WordBuffer.create({ maxWords: 1 << 20, purpose: 'decode scratch' }));
 * for (let poll = 0; poll < 3; poll++) {
 *   scratch.clear();
 *   if (!scratch.tryReserveToCapacity(1024).ok) break; // allocates only on the first poll
 *   scratch.tryPush(poll);
 * }
 * ```
 *
 * @public
 */
export class WordBuffer {
  /** The hard cap on capacity, in words. */
  readonly maxWords: number;
  /** What the buffer is for, named in error messages. */
  readonly purpose: string | undefined;
  #words: Uint32Array;
  #length = 0;

  private constructor(
    words: Uint32Array,
    maxWords: number,
    purpose: string | undefined,
  ) {
    this.#words = words;
    this.maxWords = maxWords;
    this.purpose = purpose;
  }

  /**
   * Creates an empty buffer with `initialCapacity` words allocated.
   *
   * @param options - the cap, the initial capacity and the purpose
   */
  static create(options: WordBufferOptions): Result<WordBuffer> {
    const { maxWords, initialCapacity = 0, purpose } = options;
    if (!isLength(maxWords) || !isLength(maxWords * WORD_BYTES)) {
      return invalidSize('WordBuffer.create', 'maxWords', maxWords);
    }
    const buffer = allocateChecked(
      'WordBuffer.create',
      initialCapacity,
      'words',
      limitFor(maxWords, purpose),
    );
    return buffer.ok
      ? ok(new WordBuffer(new Uint32Array(buffer.value), maxWords, purpose))
      : buffer;
  }

  /** Words in use. */
  get length(): number {
    return this.#length;
  }

  /** Words allocated; always at least {@link WordBuffer.length} and at most {@link WordBuffer.maxWords}. */
  get capacity(): number {
    return this.#words.length;
  }

  /**
   * Grows the capacity to at least `targetCapacity` words without changing the length.
   *
   * @remarks
   * Allocates exactly `targetCapacity` words when it grows; does nothing when the capacity already
   * suffices. On failure the buffer is unchanged.
   */
  tryReserveToCapacity(targetCapacity: number): Result<void> {
    if (targetCapacity <= this.#words.length && isLength(targetCapacity)) {
      return DONE;
    }
    return this.#grow('tryReserveToCapacity', targetCapacity);
  }

  /**
   * Makes room for `additional` more words beyond the current length, growing geometrically
   * (doubling, within `maxWords`) so that repeated appends cost amortized O(1).
   */
  tryReserveAdditional(additional: number): Result<void> {
    if (!isLength(additional)) {
      return invalidSize(
        'WordBuffer.tryReserveAdditional',
        'additional',
        additional,
      );
    }
    const needed = this.#length + additional;
    if (needed <= this.#words.length) {
      return DONE;
    }
    const doubled = Math.min(
      this.maxWords,
      Math.max(8, this.#words.length * 2),
    );
    return this.#grow('tryReserveAdditional', Math.max(needed, doubled));
  }

  /** Appends one word. */
  tryPush(word: number): Result<void> {
    if (this.#length === this.#words.length) {
      const reserved = this.tryReserveAdditional(1);
      if (!reserved.ok) {
        return reserved;
      }
    }
    this.#words[this.#length++] = word;
    return DONE;
  }

  /** Appends every word of `words`, or none of them on failure. */
  tryAppend(words: ArrayLike<number>): Result<void> {
    const reserved = this.tryReserveAdditional(words.length);
    if (!reserved.ok) {
      return reserved;
    }
    this.#words.set(words, this.#length);
    this.#length += words.length;
    return DONE;
  }

  /** Sets the length; words added by growing the length are zero. */
  tryResize(newLength: number): Result<void> {
    if (!isLength(newLength)) {
      return invalidSize('WordBuffer.tryResize', 'newLength', newLength);
    }
    if (newLength > this.#length) {
      const reserved = this.tryReserveToCapacity(newLength);
      if (!reserved.ok) {
        return reserved;
      }
      this.#words.fill(0, this.#length, newLength);
    }
    this.#length = newLength;
    return DONE;
  }

  /** Sets the length to zero and keeps the allocated capacity for reuse. */
  clear(): void {
    this.#length = 0;
  }

  /** The word at `index`, or `undefined` outside `0..length-1`. */
  at(index: number): number | undefined {
    return index >= 0 && index < this.#length ? this.#words[index] : undefined;
  }

  /**
   * The words in use, as a view of the buffer's memory (no copy).
   *
   * @remarks
   * The view is valid until the next operation that grows the capacity; writes through it change the
   * buffer.
   */
  view(): Uint32Array {
    return this.#words.subarray(0, this.#length);
  }

  #grow(fn: string, targetCapacity: number): Result<void> {
    const buffer = allocateChecked(
      `WordBuffer.${fn}`,
      targetCapacity,
      'words',
      limitFor(this.maxWords, this.purpose),
    );
    if (!buffer.ok) {
      return buffer;
    }
    const grown = new Uint32Array(buffer.value);
    grown.set(this.#words.subarray(0, this.#length));
    this.#words = grown;
    return DONE;
  }
}

function limitFor(
  maxWords: number,
  purpose: string | undefined,
): AllocationLimit {
  const maxBytes = maxWords * WORD_BYTES;
  return purpose === undefined ? { maxBytes } : { maxBytes, purpose };
}
