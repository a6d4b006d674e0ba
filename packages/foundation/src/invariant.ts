import { InternalError } from './internal-error.ts';

/**
 * Asserts a condition that can only be false through a bug in vyre, throwing {@link InternalError}.
 *
 * @remarks
 * For impossible states only. Conditions that bad input can violate must produce a coded error
 * instead. Pass a function as the message when building it would cost something on a hot path.
 *
 * @param condition - must be truthy
 * @param message - what the condition guarantees, phrased to follow "expected" (for example
 *   `'a whole number of 16-word slots'`), or a function that builds that text
 *
 * @example
 * ```ts
 * import { invariant } from '@vyre/foundation';
 * const words = new Uint32Array(4);
 * invariant(words.length % 4 === 0, 'a whole number of 4-word rows');
 * ```
 *
 * @public
 */
export function invariant(
  condition: unknown,
  message: string | (() => string),
): asserts condition {
  if (!condition) {
    throw new InternalError(
      `invariant failed: expected ${typeof message === 'string' ? message : message()}`,
    );
  }
}
