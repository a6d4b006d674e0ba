// Where the decoder is in a document: a linked list of keys from the root, turned into a JSON Pointer
// (RFC 6901) only when an error needs it, so decoding a valid document builds no path strings.

/**
 * A position in a JSON document: the key or index of the value and the position of its parent.
 *
 * @internal
 */
export interface JsonPath {
  readonly parent: JsonPath | undefined;
  readonly key: string | number;
}

/**
 * The document root.
 *
 * @internal
 */
export const ROOT_PATH: JsonPath | undefined = undefined;

/**
 * The position of `key` inside the value at `parent`.
 *
 * @internal
 */
export function childPath(
  parent: JsonPath | undefined,
  key: string | number,
): JsonPath {
  return { parent, key };
}

/**
 * The JSON Pointer of a position: `''` for the root, `/entry/0/kind` below it, with `~` and `/` in
 * keys escaped as `~0` and `~1`.
 *
 * @internal
 */
export function jsonPointer(path: JsonPath | undefined): string {
  const keys: string[] = [];
  for (let at = path; at !== undefined; at = at.parent) {
    keys.push(
      typeof at.key === 'number'
        ? String(at.key)
        : at.key.replaceAll('~', '~0').replaceAll('/', '~1'),
    );
  }
  return keys.length === 0 ? '' : `/${keys.reverse().join('/')}`;
}

const MAX_SHOWN = 40;

/**
 * A short description of a JSON value for an error message: `null`, `true`, `1.5`, `"text"` (cut
 * after 40 characters), `an array of 3 elements` or `an object`.
 *
 * @internal
 */
export function describeJsonValue(value: unknown): string {
  if (value === null) {
    return 'null';
  }
  if (Array.isArray(value)) {
    return `an array of ${value.length} element${value.length === 1 ? '' : 's'}`;
  }
  switch (typeof value) {
    case 'string': {
      const shown = JSON.stringify(value.slice(0, MAX_SHOWN));
      return value.length > MAX_SHOWN ? `${shown.slice(0, -1)}…"` : shown;
    }
    case 'number':
      return Object.is(value, -0) ? '-0' : String(value);
    case 'boolean':
      return String(value);
    case 'undefined':
      return 'nothing';
    case 'object':
      return 'an object';
    case 'bigint':
      return `a bigint (${String(value)}n)`;
    case 'symbol':
    case 'function':
      return `a ${typeof value}`;
    default:
      return 'an unknown value';
  }
}
