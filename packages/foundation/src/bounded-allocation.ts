import { describeValue } from './int-operand.ts';
import { isLength } from './int-range.ts';
import { InternalError } from './internal-error.ts';
import { err, ok, type Err, type Result } from './result.ts';
import { StackError } from './stack-error.ts';
import { WORD_BYTES } from './byte-length.ts';

/**
 * The explicit cap an allocation is checked against.
 *
 * @public
 */
export interface AllocationLimit {
  /** The largest allocation, in bytes, the caller accepts for this purpose. */
  readonly maxBytes: number;
  /** What the memory is for, named in error messages (for example `'ring snapshot scratch'`). */
  readonly purpose?: string;
}

/**
 * Allocates a zero-filled byte buffer of `byteLength` bytes, checked against an explicit limit.
 *
 * @remarks
 * Never throws: a size that is not a non-negative safe integer is `ALLOC_INVALID_SIZE`, a size over
 * `limit.maxBytes` is `ALLOC_LIMIT_EXCEEDED` (nothing is allocated), and an engine refusal (the
 * `RangeError` of `new ArrayBuffer`) is `ALLOC_OUT_OF_MEMORY`.
 *
 * @param byteLength - a length in bytes
 * @param limit - the explicit cap the request is checked against
 *
 * @example
 * ```ts
 * import { tryAllocateBytes } from '@vyre/foundation';
 * const scratch = tryAllocateBytes(4096, { maxBytes: 1 << 20, purpose: 'readback staging' });
 * if (scratch.ok) scratch.value.fill(0xff);
 * ```
 *
 * @public
 */
export function tryAllocateBytes(
  byteLength: number,
  limit: AllocationLimit,
): Result<Uint8Array> {
  const buffer = allocateChecked(
    'tryAllocateBytes',
    byteLength,
    'bytes',
    limit,
  );
  return buffer.ok ? ok(new Uint8Array(buffer.value)) : buffer;
}

/**
 * Allocates a zero-filled buffer of `wordCount` u32 words, checked against an explicit limit in bytes.
 *
 * @remarks
 * The same failures as {@link tryAllocateBytes}; the limit applies to `wordCount * 4` bytes.
 *
 * @param wordCount - the number of u32 words
 * @param limit - the explicit cap the request is checked against
 *
 * @public
 */
export function tryAllocateWords(
  wordCount: number,
  limit: AllocationLimit,
): Result<Uint32Array> {
  const buffer = allocateChecked('tryAllocateWords', wordCount, 'words', limit);
  return buffer.ok ? ok(new Uint32Array(buffer.value)) : buffer;
}

// Checks `count` units against the limit, then allocates them as one zero-filled ArrayBuffer. Shared by
// the allocators above and by growable buffers; not exported from the package. Nothing is computed from
// `count` before it is validated, so no input can make this throw.
export function allocateChecked(
  fn: string,
  count: unknown,
  unit: 'bytes' | 'words',
  limit: AllocationLimit,
): Result<ArrayBuffer> {
  const where = `${fn}${limit.purpose === undefined ? '' : ` for ${limit.purpose}`}`;
  if (!isLength(limit.maxBytes)) {
    return invalidSize(where, 'the limit maxBytes', limit.maxBytes);
  }
  if (!isLength(count)) {
    return invalidSize(where, `the size in ${unit}`, count);
  }
  const units = count as number;
  const byteLength = unit === 'words' ? units * WORD_BYTES : units;
  if (!Number.isSafeInteger(byteLength) || byteLength > limit.maxBytes) {
    return err(
      new StackError(
        'ALLOC_LIMIT_EXCEEDED',
        `${where}: ${limitMessage(units, unit, limit.maxBytes)}.`,
      ),
    );
  }
  try {
    return ok(new ArrayBuffer(byteLength));
  } catch (thrown) {
    if (thrown instanceof RangeError) {
      return err(
        new StackError(
          'ALLOC_OUT_OF_MEMORY',
          `${where}: allocating ${byteLength} bytes failed: expected the JavaScript engine to provide them, found the RangeError "${thrown.message}".`,
          { cause: thrown },
        ),
      );
    }
    throw new InternalError(
      `new ArrayBuffer(${byteLength}) threw something other than a RangeError`,
      {
        cause: thrown,
      },
    );
  }
}

// "expected at most 4 words (16 bytes), found 5 words (20 bytes)" or the same in bytes.
function limitMessage(
  count: number,
  unit: 'bytes' | 'words',
  maxBytes: number,
): string {
  if (unit === 'bytes') {
    return `the request exceeds the limit: expected at most ${maxBytes} bytes, found ${count} bytes`;
  }
  const maxWords = Math.floor(maxBytes / WORD_BYTES);
  const bytes = BigInt(count) * BigInt(WORD_BYTES);
  return `the request exceeds the limit: expected at most ${maxWords} words (${maxBytes} bytes), found ${count} words (${bytes.toString()} bytes)`;
}

// ALLOC_INVALID_SIZE for a size or limit that is not a non-negative safe integer.
export function invalidSize(
  where: string,
  operand: string,
  found: unknown,
): Err<StackError> {
  return err(
    new StackError(
      'ALLOC_INVALID_SIZE',
      `${where}: ${operand} must be a non-negative safe integer: expected an integer in 0..9007199254740991, found ${describeValue(found)}.`,
    ),
  );
}
