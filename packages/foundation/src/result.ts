import type { StackError } from './stack-error.ts';
import { InternalError } from './internal-error.ts';

/**
 * The success arm of a {@link Result}.
 *
 * @public
 */
export interface Ok<T> {
  /** Discriminant: always `true` for a success. */
  readonly ok: true;
  /** The result of the operation. */
  readonly value: T;
}

/**
 * The failure arm of a {@link Result}.
 *
 * @public
 */
export interface Err<E> {
  /** Discriminant: always `false` for a failure. */
  readonly ok: false;
  /** Why the operation failed. */
  readonly error: E;
}

/**
 * The outcome of an operation that can fail in an expected way: `{ ok: true, value }` or
 * `{ ok: false, error }`.
 *
 * @remarks
 * Expected failures (bad input, allocation limits, device loss, timeouts) are returned, not thrown.
 * Narrow with `if (result.ok)`. The error type defaults to {@link StackError}.
 *
 * @example
 * ```ts
 * import { checkedAddU32 } from '@vyre/foundation';
 * const sum = checkedAddU32(0xffff_ffff, 1);
 * if (!sum.ok) console.log(sum.error.code); // MATH_OVERFLOW
 * ```
 *
 * @public
 */
export type Result<T, E = StackError> = Ok<T> | Err<E>;

/**
 * Wraps a success value.
 *
 * @param value - the success value
 *
 * @public
 */
export function ok<T>(value: T): Ok<T> {
  return { ok: true, value };
}

/**
 * Wraps a failure.
 *
 * @param error - the failure value
 *
 * @public
 */
export function err<E>(error: E): Err<E> {
  return { ok: false, error };
}

/**
 * Narrows a result to its success arm.
 *
 * @param result - the result to classify
 *
 * @public
 */
export function isOk<T, E>(result: Result<T, E>): result is Ok<T> {
  return result.ok;
}

/**
 * Narrows a result to its failure arm.
 *
 * @param result - the result to classify
 *
 * @public
 */
export function isErr<T, E>(result: Result<T, E>): result is Err<E> {
  return !result.ok;
}

/**
 * Transforms the value of a success; a failure passes through unchanged.
 *
 * @param result - the result to inspect
 * @param f - transforms the success value
 *
 * @public
 */
export function mapOk<T, U, E>(
  result: Result<T, E>,
  f: (value: T) => U,
): Result<U, E> {
  return result.ok ? ok(f(result.value)) : result;
}

/**
 * Transforms the error of a failure; a success passes through unchanged.
 *
 * @param result - the result to inspect
 * @param f - transforms the failure value
 *
 * @public
 */
export function mapErr<T, E, F>(
  result: Result<T, E>,
  f: (error: E) => F,
): Result<T, F> {
  return result.ok ? result : err(f(result.error));
}

/**
 * Chains an operation that can fail onto a success; a failure passes through unchanged.
 *
 * @param result - the result to inspect
 * @param f - the next operation, given the success value
 *
 * @example
 * ```ts
 * import { andThen, checkedAddU32, checkedMulU32 } from '@vyre/foundation';
 * const bytes = andThen(checkedAddU32(3, 1), (words) => checkedMulU32(words, 4)); // ok(16)
 * ```
 *
 * @public
 */
export function andThen<T, U, E, F>(
  result: Result<T, E>,
  f: (value: T) => Result<U, F>,
): Result<U, E | F> {
  return result.ok ? f(result.value) : result;
}

/**
 * The success value, or `fallback` for a failure.
 *
 * @param result - the result to inspect
 * @param fallback - the value to use for a failure
 *
 * @public
 */
export function unwrapOr<T, E>(result: Result<T, E>, fallback: T): T {
  return result.ok ? result.value : fallback;
}

/**
 * The success value; throws the error of a failure.
 *
 * @remarks
 * For tests, scripts and places where a failure is a bug. An error that is not an `Error` instance
 * is wrapped in an `InternalError` so that a stack trace exists.
 *
 * @param result - the result to inspect
 *
 * @public
 */
export function unwrapUnsafe<T, E>(result: Result<T, E>): T {
  if (result.ok) {
    return result.value;
  }
  if (result.error instanceof Error) {
    throw result.error;
  }
  throw new InternalError(
    `unwrapUnsafe called on a failure holding a non-Error value: ${String(result.error)}`,
  );
}

/**
 * Runs `f` and returns its value as a success, or what it threw, mapped by `onThrow`, as a failure.
 *
 * @remarks
 * Use at the public boundary, where internal code that throws meets callers that expect a `Result`.
 *
 * @param f - the function to run
 *
 * @example
 * ```ts
 * import { StackError, tryCatch } from '@vyre/foundation';
 * const parsed = tryCatch(
 *   () => JSON.parse('{') as unknown,
 *   (thrown) => new StackError('CLI_USAGE', `invalid JSON: ${String(thrown)}`),
 * );
 * ```
 *
 * @public
 */
export function tryCatch<T, E>(
  f: () => T,
  onThrow: (thrown: unknown) => E,
): Result<T, E> {
  try {
    return ok(f());
  } catch (thrown) {
    return err(onThrow(thrown));
  }
}

/**
 * All the success values in order, or the first failure.
 *
 * @param results - the results to combine, consumed in order
 *
 * @public
 */
export function collectResults<T, E>(
  results: Iterable<Result<T, E>>,
): Result<T[], E> {
  const values: T[] = [];
  for (const result of results) {
    if (!result.ok) {
      return result;
    }
    values.push(result.value);
  }
  return ok(values);
}
