import { assertNever } from '@vyre/foundation';
import { ProgramJsonError } from './program-json-error.ts';
import {
  VOCABULARIES,
  type FieldType,
  type VocabularyName,
} from './program-json-fields.ts';
import {
  describeJsonValue,
  jsonPointer,
  type JsonPath,
} from './program-json-path.ts';

// The scalar values of the JSON form: how each is checked and what the error says. The structure
// (objects, arrays, kinds, limits) is walked by program-json-decode.ts.

const U32_TEXT = 'a u32 (an integer 0..4294967295)';

/**
 * Throws the {@link ProgramJsonError} for the value at `path`.
 *
 * @internal
 */
export function fail(
  code: ProgramJsonError['code'],
  path: JsonPath | undefined,
  message: string,
): never {
  throw new ProgramJsonError(code, jsonPointer(path), message);
}

/**
 * An integer 0..2^32-1 (`-0` read as 0).
 *
 * @internal
 */
export function decodeU32(value: unknown, path: JsonPath): number {
  if (typeof value !== 'number') {
    fail(
      'IR_JSON_WRONG_TYPE',
      path,
      `expected ${U32_TEXT}, found ${describeJsonValue(value)}.`,
    );
  }
  if (value >>> 0 !== value) {
    fail(
      'IR_JSON_VALUE_OUT_OF_RANGE',
      path,
      `expected ${U32_TEXT}, found ${describeJsonValue(value)}.`,
    );
  }
  // `-0` is the integer 0; keep integers free of the sign of zero.
  return value === 0 ? 0 : value;
}

/**
 * A byte offset: a non-negative safe integer (`-0` read as 0).
 *
 * @internal
 */
export function decodeLength(value: unknown, path: JsonPath): number {
  const expected = 'a byte offset (an integer 0..9007199254740991)';
  if (typeof value !== 'number') {
    fail(
      'IR_JSON_WRONG_TYPE',
      path,
      `expected ${expected}, found ${describeJsonValue(value)}.`,
    );
  }
  if (!Number.isSafeInteger(value) || value < 0) {
    fail(
      'IR_JSON_VALUE_OUT_OF_RANGE',
      path,
      `expected ${expected}, found ${describeJsonValue(value)}.`,
    );
  }
  return value === 0 ? 0 : value;
}

/**
 * A literal's value, checked against its (already decoded) literal type.
 *
 * @internal
 */
export function decodeLiteralValue(
  value: unknown,
  type: unknown,
  path: JsonPath,
): unknown {
  const literalType = type as 'u32' | 'i32' | 'f32' | 'bool';
  switch (literalType) {
    case 'u32':
      return decodeU32(value, path);
    case 'i32': {
      const expected = 'an i32 (an integer -2147483648..2147483647)';
      if (typeof value !== 'number') {
        fail(
          'IR_JSON_WRONG_TYPE',
          path,
          `expected ${expected}, found ${describeJsonValue(value)}.`,
        );
      }
      if ((value | 0) !== value) {
        fail(
          'IR_JSON_VALUE_OUT_OF_RANGE',
          path,
          `expected ${expected}, found ${describeJsonValue(value)}.`,
        );
      }
      return value === 0 ? 0 : value;
    }
    case 'f32': {
      const expected =
        'an f32 value (a finite number v with Math.fround(v) === v)';
      if (typeof value !== 'number') {
        fail(
          'IR_JSON_WRONG_TYPE',
          path,
          `expected ${expected}, found ${describeJsonValue(value)}.`,
        );
      }
      if (!Number.isFinite(value) || Math.fround(value) !== value) {
        fail(
          'IR_JSON_VALUE_OUT_OF_RANGE',
          path,
          `expected ${expected}, found ${describeJsonValue(value)} (nearest f32: ${describeJsonValue(Math.fround(value))}).`,
        );
      }
      return value;
    }
    case 'bool':
      if (typeof value !== 'boolean') {
        fail(
          'IR_JSON_WRONG_TYPE',
          path,
          `expected true or false for a bool literal, found ${describeJsonValue(value)}.`,
        );
      }
      return value;
    default:
      return assertNever(literalType, 'decodeLiteralValue');
  }
}

const VOCABULARY_TEXT: Readonly<Record<VocabularyName, string>> = {
  binOp: 'binary operator',
  unOp: 'unary operator',
  atomicOp: 'atomic operator',
  memoryOrdering: 'memory ordering',
  subgroupReduceOp: 'subgroup reduction operator',
  dataType: 'data type',
  bufferAccess: 'buffer access mode',
  literalType: 'literal type',
};

/**
 * A name from one of the vocabularies.
 *
 * @internal
 */
export function decodeName(
  value: unknown,
  vocabulary: VocabularyName,
  path: JsonPath,
): string {
  const names = VOCABULARIES[vocabulary];
  const what = VOCABULARY_TEXT[vocabulary];
  if (typeof value !== 'string') {
    fail(
      'IR_JSON_WRONG_TYPE',
      path,
      `expected a ${what} name (a string), found ${describeJsonValue(value)}.`,
    );
  }
  if (!Object.hasOwn(names, value)) {
    fail(
      'IR_JSON_UNKNOWN_NAME',
      path,
      `unknown ${what}: expected one of ${Object.keys(names).join(', ')}, found ${describeJsonValue(value)}.`,
    );
  }
  return value;
}

/**
 * What a field of `type` should hold, for a missing-field message.
 *
 * @internal
 */
export function expectation(type: FieldType): string {
  switch (type) {
    case 'string':
      return 'a string';
    case 'u32':
      return U32_TEXT;
    case 'boolean':
      return 'true or false';
    case 'length':
      return 'a byte offset (an integer 0..9007199254740991)';
    case 'literalValue':
      return 'a value of the literal type';
    case 'binOp':
    case 'unOp':
    case 'atomicOp':
    case 'memoryOrdering':
    case 'subgroupReduceOp':
    case 'dataType':
    case 'bufferAccess':
    case 'literalType':
      return `a ${VOCABULARY_TEXT[type]} name`;
    case 'expr':
      return 'an expression';
    case 'exprList':
      return 'an array of expressions';
    case 'nodeList':
      return 'an array of statements';
    case 'bufferList':
      return 'an array of buffer declarations';
    case 'byteRange':
      return 'a byte range { "start", "end" }';
    case 'workgroupSize':
      return 'an array of 3 u32 values';
    default:
      return assertNever(type, 'expectation');
  }
}
