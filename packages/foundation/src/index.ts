/**
 * vyre's base layer: `Result`, the single error catalog with `StackError`, checked and wrapping
 * integer math, byte-length math for word buffers, and bounded allocation.
 *
 * @remarks
 * Depends on nothing. Every other vyre package depends on it; it must never depend on any of them.
 *
 * @packageDocumentation
 */

export { assertNever } from './assert-never.ts';
export {
  alignUpBytes,
  byteLengthForElements,
  byteLengthForWords,
  checkedAddLength,
  WORD_BYTES,
  wordCountForBytes,
  wordsCoveringBytes,
} from './byte-length.ts';
export {
  tryAllocateBytes,
  tryAllocateWords,
  type AllocationLimit,
} from './bounded-allocation.ts';
export {
  checkedAddI32,
  checkedMulI32,
  checkedNegI32,
  checkedShlI32,
  checkedShrI32,
  checkedSubI32,
} from './checked-i32.ts';
export {
  checkedAddU32,
  checkedMulU32,
  checkedShlU32,
  checkedShrU32,
  checkedSubU32,
} from './checked-u32.ts';
export {
  ErrorCatalog,
  type ErrorCatalogEntry,
  type ErrorCode,
} from './error-catalog.ts';
export {
  I32_MAX,
  I32_MIN,
  isI32,
  isLength,
  isU32,
  U32_MAX,
} from './int-range.ts';
export { InternalError } from './internal-error.ts';
export { invariant } from './invariant.ts';
export {
  andThen,
  collectResults,
  err,
  isErr,
  isOk,
  mapErr,
  mapOk,
  ok,
  tryCatch,
  unwrapOr,
  unwrapUnsafe,
  type Err,
  type Ok,
  type Result,
} from './result.ts';
export {
  isStackError,
  StackError,
  type StackErrorJson,
  type StackErrorOptions,
} from './stack-error.ts';
export { WordBuffer, type WordBufferOptions } from './word-buffer.ts';
export {
  wrappingAddI32,
  wrappingAddU32,
  wrappingMulI32,
  wrappingMulU32,
  wrappingNegI32,
  wrappingShlI32,
  wrappingShlU32,
  wrappingShrI32,
  wrappingShrU32,
  wrappingSubI32,
  wrappingSubU32,
} from './wrapping-int.ts';
export { nowMs } from './monotonic-clock.ts';
