import {
  describeValue,
  invalidOperand,
  invalidOperands,
  overflow,
} from './int-operand.ts';
import { isLength } from './int-range.ts';
import { err, ok, type Result } from './result.ts';
import { StackError } from './stack-error.ts';

// Byte-length arithmetic for word buffers. Lengths are non-negative safe integers (0..2**53-1, the
// range of exact JavaScript integers); anything larger is MATH_OVERFLOW rather than a rounded number.
// Results add `+ 0` so that a zero computed from a `-0` input is returned as +0.

/**
 * Bytes in one word, the unit of every vyre buffer.
 *
 * @public
 */
export const WORD_BYTES = 4;

/**
 * The byte length of `words` 4-byte words, or `MATH_OVERFLOW` beyond `2**53 - 1` bytes.
 *
 * @param words - a number of 4-byte words
 *
 * @example
 * ```ts
 * import { byteLengthForWords } from '@vyre/foundation';
 * byteLengthForWords(16); // ok(64)
 * ```
 *
 * @public
 */
export function byteLengthForWords(words: number): Result<number> {
  return byteLengthForElements(words, WORD_BYTES);
}

/**
 * The byte length of `count` elements of `bytesPerElement` bytes each, or `MATH_OVERFLOW` beyond
 * `2**53 - 1` bytes.
 *
 * @param count - the number of elements
 * @param bytesPerElement - the size of one element in bytes
 *
 * @public
 */
export function byteLengthForElements(
  count: number,
  bytesPerElement: number,
): Result<number> {
  if (!(isLength(count) && isLength(bytesPerElement))) {
    return invalidOperands(
      'byteLengthForElements',
      count,
      bytesPerElement,
      'length',
      'length',
      ['count', 'bytesPerElement'],
    );
  }
  const bytes = count * bytesPerElement;
  return Number.isSafeInteger(bytes)
    ? ok(bytes + 0)
    : overflow(
        `byteLengthForElements(${count}, ${bytesPerElement})`,
        'length',
        BigInt(count) * BigInt(bytesPerElement),
      );
}

/**
 * The number of words in `byteLength` bytes, or `BYTES_MISALIGNED` when it is not a multiple of 4.
 *
 * @param byteLength - a length in bytes
 *
 * @public
 */
export function wordCountForBytes(byteLength: number): Result<number> {
  if (!isLength(byteLength)) {
    return invalidOperand(
      'wordCountForBytes',
      'byteLength',
      'length',
      byteLength,
    );
  }
  if (byteLength % WORD_BYTES !== 0) {
    return err(
      new StackError(
        'BYTES_MISALIGNED',
        `wordCountForBytes: a word buffer must be a whole number of words: expected a multiple of ${WORD_BYTES} bytes, found ${byteLength}.`,
      ),
    );
  }
  return ok(byteLength / WORD_BYTES + 0);
}

/**
 * The number of words needed to hold `byteLength` bytes (rounded up).
 *
 * @param byteLength - a length in bytes
 *
 * @public
 */
export function wordsCoveringBytes(byteLength: number): Result<number> {
  if (!isLength(byteLength)) {
    return invalidOperand(
      'wordsCoveringBytes',
      'byteLength',
      'length',
      byteLength,
    );
  }
  return ok(Math.ceil(byteLength / WORD_BYTES) + 0);
}

/**
 * `byteLength` rounded up to a multiple of `alignment` (a power of two), or `MATH_OVERFLOW` when the
 * rounded length is not a safe integer.
 *
 * @param byteLength - a length in bytes
 * @param alignment - the alignment in bytes, a power of two
 *
 * @example
 * ```ts
 * import { alignUpBytes } from '@vyre/foundation';
 * alignUpBytes(13, 4); // ok(16)
 * ```
 *
 * @public
 */
export function alignUpBytes(
  byteLength: number,
  alignment: number,
): Result<number> {
  if (!isLength(byteLength)) {
    return invalidOperand('alignUpBytes', 'byteLength', 'length', byteLength);
  }
  if (!isPowerOfTwo(alignment)) {
    return err(
      new StackError(
        'MATH_INVALID_OPERAND',
        `alignUpBytes: operand alignment must be a power of two: expected 1, 2, 4, 8, ..., found ${describeValue(alignment)}.`,
      ),
    );
  }
  // Division and multiplication by a power of two are exact for safe integers.
  const aligned = Math.ceil(byteLength / alignment) * alignment;
  return Number.isSafeInteger(aligned)
    ? ok(aligned + 0)
    : overflow(
        `alignUpBytes(${byteLength}, ${alignment})`,
        'length',
        BigInt(aligned),
      );
}

/**
 * `a + b` for lengths (for example an offset plus a byte count), or `MATH_OVERFLOW` beyond `2**53 - 1`.
 *
 * @param a - the first operand
 * @param b - the second operand
 *
 * @public
 */
export function checkedAddLength(a: number, b: number): Result<number> {
  if (!(isLength(a) && isLength(b))) {
    return invalidOperands('checkedAddLength', a, b, 'length');
  }
  const sum = a + b;
  return Number.isSafeInteger(sum)
    ? ok(sum + 0)
    : overflow(`checkedAddLength(${a}, ${b})`, 'length', BigInt(a) + BigInt(b));
}

// Exact for every safe integer: Math.log2 rounds for large non-powers (log2(2**53 - 1) is 53), so the
// candidate power is rebuilt and compared.
function isPowerOfTwo(value: number): boolean {
  return (
    isLength(value) && value > 0 && 2 ** Math.round(Math.log2(value)) === value
  );
}
