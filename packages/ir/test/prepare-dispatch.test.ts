import { describe, expect, it } from 'vitest';
import type { ErrorCode } from '@vyre/foundation';
import {
  BASELINE_WGSL_CAPABILITIES,
  gidX,
  outputBuffer,
  planBindings,
  prepareDispatch,
  program,
  readBuffer,
  readWriteBuffer,
  store,
  u32,
  uniformBuffer,
  workgroupBuffer,
  type DispatchConfig,
  type Program,
} from '../src/index.ts';

const CAPS = BASELINE_WGSL_CAPABILITIES;
const words = (...values: number[]): Uint8Array =>
  new Uint8Array(new Uint32Array(values).buffer);

// One of each buffer role, in an order that interleaves them.
const MIXED = program({
  workgroupSize: [64, 1, 1],
  buffers: [
    outputBuffer('out', 0, 'u32', 100),
    readBuffer('a', 1, 'u32'),
    workgroupBuffer('scratch', 64, 'u32'),
    uniformBuffer('params', 2, 'u32', { count: 2 }),
    readWriteBuffer('state', 3, 'u32'),
  ],
  entry: [store('out', gidX(), u32(1)), store('state', gidX(), u32(2))],
});

function expectCode(
  result: ReturnType<typeof prepareDispatch>,
  code: ErrorCode,
  message?: RegExp,
): void {
  expect(result.ok).toBe(false);
  if (!result.ok) {
    expect(result.error.code).toBe(code);
    expect(result.error.message).toMatch(/expected .*found/);
    if (message !== undefined) {
      expect(result.error.message).toMatch(message);
    }
  }
}

describe('planBindings', () => {
  it('lists inputs and outputs in declaration order, skipping workgroup buffers', () => {
    expect(planBindings(MIXED)).toEqual({
      roles: ['output', 'input', 'workgroup', 'uniform', 'inputOutput'],
      inputs: [1, 3, 4],
      outputs: [0, 4],
    });
  });
});

