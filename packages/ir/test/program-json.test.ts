import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  add,
  atomicAdd,
  atomicCompareExchange,
  f32,
  gidX,
  i32,
  load,
  outputBuffer,
  program,
  readBuffer,
  region,
  ret,
  store,
  u32,
  type Program,
} from '../src/index.ts';
import { decodeProgram, parseProgram } from '../src/program-json-decode.ts';
import { programToJson, stringifyProgram } from '../src/program-json-encode.ts';
import { ProgramJsonError } from '../src/program-json-error.ts';
import { PROGRAM_JSON_FORMAT } from '../src/program-json-format.ts';
import { programArb } from './program-json-arbitrary.ts';

// The encoder side of the JSON form: programToJson, stringifyProgram and the exact round trip.

const sample: Program = program({
  buffers: [
    readBuffer('input', 0, 'u32'),
    outputBuffer('out', 1, 'f32', 16, {
      outputByteRange: { start: 0, end: 32 },
    }),
  ],
  entry: [
    store('out', gidX(), add(load('input', gidX()), u32(1))),
    store('out', u32(0), f32(-0)),
  ],
  entryOpId: 'demo.op',
});

function roundTrip(p: Program): Program {
  const result = decodeProgram(JSON.parse(stringifyProgram(p)));
  if (!result.ok) {
    throw result.error;
  }
  return result.value;
}

