import { describe, expect, it } from 'vitest';
import type { ErrorCode } from '@vyre/foundation';
import {
  BASELINE_WGSL_CAPABILITIES,
  gidX,
  outputBuffer,
  prepareDispatch,
  prepareResidentDispatch,
  program,
  readBuffer,
  readWriteBuffer,
  store,
  u32,
  uniformBuffer,
  workgroupBuffer,
} from '../src/index.ts';

const CAPS = BASELINE_WGSL_CAPABILITIES;

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
  result: ReturnType<typeof prepareResidentDispatch>,
  code: ErrorCode,
): void {
  expect(result.ok ? 'ok' : result.error.code).toBe(code);
  if (!result.ok) {
    expect(result.error.message).toMatch(/expected .*found/);
  }
}

describe('prepareResidentDispatch', () => {
  it('binds static sizes and whole runtime-sized resident buffers, like prepareDispatch (control case)', () => {
    // out, a, params, state: resident buffers larger than the static sizes bind only those.
    const resident = prepareResidentDispatch(
      MIXED,
      [800, 12, 16, 20],
      {},
      CAPS,
    );
    const host = prepareDispatch(
      MIXED,
      [new Uint8Array(12), new Uint8Array(8), new Uint8Array(20)],
      {},
      CAPS,
    );
    expect(resident.ok && resident.value.boundByteLengths).toEqual([
      400, 12, 0, 8, 20,
    ]);
    expect(resident.ok && resident.value.elementCounts).toEqual(
      host.ok && host.value.elementCounts,
    );
    expect(resident.ok && resident.value.grid).toEqual(
      host.ok && host.value.grid,
    );
    expect(resident.ok && resident.value.readback).toEqual(
      host.ok && host.value.readback,
    );
    expect(resident.ok && resident.value.inputs).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  it.each<[string, readonly number[], ErrorCode]>([
    ['one resident buffer too few', [400, 12, 8], 'DISPATCH_INPUT_COUNT'],
    [
      'a buffer smaller than its static size',
      [396, 12, 8, 20],
      'DISPATCH_INPUT_SIZE',
    ],
    [
      'a runtime-sized buffer that is not whole words',
      [400, 14, 8, 20],
      'DISPATCH_INPUT_SIZE',
    ],
    [
      'a buffer past the binding limit',
      [400, 2 ** 28, 8, 20],
      'DISPATCH_TOO_LARGE',
    ],
  ])('rejects %s', (_name, sizes, code) => {
    expectCode(prepareResidentDispatch(MIXED, sizes, {}, CAPS), code);
  });

  it('rejects an invalid program before looking at the buffers', () => {
    const invalid = program({
      buffers: [],
      entry: [store('nowhere', u32(0), u32(0))],
    });
    const prepared = prepareResidentDispatch(invalid, [1, 2, 3], {}, CAPS);
    expect(!prepared.ok && prepared.error.code).toBe('IR_INVALID_PROGRAM');
  });
});
