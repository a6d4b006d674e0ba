import {
  allocateChecked,
  invalidSize,
  type AllocationLimit,
} from './bounded-allocation.ts';
import { WORD_BYTES } from './byte-length.ts';
import { isLength } from './int-range.ts';
import { describeValue } from './int-operand.ts';
import { InternalError } from './internal-error.ts';
import { err, ok, type Ok, type Result } from './result.ts';
import { StackError } from './stack-error.ts';

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
    if (!isLength(maxWords)) {
      return invalidSize('WordBuffer.create', 'maxWords', maxWords);
    }
    if (maxWords > MAX_WORDS) {
      return err(
        new StackError(
          'ALLOC_INVALID_SIZE',
          `WordBuffer.create: maxWords must keep the byte length a safe integer: expected at most ${MAX_WORDS}, found ${maxWords}.`,
        ),
      );
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
   *
   * @param targetCapacity - the capacity, in words, to reach (at most `maxWords`)
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
   *
   * @param additional - how many words beyond the current length must fit
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
    if (additional > this.maxWords - this.#length) {
      return this.#limitExceeded(
        'tryReserveAdditional',
        `${additional} more words on top of the ${this.#length} in use exceed the cap: expected at most ${this.maxWords - this.#length} more (maxWords ${this.maxWords}), found ${additional}`,
      );
    }
    const doubled = Math.min(
      this.maxWords,
      Math.max(8, this.#words.length * 2),
    );
    return this.#grow('tryReserveAdditional', Math.max(needed, doubled));
  }

  /**
   * Appends one word.
   *
   * @param word - the word to append (stored modulo `2**32`)
   */
  tryPush(word: number): Result<void> {
    if (typeof word !== 'number') {
      return notANumber('tryPush', `found ${describeValue(word)}`);
    }
    if (this.#length === this.#words.length) {
      const reserved = this.tryReserveAdditional(1);
      if (!reserved.ok) {
        return reserved;
      }
    }
    this.#words[this.#length++] = word;
    return DONE;
  }

  /**
   * Appends every word of `words`, or none of them on failure.
   *
   * @param words - the words to append
   */
  tryAppend(words: ArrayLike<number>): Result<void> {
    const reserved = this.tryReserveAdditional(words.length);
    if (!reserved.ok) {
      return reserved;
    }
    try {
      this.#words.set(words, this.#length);
    } catch (thrown) {
      // A non-number element (a bigint, say) from untyped code: the words in use are untouched.
      if (thrown instanceof TypeError) {
        return notANumber(
          'tryAppend',
          `found an element the typed array rejected (${thrown.message})`,
        );
      }
      throw new InternalError(
        'Uint32Array.set threw after the capacity was reserved',
        {
          cause: thrown,
        },
      );
    }
    this.#length += words.length;
    return DONE;
  }

  /**
   * Sets the length; words added by growing the length are zero. Growth is geometric, as for appends.
   *
   * @param newLength - the new length in words (at most `maxWords`)
   */
  tryResize(newLength: number): Result<void> {
    if (!isLength(newLength)) {
      return invalidSize('WordBuffer.tryResize', 'newLength', newLength);
    }
    if (newLength > this.maxWords) {
      return this.#limitExceeded(
        'tryResize',
        `the new length exceeds the cap: expected at most ${this.maxWords} words (maxWords), found ${newLength}`,
      );
    }
    if (newLength > this.#length) {
      const reserved = this.tryReserveAdditional(newLength - this.#length);
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

  /**
   * The word at `index`, or `undefined` unless `index` is an integer in `0..length-1`.
   *
   * @param index - a word index
   */
  get(index: number): number | undefined {
    return Number.isInteger(index) && index >= 0 && index < this.#length
      ? this.#words[index]
      : undefined;
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

  #limitExceeded(fn: string, detail: string): Result<never> {
    const what = this.purpose === undefined ? '' : ` for ${this.purpose}`;
    return err(
      new StackError(
        'ALLOC_LIMIT_EXCEEDED',
        `WordBuffer.${fn}${what}: ${detail}.`,
      ),
    );
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

function notANumber(fn: string, found: string): Result<never> {
  return err(
    new StackError(
      'MATH_INVALID_OPERAND',
      `WordBuffer.${fn}: a word must be a number: expected a number, ${found}.`,
    ),
  );
}

// The largest cap whose byte length is still a safe integer.
const MAX_WORDS = Math.floor(Number.MAX_SAFE_INTEGER / WORD_BYTES);

function limitFor(
  maxWords: number,
  purpose: string | undefined,
): AllocationLimit {
  const maxBytes = maxWords * WORD_BYTES;
  return purpose === undefined ? { maxBytes } : { maxBytes, purpose };
}
