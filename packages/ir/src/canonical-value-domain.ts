import { StackError } from '@vyre/foundation';

// The value domains of the canonical encoding, which are those of the JSON form: a number outside its
// field's domain has no encoding, so the encoder throws instead of writing a value that could collide
// with another program's.

function outOfDomain(what: string, expected: string, found: unknown): never {
  const shown =
    typeof found === 'string'
      ? JSON.stringify(found)
      : Object.is(found, -0)
        ? '-0'
        : String(found);
  throw new StackError(
    'IR_JSON_VALUE_OUT_OF_RANGE',
    `canonical encoding: ${what} is outside its domain: expected ${expected}, found ${shown}. decodeProgram(programToJson(program)) names its place.`,
  );
}

/**
 * `value` if it is an integer 0..2^32-1.
 *
 * @internal
 */
export function checkU32(value: number, what: string): number {
  if (value >>> 0 !== value) {
    outOfDomain(what, 'an integer 0..4294967295', value);
  }
  return value;
}

/**
 * `value` if it is an integer -2^31..2^31-1.
 *
 * @internal
 */
export function checkI32(value: number): number {
  if ((value | 0) !== value) {
    outOfDomain('an i32 literal', 'an integer -2147483648..2147483647', value);
  }
  return value;
}

/**
 * `value` if it is a finite number that is exactly an f32.
 *
 * @internal
 */
export function checkF32(value: number): number {
  if (
    typeof value !== 'number' ||
    !Number.isFinite(value) ||
    Math.fround(value) !== value
  ) {
    outOfDomain(
      'an f32 literal',
      'a finite number v with Math.fround(v) === v',
      value,
    );
  }
  return value;
}

/**
 * `value` if it is a non-negative safe integer.
 *
 * @internal
 */
export function checkLength(value: number, what: string): number {
  if (!Number.isSafeInteger(value) || value < 0) {
    outOfDomain(what, 'an integer 0..9007199254740991', value);
  }
  return value;
}

/**
 * 1 for true, 0 for false.
 *
 * @internal
 */
export function checkBool(value: boolean, what: string): number {
  if (typeof value !== 'boolean') {
    outOfDomain(what, 'true or false', value);
  }
  return value ? 1 : 0;
}