describe('programToJson', () => {
  it('tags the document with the format and keeps the field names of the objects', () => {
    const json = programToJson(sample);
    expect(json.format).toBe(PROGRAM_JSON_FORMAT);
    expect(json.format).toBe('vyre.program/v1');
    expect(Object.keys(json)).toEqual([
      'format',
      'workgroupSize',
      'buffers',
      'entry',
      'entryOpId',
    ]);
    expect(json.buffers).toEqual(sample.buffers);
    expect(json.entry).toEqual(sample.entry);
  });

  it('builds fresh objects: no object of the program is shared with the result', () => {
    const json = programToJson(sample);
    expect(json.entry[0]).not.toBe(sample.entry[0]);
    expect(json.buffers[0]).not.toBe(sample.buffers[0]);
  });

  it('omits absent optional fields rather than writing them as undefined or null', () => {
    const json = programToJson(program({ buffers: [], entry: [ret()] }));
    expect('entryOpId' in json).toBe(false);
    expect(Object.keys(json.entry[0] ?? {})).toEqual([
      'kind',
      'generator',
      'body',
    ]);
  });

  it.each([
    [
      'a u32 literal of -1',
      store('o', u32(-1), u32(0)),
      '/entry/0/body/0/index/value',
    ],
    [
      'an i32 literal of 2**31',
      store('o', u32(0), i32(2 ** 31)),
      '/entry/0/body/0/value/value',
    ],
    [
      'an f32 literal that is not an f32',
      store('o', u32(0), { kind: 'lit', type: 'f32', value: 0.1 }),
      '/entry/0/body/0/value/value',
    ],
    [
      'an f32 NaN',
      store('o', u32(0), f32(Number.NaN)),
      '/entry/0/body/0/value/value',
    ],
  ])(
    'throws IR_JSON_VALUE_OUT_OF_RANGE for %s, naming its path',
    (_name, node, path) => {
      const p = program({ buffers: [], entry: [node] });
      let thrown: unknown;
      try {
        programToJson(p);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(ProgramJsonError);
      const error = thrown as ProgramJsonError;
      expect(error.code).toBe('IR_JSON_VALUE_OUT_OF_RANGE');
      expect(error.path).toBe(path);
      expect(error.message).toMatch(/expected .*found/);
    },
  );
});

describe('stringifyProgram', () => {
  it('writes the same text as JSON.stringify when the program holds no -0', () => {
    const p = program({
      buffers: sample.buffers,
      entry: [store('out', gidX(), f32(1.5))],
    });
    for (const indent of [undefined, 0, 2, 4]) {
      expect(stringifyProgram(p, indent === undefined ? {} : { indent })).toBe(
        JSON.stringify(programToJson(p), null, indent),
      );
    }
  });

  it('writes an f32 literal -0 as -0, which JSON.parse reads back as -0', () => {
    const text = stringifyProgram(sample);
    expect(text).toContain('"type":"f32","value":-0}');
    const back = roundTrip(sample);
    expect(back).toEqual(sample);
    const body = back.entry[0]?.kind === 'region' ? back.entry[0].body : [];
    const second = body[1];
    expect(second?.kind === 'store' && second.value).toEqual(f32(-0));
    expect(
      second?.kind === 'store' &&
        second.value.kind === 'lit' &&
        Object.is(second.value.value, -0),
    ).toBe(true);
  });

  it('writes keys in the fixed order of the format, whatever order the objects were built in', () => {
    const reordered: Program = {
      entry: [
        {
          body: [{ value: u32(1), name: 'x', kind: 'let' }],
          generator: 'g',
          kind: 'region',
        },
      ],
      buffers: [],
      workgroupSize: [1, 1, 1],
    };
    expect(stringifyProgram(reordered)).toBe(
      '{"format":"vyre.program/v1","workgroupSize":[1,1,1],"buffers":[],"entry":[{"kind":"region","generator":"g","body":[{"kind":"let","name":"x","value":{"kind":"lit","type":"u32","value":1}}]}]}',
    );
  });

  it('clamps the indent to 0..10 like JSON.stringify', () => {
    const p = program({ buffers: [], entry: [] });
    expect(stringifyProgram(p, { indent: 20 })).toBe(
      JSON.stringify(programToJson(p), null, 10),
    );
    expect(stringifyProgram(p, { indent: -3 })).toBe(
      JSON.stringify(programToJson(p)),
    );
  });

  it('writes an indented document as JSON.stringify indents it', () => {
    expect(
      stringifyProgram(
        program({ workgroupSize: [8, 1, 1], buffers: [], entry: [ret()] }),
        { indent: 2 },
      ),
    ).toMatchInlineSnapshot(`
      "{
        "format": "vyre.program/v1",
        "workgroupSize": [
          8,
          1,
          1
        ],
        "buffers": [],
        "entry": [
          {
            "kind": "region",
            "generator": "vyre.program.root",
            "body": [
              {
                "kind": "return"
              }
            ]
          }
        ]
      }"
    `);
  });
});

describe('round trip', () => {
  it.each<[string, Program]>([
    ['the sample program', sample],
    ['an empty program', program({ buffers: [], entry: [] })],
    [
      'atomics with and without expected',
      program({
        buffers: [outputBuffer('h', 0, 'u32', 4)],
        entry: [
          store('h', u32(0), atomicAdd('h', u32(1), u32(2))),
          store(
            'h',
            u32(1),
            atomicCompareExchange('h', u32(2), u32(3), u32(4)),
          ),
        ],
      }),
    ],
    [
      'regions with and without sourceRegion',
      program({
        buffers: [],
        entry: [region('a', []), region('b', [], 'origin')],
      }),
    ],
  ])('is exact for %s', (_name, p) => {
    expect(roundTrip(p)).toStrictEqual(p);
    const parsed = parseProgram(stringifyProgram(p, { indent: 2 }));
    expect(parsed).toStrictEqual({ ok: true, value: p });
  });

  it('is exact for every program in the domain of the format (property)', () => {
    fc.assert(
      fc.property(programArb, (p) => {
        expect(roundTrip(p)).toStrictEqual(p);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps the sign of every f32 zero (property)', () => {
    fc.assert(
      fc.property(programArb, (p) => {
        // toStrictEqual compares numbers with Object.is, so -0 and 0 differ.
        expect(roundTrip(p)).toStrictEqual(p);
        expect(stringifyProgram(roundTrip(p))).toBe(stringifyProgram(p));
      }),
      { numRuns: 100 },
    );
  });
});