describe('prepareDispatch', () => {
  const inputs = [words(1, 2, 3), words(7, 8), words(0, 0, 0, 0, 0)];

  it('binds inputs, sizes outputs and infers a 1-D grid from the largest output (control case)', () => {
    const prepared = prepareDispatch(MIXED, inputs, {}, CAPS);
    expect(prepared.ok).toBe(true);
    if (prepared.ok) {
      expect(prepared.value.elementCounts).toEqual([100, 3, 64, 2, 5]);
      expect(prepared.value.boundByteLengths).toEqual([400, 12, 0, 8, 20]);
      expect(prepared.value.readback).toEqual([
        { byteOffset: 0, byteLength: 400 },
        { byteOffset: 0, byteLength: 20 },
      ]);
      // ceil(100 / 64)
      expect(prepared.value.grid).toEqual([2, 1, 1]);
    }
  });

  it.each<[string, DispatchConfig, readonly [number, number, number]]>([
    [
      'the dispatch-elements floor raises the grid',
      { dispatchElements: 1000 },
      [16, 1, 1],
    ],
    [
      'a floor below the outputs changes nothing',
      { dispatchElements: 10 },
      [2, 1, 1],
    ],
    ['an override wins', { gridOverride: [3, 2, 1] }, [3, 2, 1]],
    [
      'a workgroup override changes the inference',
      { workgroupOverride: [32, 1, 1] },
      [4, 1, 1],
    ],
  ])('%s', (_name, config, grid) => {
    const prepared = prepareDispatch(MIXED, inputs, config, CAPS);
    expect(prepared.ok && prepared.value.grid).toEqual(grid);
  });

  it('trims the readback to the output byte range', () => {
    const ranged = program({
      buffers: [
        outputBuffer('out', 0, 'u32', 16, {
          outputByteRange: { start: 8, end: 24 },
        }),
      ],
      entry: [store('out', gidX(), u32(1))],
    });
    const prepared = prepareDispatch(ranged, [], {}, CAPS);
    expect(prepared.ok && prepared.value.readback).toEqual([
      { byteOffset: 8, byteLength: 16 },
    ]);
  });

  it('covers at least one invocation for a program without outputs', () => {
    const noOutputs = program({
      buffers: [readBuffer('a', 0, 'u32')],
      entry: [],
    });
    const prepared = prepareDispatch(noOutputs, [words(1)], {}, CAPS);
    expect(prepared.ok && prepared.value.grid).toEqual([1, 1, 1]);
  });

  it.each<
    [string, Program, readonly Uint8Array[], DispatchConfig, ErrorCode, RegExp]
  >([
    [
      'too few inputs',
      MIXED,
      inputs.slice(0, 2),
      {},
      'DISPATCH_INPUT_COUNT',
      /takes 3 inputs \(a, params, state\)/,
    ],
    [
      'too many inputs',
      MIXED,
      [...inputs, words(1)],
      {},
      'DISPATCH_INPUT_COUNT',
      /found 4/,
    ],
    [
      'an input that is not a Uint8Array',
      MIXED,
      [
        new Uint32Array(3) as unknown as Uint8Array,
        inputs[1] ?? words(),
        inputs[2] ?? words(),
      ],
      {},
      'DISPATCH_INPUT_SIZE',
      /not a Uint8Array/,
    ],
    [
      'an input that is not whole words',
      MIXED,
      [new Uint8Array(6), inputs[1] ?? words(), inputs[2] ?? words()],
      {},
      'DISPATCH_INPUT_SIZE',
      /expected a multiple of 4, found 6/,
    ],
    [
      'an input shorter than its static count',
      MIXED,
      [inputs[0] ?? words(), words(7), inputs[2] ?? words()],
      {},
      'DISPATCH_INPUT_SIZE',
      /at least 8 bytes, found 4/,
    ],
    [
      'a 2-D workgroup without a grid',
      program({ workgroupSize: [8, 8, 1], buffers: [], entry: [] }),
      [],
      {},
      'DISPATCH_GRID_REQUIRED',
      /not 1-D/,
    ],
    [
      'a grid axis of 0',
      MIXED,
      inputs,
      { gridOverride: [0, 1, 1] },
      'DISPATCH_GRID_INVALID',
      /axis x/,
    ],
    [
      'a grid axis over the limit',
      MIXED,
      inputs,
      { gridOverride: [1, 65_536, 1] },
      'DISPATCH_GRID_INVALID',
      /1\.\.65535, found 65536/,
    ],
    [
      'a workgroup override over the invocation limit',
      MIXED,
      inputs,
      { workgroupOverride: [16, 16, 2] },
      'DISPATCH_WORKGROUP_INVALID',
      /invocations, found 512/,
    ],
    [
      'a negative dispatch-elements floor',
      MIXED,
      inputs,
      { dispatchElements: -1 },
      'DISPATCH_GRID_INVALID',
      /dispatchElements/,
    ],
    [
      'a 1-D grid over the limit',
      MIXED,
      inputs,
      { dispatchElements: 64 * 65_535 + 1 },
      'DISPATCH_TOO_LARGE',
      /found 65536/,
    ],
  ])('rejects %s', (_name, target, given, config, code, message) => {
    expectCode(prepareDispatch(target, given, config, CAPS), code, message);
  });

  it('rejects an invalid program with IR_INVALID_PROGRAM before looking at inputs', () => {
    const invalid = program({
      buffers: [],
      entry: [store('missing', u32(0), u32(1))],
    });
    const prepared = prepareDispatch(invalid, [words(1)], {}, CAPS);
    expect(!prepared.ok && prepared.error.code).toBe('IR_INVALID_PROGRAM');
  });

  it('rejects an input larger than the storage binding limit', () => {
    const tight = {
      ...CAPS,
      limits: { ...CAPS.limits, maxStorageBufferBindingSize: 16 },
    };
    expectCode(
      prepareDispatch(
        MIXED,
        [words(1, 2, 3, 4, 5), words(7, 8), words(0)],
        {},
        tight,
      ),
      'DISPATCH_TOO_LARGE',
    );
  });

  it('accepts an input of exactly the static size and a longer one, binding only the static size', () => {
    for (const params of [words(7, 8), words(7, 8, 9, 10)]) {
      const prepared = prepareDispatch(
        MIXED,
        [inputs[0] ?? words(), params, inputs[2] ?? words()],
        {},
        CAPS,
      );
      expect(prepared.ok && prepared.value.boundByteLengths[3]).toBe(8);
    }
  });

  it.each([
    ['u32', 1, 4],
    ['u8', 4, 4],
    ['u16', 2, 4],
    ['u64', 1, 8],
    ['vec4u32', 1, 16],
  ] as const)(
    'binds one zero element for an empty runtime-sized %s input, and reads back none',
    (element, count, bytes) => {
      const p = program({
        workgroupSize: [4, 1, 1],
        buffers: [
          readWriteBuffer('state', 0, element),
          outputBuffer('out', 1, 'u32', 4),
        ],
        entry: [store('out', gidX(), u32(1))],
      });
      const prepared = prepareDispatch(p, [new Uint8Array(0)], {}, CAPS);
      expect(prepared.ok && prepared.value.elementCounts[0]).toBe(count);
      expect(prepared.ok && prepared.value.boundByteLengths[0]).toBe(bytes);
      expect(prepared.ok && prepared.value.readback[0]).toEqual({
        byteOffset: 0,
        byteLength: 0,
      });
    },
  );

  it('counts packed elements of narrow buffers', () => {
    const bytes = program({
      buffers: [readBuffer('b', 0, 'u8'), readBuffer('h', 1, 'i16')],
      entry: [],
    });
    const prepared = prepareDispatch(
      bytes,
      [new Uint8Array(12), new Uint8Array(8)],
      {},
      CAPS,
    );
    expect(prepared.ok && prepared.value.elementCounts).toEqual([12, 4]);
  });
});
