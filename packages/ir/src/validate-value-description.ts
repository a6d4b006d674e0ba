// Describes a value from an untyped program for a diagnostic message, without ever throwing (a
// symbol, a bigint or an object without a prototype cannot be interpolated directly).

const MAX_STRING = 80;

/**
 * A short, safe rendering of `value` for a message: strings are quoted, numbers and bools written
 * as is, anything else named by its type.
 *
 * @param value - any value
 *
 * @internal
 */
export function describeValue(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(
        value.length > MAX_STRING ? `${value.slice(0, MAX_STRING)}...` : value,
      );
    case 'number':
      return Object.is(value, -0) ? '-0' : String(value);
    case 'boolean':
      return String(value);
    case 'bigint':
      return `${value.toString()}n`;
    case 'undefined':
      return 'undefined';
    case 'symbol':
      return 'a symbol';
    case 'function':
      return 'a function';
    case 'object':
      return value === null
        ? 'null'
        : Array.isArray(value)
          ? 'an array'
          : 'an object';
  }
}
