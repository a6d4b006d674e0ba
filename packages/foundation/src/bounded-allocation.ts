import { isLength } from './int-range.ts';
import { err, ok, type Result } from './result.ts';
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
// the allocators above and by growable buffers; not exported from the package.
export function allocateChecked(
  fn: string,
  count: number,
  unit: 'bytes' | 'words',
  limit: AllocationLimit,
): Result<ArrayBuffer> {
  const byteLength = unit === 'words' ? count * WORD_BYTES : count;
  const checked = checkAllocation(fn, count, byteLength, unit, limit);
  return checked.ok ? allocateArrayBuffer(byteLength, limit) : checked;
}

function checkAllocation(
  fn: string,
  count: number,
  byteLength: number,
  unit: 'bytes' | 'words',
  limit: AllocationLimit,
): Result<void> {
  const what = limit.purpose === undefined ? '' : ` for ${limit.purpose}`;
  if (!isLength(limit.maxBytes)) {
    return err(
      new StackError(
        'ALLOC_INVALID_SIZE',
        `${fn}${what}: the limit maxBytes must be a non-negative safe integer, found ${String(limit.maxBytes)}.`,
      ),
    );
  }
  if (!isLength(count) || !Number.isSafeInteger(byteLength)) {
    return err(
      new StackError(
        'ALLOC_INVALID_SIZE',
        `${fn}${what}: the size must be a non-negative safe integer number of ${unit} (at most ${String(limit.maxBytes)} bytes), found ${String(count)}.`,
      ),
    );
  }
  if (byteLength > limit.maxBytes) {
    return err(
      new StackError(
        'ALLOC_LIMIT_EXCEEDED',
        `${fn}${what}: ${count} ${unit} (${byteLength} bytes) exceeds the limit: expected at most ${limit.maxBytes} bytes, found ${byteLength}.`,
      ),
    );
  }
  return ok(undefined);
}

// `new ArrayBuffer(byteLength)` with the engine's RangeError turned into ALLOC_OUT_OF_MEMORY.
function allocateArrayBuffer(
  byteLength: number,
  limit: AllocationLimit,
): Result<ArrayBuffer> {
  try {
    return ok(new ArrayBuffer(byteLength));
  } catch (thrown) {
    if (thrown instanceof RangeError) {
      const what = limit.purpose === undefined ? '' : ` for ${limit.purpose}`;
      return err(
        new StackError(
          'ALLOC_OUT_OF_MEMORY',
          `allocating ${byteLength} bytes${what} failed: the JavaScript engine refused (${thrown.message}).`,
          { cause: thrown },
        ),
      );
    }
    throw thrown;
  }
}

// ALLOC_INVALID_SIZE for a size or limit that is not a non-negative safe integer.
export function invalidSize(
  fn: string,
  operand: string,
  found: unknown,
): Result<never> {
  return err(
    new StackError(
      'ALLOC_INVALID_SIZE',
      `${fn}: ${operand} must be a non-negative safe integer, found ${String(found)}.`,
    ),
  );
}
