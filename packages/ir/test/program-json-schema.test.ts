import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeProgram } from '../src/program-json-decode.ts';
import { stringifyProgram } from '../src/program-json-encode.ts';
import {
  BUFFER_FIELDS,
  EXPR_FIELDS,
  NODE_FIELDS,
  VOCABULARIES,
  type FieldSpec,
} from '../src/program-json-fields.ts';
import { programArb } from './program-json-arbitrary.ts';
import {
  baseDocument,
  withValue,
  type Json,
} from './program-json-documents.ts';

// program.schema.json agrees with the decoder: the same kinds, fields and vocabularies; every
// document the decoder accepts, the schema accepts; documents that break a rule the schema can
// express, both reject.

interface SchemaObject {
  readonly properties?: Readonly<Record<string, SchemaObject>>;
  readonly required?: readonly string[];
  readonly const?: unknown;
  readonly enum?: readonly unknown[];
  readonly oneOf?: readonly { readonly $ref: string }[];
  readonly $defs?: Readonly<Record<string, SchemaObject>>;
}

const schemaPath = new URL('../src/program.schema.json', import.meta.url);
const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as SchemaObject;
const defs = schema.$defs ?? {};
const ajv = new Ajv2020({ strict: true, allErrors: false });
const validate = ajv.compile(schema);

const STORE = '/entry/0/body/0';
const size: Json = { kind: 'subgroupSize' };

/** The schema definitions whose `kind` admits `kind`. */
function definitionsFor(kind: string): SchemaObject[] {
  return Object.values(defs).filter((def) => {
    const tag = def.properties?.['kind'];
    return (
      def.oneOf === undefined &&
      (tag?.const === kind || (tag?.enum ?? []).includes(kind))
    );
  });
}

function expectSameFields(
  def: SchemaObject | undefined,
  fields: readonly FieldSpec[],
  extra: readonly string[],
): void {
  expect(Object.keys(def?.properties ?? {}).sort()).toEqual(
    [...extra, ...fields.map((field) => field.name)].sort(),
  );
  expect([...(def?.required ?? [])].sort()).toEqual(
    [
      ...extra,
      ...fields.filter((field) => !field.optional).map((field) => field.name),
    ].sort(),
  );
}

