import { describe, expect, it } from 'vitest';
import type { ErrorCode, Result } from '@vyre/foundation';
import type { Program } from '../src/index.ts';
import { decodeProgram, parseProgram } from '../src/program-json-decode.ts';
import { ProgramJsonError } from '../src/program-json-error.ts';
import { PROGRAM_JSON_LIMITS } from '../src/program-json-limits.ts';
import {
  baseDocument,
  withValue,
  type Json,
} from './program-json-documents.ts';

// The strict decoder: every kind of rejection with its code and JSON Pointer, the limits on both
// sides, and hostile input.

function expectError(
  result: Result<Program, ProgramJsonError>,
  code: ErrorCode,
  path: string,
): ProgramJsonError {
  if (result.ok) {
    throw new Error(`expected ${code} at ${path}, got a program`);
  }
  expect(result.error).toBeInstanceOf(ProgramJsonError);
  expect(result.error.code).toBe(code);
  expect(result.error.path).toBe(path);
  expect(result.error.message).toMatch(/expected .*found/);
  // The message shows the pointer (cut in the middle past 200 characters).
  expect(result.error.message).toContain(
    path === '' ? '(document root)' : path.slice(-100),
  );
  return result.error;
}

const STORE = '/entry/0/body/0';

describe('decodeProgram', () => {
  it('accepts the base document (control case)', () => {
    const result = decodeProgram(baseDocument());
    expect(result.ok).toBe(true);
  });

  it.each<[string, string, Json | undefined, ErrorCode, string]>([
    // format
    [
      'missing format',
      '/format',
      undefined,
      'IR_JSON_UNSUPPORTED_FORMAT',
      '/format',
    ],
    [
      'a newer format',
      '/format',
      'vyre.program/v2',
      'IR_JSON_UNSUPPORTED_FORMAT',
      '/format',
    ],
    [
      'a format that is not a string',
      '/format',
      1,
      'IR_JSON_UNSUPPORTED_FORMAT',
      '/format',
    ],
    // wrong JSON types
    [
      'workgroupSize as an object',
      '/workgroupSize',
      {},
      'IR_JSON_WRONG_TYPE',
      '/workgroupSize',
    ],
    [
      'workgroupSize with 2 entries',
      '/workgroupSize',
      [64, 1],
      'IR_JSON_WRONG_TYPE',
      '/workgroupSize',
    ],
    [
      'workgroupSize with 4 entries',
      '/workgroupSize',
      [64, 1, 1, 1],
      'IR_JSON_WRONG_TYPE',
      '/workgroupSize',
    ],
    [
      'a workgroupSize entry as a string',
      '/workgroupSize/1',
      '1',
      'IR_JSON_WRONG_TYPE',
      '/workgroupSize/1',
    ],
    ['buffers as null', '/buffers', null, 'IR_JSON_WRONG_TYPE', '/buffers'],
    [
      'a buffer as an array',
      '/buffers/0',
      [],
      'IR_JSON_WRONG_TYPE',
      '/buffers/0',
    ],
    [
      'a buffer name as a number',
      '/buffers/0/name',
      3,
      'IR_JSON_WRONG_TYPE',
      '/buffers/0/name',
    ],
    [
      'a buffer flag as 1',
      '/buffers/0/output',
      1,
      'IR_JSON_WRONG_TYPE',
      '/buffers/0/output',
    ],
    ['entry as an object', '/entry', {}, 'IR_JSON_WRONG_TYPE', '/entry'],
    [
      'a statement as a string',
      '/entry/0/body/0',
      'store',
      'IR_JSON_WRONG_TYPE',
      '/entry/0/body/0',
    ],
    [
      'an expression as a number',
      `${STORE}/index`,
      0,
      'IR_JSON_WRONG_TYPE',
      `${STORE}/index`,
    ],
    [
      'a kind as a number',
      `${STORE}/kind`,
      2,
      'IR_JSON_WRONG_TYPE',
      `${STORE}/kind`,
    ],
    [
      'a bool literal with a number',
      `${STORE}/value`,
      { kind: 'lit', type: 'bool', value: 1 },
      'IR_JSON_WRONG_TYPE',
      `${STORE}/value/value`,
    ],
    [
      'a u32 literal with a boolean',
      `${STORE}/value`,
      { kind: 'lit', type: 'u32', value: true },
      'IR_JSON_WRONG_TYPE',
      `${STORE}/value/value`,
    ],
    [
      'a u32 literal with a numeric string',
      `${STORE}/value`,
      { kind: 'lit', type: 'u32', value: '1' },
      'IR_JSON_WRONG_TYPE',
      `${STORE}/value/value`,
    ],
    [
      'an op as a number',
      `${STORE}/value`,
      { kind: 'unary', op: 1, operand: { kind: 'subgroupSize' } },
      'IR_JSON_WRONG_TYPE',
      `${STORE}/value/op`,
    ],
    [
      'call args as an object',
      `${STORE}/value`,
      { kind: 'call', op: 'f', args: {} },
      'IR_JSON_WRONG_TYPE',
      `${STORE}/value/args`,
    ],
    [
      'a byte range as an array',
      '/buffers/0/outputByteRange',
      [0, 4],
      'IR_JSON_WRONG_TYPE',
      '/buffers/0/outputByteRange',
    ],
    // missing fields
    [
      'a missing workgroupSize',
      '/workgroupSize',
      undefined,
      'IR_JSON_MISSING_FIELD',
      '/workgroupSize',
    ],
    [
      'a missing buffer count',
      '/buffers/0/count',
      undefined,
      'IR_JSON_MISSING_FIELD',
      '/buffers/0/count',
    ],
    [
      'a missing kind',
      `${STORE}/kind`,
      undefined,
      'IR_JSON_MISSING_FIELD',
      `${STORE}/kind`,
    ],
    [
      'a missing store value',
      `${STORE}/value`,
      undefined,
      'IR_JSON_MISSING_FIELD',
      `${STORE}/value`,
    ],
    [
      'a missing literal value',
      `${STORE}/value`,
      { kind: 'lit', type: 'u32' },
      'IR_JSON_MISSING_FIELD',
      `${STORE}/value/value`,
    ],
    [
      'a missing if otherwise',
      STORE,
      {
        kind: 'if',
        cond: { kind: 'lit', type: 'bool', value: true },
        then: [],
      },
      'IR_JSON_MISSING_FIELD',
      `${STORE}/otherwise`,
    ],
    [
      'a missing byte range end',
      '/buffers/0/outputByteRange',
      { start: 0 },
      'IR_JSON_MISSING_FIELD',
      '/buffers/0/outputByteRange/end',
    ],
    // extra fields
    [
      'an extra top-level field',
      '/extra',
      1,
      'IR_JSON_UNKNOWN_FIELD',
      '/extra',
    ],
    [
      'an extra buffer field',
      '/buffers/0/kind',
      'buffer',
      'IR_JSON_UNKNOWN_FIELD',
      '/buffers/0/kind',
    ],
    [
      'an extra statement field',
      `${STORE}/comment`,
      'x',
      'IR_JSON_UNKNOWN_FIELD',
      `${STORE}/comment`,
    ],
    [
      'expected on an expression without it',
      `${STORE}/value`,
      { kind: 'var', name: 'x', expected: { kind: 'subgroupSize' } },
      'IR_JSON_UNKNOWN_FIELD',
      `${STORE}/value/expected`,
    ],
    [
      'an explicit null for an absent optional field',
      '/entryOpId',
      null,
      'IR_JSON_WRONG_TYPE',
      '/entryOpId',
    ],
    // unknown kinds and names
    [
      'an unknown statement kind',
      `${STORE}/kind`,
      'storeAll',
      'IR_JSON_UNKNOWN_KIND',
      `${STORE}/kind`,
    ],
    [
      'an expression kind used as a statement',
      `${STORE}/kind`,
      'load',
      'IR_JSON_UNKNOWN_KIND',
      `${STORE}/kind`,
    ],
    [
      'a statement kind used as an expression',
      `${STORE}/index/kind`,
      'return',
      'IR_JSON_UNKNOWN_KIND',
      `${STORE}/index/kind`,
    ],
    [
      'a kind in the wrong case',
      `${STORE}/kind`,
      'Store',
      'IR_JSON_UNKNOWN_KIND',
      `${STORE}/kind`,
    ],
    [
      'an inherited property name as a kind',
      `${STORE}/kind`,
      'constructor',
      'IR_JSON_UNKNOWN_KIND',
      `${STORE}/kind`,
    ],
    [
      'an unknown binary op',
      `${STORE}/value`,
      {
        kind: 'binary',
        op: 'plus',
        left: { kind: 'subgroupSize' },
        right: { kind: 'subgroupSize' },
      },
      'IR_JSON_UNKNOWN_NAME',
      `${STORE}/value/op`,
    ],
    [
      'toString as a binary op',
      `${STORE}/value`,
      {
        kind: 'binary',
        op: 'toString',
        left: { kind: 'subgroupSize' },
        right: { kind: 'subgroupSize' },
      },
      'IR_JSON_UNKNOWN_NAME',
      `${STORE}/value/op`,
    ],
    [
      'an unknown literal type',
      `${STORE}/value`,
      { kind: 'lit', type: 'u64', value: 1 },
      'IR_JSON_UNKNOWN_NAME',
      `${STORE}/value/type`,
    ],
    [
      'an unknown access mode',
      '/buffers/0/access',
      'write',
      'IR_JSON_UNKNOWN_NAME',
      '/buffers/0/access',
    ],
    [
      'an unknown element type',
      '/buffers/0/element',
      'f64',
      'IR_JSON_UNKNOWN_NAME',
      '/buffers/0/element',
    ],
    [
      'an unknown memory ordering',
      STORE,
      { kind: 'barrier', ordering: 'strong' },
      'IR_JSON_UNKNOWN_NAME',
      `${STORE}/ordering`,
    ],
    [
      'an unknown cast target',
      `${STORE}/value`,
      { kind: 'cast', target: 'bf16', value: { kind: 'subgroupSize' } },
      'IR_JSON_UNKNOWN_NAME',
      `${STORE}/value/target`,
    ],
    // value domains
    [
      'a binding of -1',
      '/buffers/0/binding',
      -1,
      'IR_JSON_VALUE_OUT_OF_RANGE',
      '/buffers/0/binding',
    ],
    [
      'a binding of 2**32',
      '/buffers/0/binding',
      2 ** 32,
      'IR_JSON_VALUE_OUT_OF_RANGE',
      '/buffers/0/binding',
    ],
    [
      'a count of 1.5',
      '/buffers/0/count',
      1.5,
      'IR_JSON_VALUE_OUT_OF_RANGE',
      '/buffers/0/count',
    ],
    [
      'a workgroupSize entry of 1e300',
      '/workgroupSize/0',
      1e300,
      'IR_JSON_VALUE_OUT_OF_RANGE',
      '/workgroupSize/0',
    ],
    [
      'an axis of -1',
      `${STORE}/index/axis`,
      -1,
      'IR_JSON_VALUE_OUT_OF_RANGE',
      `${STORE}/index/axis`,
    ],
    [
      'a countOffset of 0.5',
      STORE,
      { kind: 'indirectDispatch', countBuffer: 'out', countOffset: 0.5 },
      'IR_JSON_VALUE_OUT_OF_RANGE',
      `${STORE}/countOffset`,
    ],
    [
      'a u32 literal of 4294967296',
      `${STORE}/value/value`,
      4294967296,
      'IR_JSON_VALUE_OUT_OF_RANGE',
      `${STORE}/value/value`,
    ],
    [
      'a u32 literal of -1',
      `${STORE}/value/value`,
      -1,
      'IR_JSON_VALUE_OUT_OF_RANGE',
      `${STORE}/value/value`,
    ],
    [
      'an i32 literal of 2147483648',
      `${STORE}/value`,
      { kind: 'lit', type: 'i32', value: 2147483648 },
      'IR_JSON_VALUE_OUT_OF_RANGE',
      `${STORE}/value/value`,
    ],
    [
      'an i32 literal of -2147483649',
      `${STORE}/value`,
      { kind: 'lit', type: 'i32', value: -2147483649 },
      'IR_JSON_VALUE_OUT_OF_RANGE',
      `${STORE}/value/value`,
    ],
    [
      'an f32 literal of 0.1 (not an f32)',
      `${STORE}/value`,
      { kind: 'lit', type: 'f32', value: 0.1 },
      'IR_JSON_VALUE_OUT_OF_RANGE',
      `${STORE}/value/value`,
    ],
    [
      'an f32 literal beyond the f32 range',
      `${STORE}/value`,
      { kind: 'lit', type: 'f32', value: 3.5e38 },
      'IR_JSON_VALUE_OUT_OF_RANGE',
      `${STORE}/value/value`,
    ],
    [
      'a byte range start of -4',
      '/buffers/0/outputByteRange',
      { start: -4, end: 4 },
      'IR_JSON_VALUE_OUT_OF_RANGE',
      '/buffers/0/outputByteRange/start',
    ],
    [
      'a byte range end of 2**53',
      '/buffers/0/outputByteRange',
      { start: 0, end: 2 ** 53 },
      'IR_JSON_VALUE_OUT_OF_RANGE',
      '/buffers/0/outputByteRange/end',
    ],
  ])('rejects %s', (_name, pointer, value, code, path) => {
    expectError(decodeProgram(withValue(pointer, value)), code, path);
  });

  it('escapes / and ~ in the JSON Pointer of an unknown field', () => {
    const document = baseDocument();
    const store = (
      (document['entry'] as { [key: string]: Json }[])[0]!['body'] as {
        [key: string]: Json;
      }[]
    )[0]!;
    store['a/b~c'] = 1;
    expectError(
      decodeProgram(document),
      'IR_JSON_UNKNOWN_FIELD',
      `${STORE}/a~1b~0c`,
    );
  });

  it.each<[string, Json]>([
    ['a u32 literal of 0 (lower bound)', 0],
    ['a u32 literal of 4294967295 (upper bound)', 4294967295],
  ])('accepts %s', (_name, value) => {
    expect(decodeProgram(withValue(`${STORE}/value/value`, value)).ok).toBe(
      true,
    );
  });

  it.each<[string, string, number]>([
    ['i32', 'i32', -2147483648],
    ['i32', 'i32', 2147483647],
    ['f32 (largest finite)', 'f32', 3.4028234663852886e38],
    ['f32 (smallest subnormal)', 'f32', 1e-45 /* rounds to 2**-149 */],
  ])('accepts a %s literal of %d', (_name, type, value) => {
    const exact = type === 'f32' ? Math.fround(value) : value;
    const result = decodeProgram(
      withValue(`${STORE}/value`, { kind: 'lit', type, value: exact }),
    );
    expect(result.ok).toBe(true);
  });

  it('reads integer -0 as 0 and keeps an f32 -0', () => {
    const document = withValue(`${STORE}/value`, {
      kind: 'lit',
      type: 'f32',
      value: -0,
    }) as { [key: string]: Json };
    (document['buffers'] as { [key: string]: Json }[])[0]!['binding'] = -0;
    const result = decodeProgram(document);
    if (!result.ok) {
      throw result.error;
    }
    expect(Object.is(result.value.buffers[0]?.binding, 0)).toBe(true);
    const region = result.value.entry[0];
    const store = region?.kind === 'region' ? region.body[0] : undefined;
    expect(
      store?.kind === 'store' &&
        store.value.kind === 'lit' &&
        Object.is(store.value.value, -0),
    ).toBe(true);
  });

  it('rejects a hole in a sparse array as a missing statement', () => {
    const document = withValue('/entry/0/body', new Array<Json>(2)) as {
      [key: string]: Json;
    };
    expectError(
      decodeProgram(document),
      'IR_JSON_WRONG_TYPE',
      '/entry/0/body/0',
    );
  });

  it('rejects a root that is not an object', () => {
    for (const root of [null, [], 'program', 3, undefined]) {
      expectError(decodeProgram(root), 'IR_JSON_WRONG_TYPE', '');
    }
  });

  it('reads only own properties: an inherited kind is missing', () => {
    const inherited = Object.create({ kind: 'return' }) as object;
    const document = withValue(STORE, {}) as { [key: string]: Json };
    const body = (document['entry'] as { [key: string]: Json }[])[0]![
      'body'
    ] as object[];
    body[0] = inherited;
    expectError(
      decodeProgram(document),
      'IR_JSON_MISSING_FIELD',
      `${STORE}/kind`,
    );
  });
});

