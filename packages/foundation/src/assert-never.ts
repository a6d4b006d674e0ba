import { InternalError } from './internal-error.ts';

/**
 * Marks the end of an exhaustive `switch`: the compiler proves `value` is `never`, and if a value
 * arrives anyway at run time (from untyped input), it throws {@link InternalError}.
 *
 * @param value - the value no case matched
 * @param where - the function or switch, for the message
 *
 * @example
 * ```ts
 * import { assertNever } from '@vyre/foundation';
 * type Shape = { readonly kind: 'square' } | { readonly kind: 'circle' };
 * function sides(shape: Shape): number {
 *   switch (shape.kind) {
 *     case 'square': return 4;
 *     case 'circle': return 0;
 *     default: return assertNever(shape, 'sides');
 *   }
 * }
 * ```
 *
 * @public
 */
export function assertNever(value: never, where: string): never {
  throw new InternalError(
    `${where} reached an unhandled case: ${describeUnhandled(value)}`,
  );
}

function describeUnhandled(value: unknown): string {
  if (typeof value === 'object' && value !== null && 'kind' in value) {
    return `kind ${String(value.kind)}`;
  }
  if (typeof value === 'object' && value !== null) {
    try {
      const json = JSON.stringify(value);
      return json.length > 200 ? `${json.slice(0, 200)}...` : json;
    } catch {
      return Object.prototype.toString.call(value);
    }
  }
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}