describe('program.schema.json', () => {
  it('is a JSON Schema draft 2020-12 that compiles in strict mode', () => {
    expect((schema as { $schema?: string }).$schema).toBe(
      'https://json-schema.org/draft/2020-12/schema',
    );
    expect(typeof validate).toBe('function');
  });

  it.each(Object.entries(EXPR_FIELDS))(
    'describes the %s expression with the fields the decoder reads',
    (kind, fields) => {
      const found = definitionsFor(kind);
      if (kind === 'lit') {
        expect(found).toHaveLength(4);
      } else {
        expect(found).toHaveLength(1);
      }
      for (const def of found) {
        expectSameFields(def, fields, ['kind']);
      }
    },
  );

  it.each(Object.entries(NODE_FIELDS))(
    'describes the %s statement with the fields the decoder reads',
    (kind, fields) => {
      const found = definitionsFor(kind);
      expect(found).toHaveLength(1);
      expectSameFields(found[0], fields, ['kind']);
    },
  );

  it('describes buffers with the fields the decoder reads', () => {
    expectSameFields(defs['BufferDecl'], BUFFER_FIELDS, []);
  });

  it('lists exactly the expression and statement kinds', () => {
    expect(defs['Expr']?.properties?.['kind']?.enum).toEqual(
      Object.keys(EXPR_FIELDS),
    );
    expect(defs['Node']?.properties?.['kind']?.enum).toEqual(
      Object.keys(NODE_FIELDS),
    );
  });

  it.each([
    ['BinOp', VOCABULARIES.binOp],
    ['UnOp', VOCABULARIES.unOp],
    ['AtomicOp', VOCABULARIES.atomicOp],
    ['MemoryOrdering', VOCABULARIES.memoryOrdering],
    ['SubgroupReduceOp', VOCABULARIES.subgroupReduceOp],
    ['DataType', VOCABULARIES.dataType],
    ['BufferAccess', VOCABULARIES.bufferAccess],
  ])('lists exactly the %s names', (name, vocabulary) => {
    expect(defs[name]?.enum).toEqual(Object.keys(vocabulary));
  });

  it('accepts every document the encoder writes (property)', () => {
    fc.assert(
      fc.property(programArb, (p) => {
        const document: unknown = JSON.parse(stringifyProgram(p));
        expect(decodeProgram(document).ok).toBe(true);
        expect(validate(document), ajv.errorsText(validate.errors)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it.each<[string, string, Json | undefined]>([
    ['a newer format', '/format', 'vyre.program/v2'],
    ['a missing format', '/format', undefined],
    ['workgroupSize with 2 entries', '/workgroupSize', [64, 1]],
    ['workgroupSize with 4 entries', '/workgroupSize', [64, 1, 1, 1]],
    ['a string workgroupSize entry', '/workgroupSize/1', '1'],
    ['a negative binding', '/buffers/0/binding', -1],
    ['a binding of 2**32', '/buffers/0/binding', 2 ** 32],
    ['a fractional count', '/buffers/0/count', 1.5],
    ['an unknown access', '/buffers/0/access', 'write'],
    ['an unknown element type', '/buffers/0/element', 'f64'],
    ['an output flag of 1', '/buffers/0/output', 1],
    [
      'a byte range end of 2**53',
      '/buffers/0/outputByteRange',
      { start: 0, end: 2 ** 53 },
    ],
    [
      'a byte range with an extra field',
      '/buffers/0/outputByteRange',
      { start: 0, end: 4, size: 4 },
    ],
    ['an extra top-level field', '/extra', 1],
    ['an extra buffer field', '/buffers/0/kind', 'buffer'],
    ['a null entryOpId', '/entryOpId', null],
    ['an unknown statement kind', `${STORE}/kind`, 'storeAll'],
    ['an expression kind as a statement', `${STORE}/kind`, 'load'],
    ['a missing statement field', `${STORE}/value`, undefined],
    ['an extra statement field', `${STORE}/comment`, 'x'],
    ['a statement as a string', STORE, 'return'],
    ['a missing kind', `${STORE}/kind`, undefined],
    ['an unknown expression kind', `${STORE}/index/kind`, 'gid'],
    ['a negative axis', `${STORE}/index/axis`, -1],
    ['a u32 literal of 2**32', `${STORE}/value/value`, 2 ** 32],
    ['a u32 literal of -1', `${STORE}/value/value`, -1],
    [
      'an i32 literal of 2**31',
      `${STORE}/value`,
      { kind: 'lit', type: 'i32', value: 2 ** 31 },
    ],
    [
      'a bool literal of 1',
      `${STORE}/value`,
      { kind: 'lit', type: 'bool', value: 1 },
    ],
    [
      'an f32 literal as a string',
      `${STORE}/value`,
      { kind: 'lit', type: 'f32', value: '1.5' },
    ],
    [
      'an unknown literal type',
      `${STORE}/value`,
      { kind: 'lit', type: 'u64', value: 1 },
    ],
    [
      'an unknown binary operator',
      `${STORE}/value`,
      { kind: 'binary', op: 'plus', left: size, right: size },
    ],
    [
      'an unknown unary operator',
      `${STORE}/value`,
      { kind: 'unary', op: 'cbrt', operand: size },
    ],
    [
      'an unknown cast target',
      `${STORE}/value`,
      { kind: 'cast', target: 'bf16', value: size },
    ],
    [
      'an atomic without ordering',
      `${STORE}/value`,
      { kind: 'atomic', op: 'add', buffer: 'out', index: size, value: size },
    ],
    [
      'an unknown atomic operator',
      `${STORE}/value`,
      {
        kind: 'atomic',
        op: 'sub',
        buffer: 'out',
        index: size,
        value: size,
        ordering: 'relaxed',
      },
    ],
    [
      'an unknown subgroup reduction',
      `${STORE}/value`,
      { kind: 'subgroupReduce', op: 'avg', value: size },
    ],
    [
      'call args as an object',
      `${STORE}/value`,
      { kind: 'call', op: 'f', args: {} },
    ],
    [
      'expected on a var',
      `${STORE}/value`,
      { kind: 'var', name: 'x', expected: size },
    ],
    [
      'an unknown barrier ordering',
      STORE,
      { kind: 'barrier', ordering: 'strong' },
    ],
    [
      'a fractional countOffset',
      STORE,
      { kind: 'indirectDispatch', countBuffer: 'out', countOffset: 0.5 },
    ],
    ['an if without otherwise', STORE, { kind: 'if', cond: size, then: [] }],
    [
      'a region with a null sourceRegion',
      STORE,
      { kind: 'region', generator: 'g', sourceRegion: null, body: [] },
    ],
  ])('rejects %s, as the decoder does', (_name, pointer, value) => {
    const document = withValue(pointer, value);
    expect(decodeProgram(document).ok).toBe(false);
    expect(validate(document)).toBe(false);
  });

  it('accepts the base document (control case)', () => {
    expect(validate(baseDocument())).toBe(true);
    expect(decodeProgram(baseDocument()).ok).toBe(true);
  });

  it('is looser than the decoder only where JSON Schema cannot follow it: exact f32 values', () => {
    const document = withValue(`${STORE}/value`, {
      kind: 'lit',
      type: 'f32',
      value: 0.1,
    });
    expect(validate(document)).toBe(true);
    expect(decodeProgram(document).ok).toBe(false);
  });
});