describe('parseProgram', () => {
  it('decodes valid text', () => {
    expect(parseProgram(JSON.stringify(baseDocument())).ok).toBe(true);
  });

  it.each([
    ['empty text', ''],
    ['a truncated document', '{"format":"vyre.program/v1",'],
    ['a trailing comma', '{"format":"vyre.program/v1",}'],
    ['NaN', '{"format":"vyre.program/v1","workgroupSize":[NaN,1,1]}'],
  ])('reports %s as IR_JSON_SYNTAX', (_name, text) => {
    const error = expectError(parseProgram(text), 'IR_JSON_SYNTAX', '');
    expect(error.cause).toBeInstanceOf(SyntaxError);
  });

  it('rejects a non-string argument', () => {
    expectError(
      parseProgram(42 as unknown as string),
      'IR_JSON_WRONG_TYPE',
      '',
    );
  });

  it('reads huge numbers as out of range, not as a crash', () => {
    const text = JSON.stringify(baseDocument())
      .replace('"axis":0', '"axis":1e400')
      .replace('"value":1', '"value":123456789012345678901234567890');
    expectError(
      parseProgram(text),
      'IR_JSON_VALUE_OUT_OF_RANGE',
      `${STORE}/index/axis`,
    );
  });

  it('rejects __proto__ keys as unknown fields and pollutes no prototype', () => {
    const top = JSON.stringify(baseDocument()).replace(
      '{"format"',
      '{"__proto__":{"polluted":true},"format"',
    );
    expectError(parseProgram(top), 'IR_JSON_UNKNOWN_FIELD', '/__proto__');
    const nested = JSON.stringify(baseDocument()).replace(
      '{"kind":"invocationId"',
      '{"__proto__":{"kind":"var"},"kind":"invocationId"',
    );
    expectError(
      parseProgram(nested),
      'IR_JSON_UNKNOWN_FIELD',
      `${STORE}/index/__proto__`,
    );
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('keeps the last of duplicate keys, as JSON.parse does', () => {
    const text = JSON.stringify(baseDocument()).replace(
      '"axis":0',
      '"axis":7,"axis":2',
    );
    const result = parseProgram(text);
    const region = result.ok ? result.value.entry[0] : undefined;
    const store = region?.kind === 'region' ? region.body[0] : undefined;
    expect(store?.kind === 'store' && store.index).toEqual({
      kind: 'invocationId',
      axis: 2,
    });
  });
});

describe('limits', () => {
  it('documents its caps', () => {
    expect(PROGRAM_JSON_LIMITS).toEqual({
      maxTextLength: 64 * 1024 * 1024,
      maxDepth: 512,
      maxNodes: 100_000,
      maxExpressions: 1_000_000,
      maxBuffers: 10_000,
    });
  });

  it('rejects text longer than maxTextLength before parsing, and parses text of exactly that length', () => {
    const valid = JSON.stringify(baseDocument());
    const padding = PROGRAM_JSON_LIMITS.maxTextLength - valid.length;
    const atLimit = valid + ' '.repeat(padding);
    expect(parseProgram(atLimit).ok).toBe(true);
    expectError(parseProgram(`${atLimit} `), 'IR_JSON_LIMIT_EXCEEDED', '');
  });

  // A store's value expression is at level 6 (document, entry, region, body, store, value); each
  // unary adds a level.
  function nestedExpressionDocument(depth: number): Json {
    let expr: Json = { kind: 'subgroupSize' };
    for (let level = depth; level > 6; level--) {
      expr = { kind: 'unary', op: 'negate', operand: expr };
    }
    return withValue(`${STORE}/value`, expr);
  }

  it('accepts nesting of exactly maxDepth levels and rejects one more', () => {
    const max = PROGRAM_JSON_LIMITS.maxDepth;
    expect(decodeProgram(nestedExpressionDocument(max)).ok).toBe(true);
    const error = expectError(
      decodeProgram(nestedExpressionDocument(max + 1)),
      'IR_JSON_LIMIT_EXCEEDED',
      `${STORE}/value${'/operand'.repeat(max + 1 - 6)}`,
    );
    expect(error.message).toContain(`at most ${max} levels`);
  });

  it('rejects 100,000 nested blocks without overflowing the stack', () => {
    const depth = 100_000;
    const text = `{"format":"vyre.program/v1","workgroupSize":[1,1,1],"buffers":[],"entry":[${'{"kind":"block","body":['.repeat(depth)}${']}'.repeat(depth)}]}`;
    const result = parseProgram(text);
    expect(!result.ok && result.error.code).toBe('IR_JSON_LIMIT_EXCEEDED');
  });

  it('accepts maxNodes statements and rejects one more before decoding any', () => {
    const document = (count: number): Json =>
      withValue(
        '/entry/0/body',
        // One object shared by every element: the decoder only reads it.
        new Array<Json>(count).fill({ kind: 'return' }),
      );
    // The region itself is a statement too.
    const max = PROGRAM_JSON_LIMITS.maxNodes;
    expect(decodeProgram(document(max - 1)).ok).toBe(true);
    expectError(
      decodeProgram(document(max)),
      'IR_JSON_LIMIT_EXCEEDED',
      '/entry/0/body',
    );
  });

  it('rejects an array of millions of statements at once', () => {
    // Elements that would each be a wrong-type error: the limit error at /entry shows the length is
    // checked before any element is read.
    const huge = new Array<Json>(5_000_000).fill(0);
    expectError(
      decodeProgram(withValue('/entry', huge)),
      'IR_JSON_LIMIT_EXCEEDED',
      '/entry',
    );
  });

  it('rejects more than maxExpressions expressions', () => {
    const args = new Array<Json>(PROGRAM_JSON_LIMITS.maxExpressions).fill({
      kind: 'subgroupSize',
    });
    expectError(
      decodeProgram(
        withValue(`${STORE}/value`, { kind: 'call', op: 'f', args }),
      ),
      'IR_JSON_LIMIT_EXCEEDED',
      `${STORE}/value/args`,
    );
  });

  it('accepts maxBuffers buffers and rejects one more', () => {
    const buffer = baseDocument()['buffers'] as Json[];
    const document = (count: number): Json =>
      withValue('/buffers', new Array<Json>(count).fill(buffer[0] ?? null));
    const max = PROGRAM_JSON_LIMITS.maxBuffers;
    expect(decodeProgram(document(max)).ok).toBe(true);
    expectError(
      decodeProgram(document(max + 1)),
      'IR_JSON_LIMIT_EXCEEDED',
      '/buffers',
    );
  });
});
