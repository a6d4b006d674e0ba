import { PROGRAM_JSON_LIMITS } from './program-json-limits.ts';
import {
  childPath,
  describeJsonValue,
  type JsonPath,
} from './program-json-path.ts';
import { fail } from './program-json-values.ts';

// The structure of a JSON document as the decoder sees it: objects and arrays with their nesting
// level, the limits on nesting and counts, closed key sets and `kind` tags.

/**
 * A JSON object as read: own string keys to unknown values.
 *
 * @internal
 */
export type JsonObject = Readonly<Record<string, unknown>>;

const LIMITS = PROGRAM_JSON_LIMITS;

/**
 * The value at `path` as a JSON object (not an array or null), at nesting level `depth`.
 *
 * @internal
 */
export function expectObject(
  value: unknown,
  path: JsonPath | undefined,
  depth: number,
  what: string,
): JsonObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    fail(
      'IR_JSON_WRONG_TYPE',
      path,
      `expected ${what} (an object), found ${describeJsonValue(value)}.`,
    );
  }
  checkDepth(path, depth);
  return value as JsonObject;
}

/**
 * The value at `path` as a JSON array, at nesting level `depth`.
 *
 * @internal
 */
export function expectArray(
  value: unknown,
  path: JsonPath | undefined,
  depth: number,
  what: string,
): readonly unknown[] {
  if (!Array.isArray(value)) {
    fail(
      'IR_JSON_WRONG_TYPE',
      path,
      `expected ${what}, found ${describeJsonValue(value)}.`,
    );
  }
  checkDepth(path, depth);
  return value as readonly unknown[];
}

// Fails when nesting level `depth` is beyond `maxDepth`.
function checkDepth(path: JsonPath | undefined, depth: number): void {
  if (depth > LIMITS.maxDepth) {
    fail(
      'IR_JSON_LIMIT_EXCEEDED',
      path,
      `nested too deeply: expected at most ${LIMITS.maxDepth} levels of objects and arrays, found level ${depth}.`,
    );
  }
}

/**
 * Fails when `count` objects of one sort exceed their limit.
 *
 * @internal
 */
export function checkCount(
  path: JsonPath | undefined,
  what: 'statements' | 'expressions' | 'buffers',
  count: number,
  limit: number,
): void {
  if (count > limit) {
    fail(
      'IR_JSON_LIMIT_EXCEEDED',
      path,
      `too many ${what}: expected at most ${limit} in one program, found at least ${count}.`,
    );
  }
}

/**
 * Fails on the first own key of `object` that is not in `allowed`.
 *
 * @internal
 */
export function checkKeys(
  object: JsonObject,
  allowed: ReadonlySet<string>,
  path: JsonPath | undefined,
  what: string,
): void {
  for (const key of Object.keys(object)) {
    if (!allowed.has(key)) {
      fail(
        'IR_JSON_UNKNOWN_FIELD',
        childPath(path, key),
        `unknown field in ${what}: expected only ${[...allowed].join(', ')}, found ${describeJsonValue(key)}.`,
      );
    }
  }
}

/**
 * The `kind` of a statement or expression, one of the keys of `keys`.
 *
 * @internal
 */
export function decodeKind(
  object: JsonObject,
  path: JsonPath | undefined,
  keys: ReadonlyMap<string, ReadonlySet<string>>,
  what: 'expression' | 'statement',
): string {
  const kindPath = childPath(path, 'kind');
  const known = (): string => [...keys.keys()].join(', ');
  if (!Object.hasOwn(object, 'kind')) {
    fail(
      'IR_JSON_MISSING_FIELD',
      kindPath,
      `missing field "kind" of ${what === 'expression' ? 'an' : 'a'} ${what}: expected one of ${known()}, found nothing.`,
    );
  }
  const kind = object['kind'];
  if (typeof kind !== 'string') {
    fail(
      'IR_JSON_WRONG_TYPE',
      kindPath,
      `expected the ${what} kind as a string, found ${describeJsonValue(kind)}.`,
    );
  }
  if (!keys.has(kind)) {
    fail(
      'IR_JSON_UNKNOWN_KIND',
      kindPath,
      `unknown ${what} kind: expected one of ${known()}, found ${describeJsonValue(kind)}.`,
    );
  }
  return kind;
}
