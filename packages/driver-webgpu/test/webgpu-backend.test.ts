import { afterAll, describe, expect, it } from 'vitest';
import type { ErrorCode, Result } from '@vyre/foundation';
import {
  add,
  gidX,
  letBind,
  load,
  local,
  loop,
  outputBuffer,
  program,
  readBuffer,
  readWriteBuffer,
  store,
  u32,
  type Program,
} from '@vyre/ir';
import type { WebGpuBackend } from '../src/index.ts';
import { acquireGpuTestBackend } from './gpu-test-backend.ts';
import type { GpuSkip } from './gpu-test-device.ts';

// WebGpuBackend.dispatch on Dawn: results, caching and pooling, timing, and coded errors for bad input.

const words = (...values: number[]): Uint8Array =>
  new Uint8Array(new Uint32Array(values).buffer);
const asWords = (bytes: Uint8Array | undefined): number[] =>
  bytes === undefined
    ? []
    : Array.from(
        new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4),
      );

function expectCode(result: Result<unknown>, code: ErrorCode): void {
  expect(result.ok ? 'ok' : result.error.code).toBe(code);
  if (!result.ok) {
    expect(result.error.message).toMatch(/expected .*found/);
  }
}

const addOne = program({
  workgroupSize: [4, 1, 1],
  buffers: [readBuffer('input', 0, 'u32'), outputBuffer('out', 1, 'u32', 6)],
  entry: [store('out', gidX(), add(load('input', gidX()), u32(1)))],
});

// One backend for the file, created by the first test that runs and disposed at the end.
let shared: WebGpuBackend | undefined;
afterAll(() => {
  shared?.dispose();
  shared = undefined;
});
async function backendFor(skip: GpuSkip): Promise<WebGpuBackend> {
  shared ??= await acquireGpuTestBackend(skip);
  return shared;
}

describe('WebGpuBackend.dispatch', { tags: ['gpu'] }, () => {
  it('runs a kernel: out-of-range lanes load zero and their stores are dropped', async ({
    skip,
  }) => {
    const gpu = await backendFor(skip);
    const result = await gpu.dispatch(addOne, [words(10, 20, 30)]);
    // grid = ceil(6 / 4) = 2 workgroups; lanes 3..5 load 0 and store 1; lanes 6, 7 store out of bounds.
    expect(result.ok && asWords(result.value.outputs[0])).toEqual([
      11, 21, 31, 1, 1, 1,
    ]);
  });

  it('zero-fills outputs although pooled buffers are reused', async ({
    skip,
  }) => {
    const gpu = await backendFor(skip);
    const writeAll = program({
      workgroupSize: [4, 1, 1],
      buffers: [outputBuffer('out', 0, 'u32', 8)],
      entry: [store('out', gidX(), u32(0xdeadbeef))],
    });
    const writeSome = program({
      workgroupSize: [4, 1, 1],
      buffers: [outputBuffer('out', 0, 'u32', 8)],
      entry: [store('out', u32(0), u32(7))],
    });
    await gpu.dispatch(writeAll, [], { gridOverride: [2, 1, 1] });
    const result = await gpu.dispatch(writeSome, []);
    expect(result.ok && asWords(result.value.outputs[0])).toEqual([
      7, 0, 0, 0, 0, 0, 0, 0,
    ]);
  });

  it('never writes the caller’s input bytes; a read-write input is an output too', async ({
    skip,
  }) => {
    const gpu = await backendFor(skip);
    const state = words(1, 2, 3, 4);
    const bump = program({
      workgroupSize: [4, 1, 1],
      buffers: [readWriteBuffer('state', 0, 'u32')],
      entry: [store('state', gidX(), add(load('state', gidX()), u32(100)))],
    });
    const result = await gpu.dispatch(bump, [state]);
    expect(result.ok && asWords(result.value.outputs[0])).toEqual([
      101, 102, 103, 104,
    ]);
    expect(asWords(state)).toEqual([1, 2, 3, 4]);
  });

  it('binds exactly the program’s size, whatever the pooled buffer’s size class', async ({
    skip,
  }) => {
    const gpu = await backendFor(skip);
    // bufLen sees 3 elements although the pooled buffer holds 256 bytes.
    const length = program({
      workgroupSize: [1, 1, 1],
      buffers: [
        readBuffer('input', 0, 'u32'),
        outputBuffer('out', 1, 'u32', 1),
      ],
      entry: [store('out', u32(0), { kind: 'bufLen', buffer: 'input' })],
    });
    const result = await gpu.dispatch(length, [words(5, 6, 7)]);
    expect(result.ok && asWords(result.value.outputs[0])).toEqual([3]);
  });

  it('compiles a program once and allocates no new buffers for a second dispatch', async ({
    skip,
  }) => {
    const gpu = await backendFor(skip);
    const fresh = program({
      workgroupSize: [8, 1, 1],
      buffers: [readBuffer('a', 0, 'u32'), outputBuffer('b', 1, 'u32', 16)],
      entry: [store('b', gidX(), add(load('a', gidX()), u32(5)))],
    });
    await gpu.dispatch(fresh, [words(1, 2, 3, 4)]);
    const pipelines = gpu.pipelineCacheStats();
    const pool = gpu.bufferPoolStats();
    const second = await gpu.dispatch(fresh, [words(1, 2, 3, 4)]);
    expect(second.ok && asWords(second.value.outputs[0]).slice(0, 5)).toEqual([
      6, 7, 8, 9, 5,
    ]);
    expect(gpu.pipelineCacheStats()?.misses).toBe(pipelines?.misses);
    expect(gpu.bufferPoolStats()?.allocations).toBe(pool?.allocations);
    expect(gpu.bufferPoolStats()?.leasedBytes).toBe(0);
  });

  it('reports device time from timestamp queries when timing is requested', async ({
    skip,
  }) => {
    const gpu = await backendFor(skip);
    if (gpu.device?.features.has('timestamp-query') !== true) {
      skip('the device has no timestamp-query');
    }
    const result = await gpu.dispatch(addOne, [words(1)], { timing: true });
    expect(result.ok && result.value.timing.deviceNs).toBeGreaterThan(0);
    const untimed = await gpu.dispatch(addOne, [words(1)]);
    expect(untimed.ok && untimed.value.timing.deviceNs).toBeUndefined();
  });

  it('writes into caller-owned storage, checked before anything runs', async ({
    skip,
  }) => {
    const gpu = await backendFor(skip);
    const out = new Uint8Array(24);
    const result = await gpu.dispatchInto(addOne, [words(1, 2)], [out]);
    expect(result.ok).toBe(true);
    expect(asWords(out)).toEqual([2, 3, 1, 1, 1, 1]);
    expectCode(
      await gpu.dispatchInto(addOne, [words(1)], [new Uint8Array(8)]),
      'DISPATCH_OUTPUT_STORAGE',
    );
  });

  it('uploads large inputs through staging and reads large outputs into caller storage, for repeated dispatches', async ({
    skip,
  }) => {
    const gpu = await backendFor(skip);
    const n = 64 * 1024; // 256 KiB of u32s: above the staging threshold
    const doubled = program({
      workgroupSize: [64, 1, 1],
      buffers: [readWriteBuffer('state', 0, 'u32')],
      entry: [
        store(
          'state',
          gidX(),
          add(load('state', gidX()), load('state', gidX())),
        ),
      ],
    });
    const out = new Uint8Array(n * 4);
    for (let round = 1; round <= 3; round++) {
      await new Promise((resolve) => setTimeout(resolve, 50)); // staging mapped again
      const input = new Uint32Array(n).map((_, i) => (i * round) >>> 0);
      const timing = await gpu.dispatchInto(
        doubled,
        [new Uint8Array(input.buffer)],
        [out],
        { gridOverride: [n / 64, 1, 1] },
      );
      expect(timing.ok).toBe(true);
      const got = new Uint32Array(out.buffer);
      const wrong = input.findIndex((x, i) => got[i] !== (x * 2) >>> 0);
      expect(wrong).toBe(-1);
    }
    expect(gpu.stagingStats()?.hits).toBeGreaterThanOrEqual(2);
  });

  it.for<[string, Program, readonly Uint8Array[], ErrorCode]>([
    ['a missing input', addOne, [], 'DISPATCH_INPUT_COUNT'],
    [
      'an input that is not whole words',
      addOne,
      [new Uint8Array(5)],
      'DISPATCH_INPUT_SIZE',
    ],
    [
      'an invalid program',
      program({ buffers: [], entry: [store('nowhere', u32(0), u32(0))] }),
      [],
      'IR_INVALID_PROGRAM',
    ],
  ])(
    'returns a coded error for %s and stays usable',
    async ([, p, inputs, code], { skip }) => {
      const gpu = await backendFor(skip);
      expectCode(await gpu.dispatch(p, inputs), code);
      expect((await gpu.dispatch(addOne, [words(1)])).ok).toBe(true);
    },
  );

  it('rejects a grid past the device limit before touching the device', async ({
    skip,
  }) => {
    const gpu = await backendFor(skip);
    expectCode(
      await gpu.dispatch(addOne, [words(1)], { gridOverride: [1 << 20, 1, 1] }),
      'DISPATCH_GRID_INVALID',
    );
  });

  it('stops waiting at the timeout with BACKEND_TIMEOUT, and stays usable', async ({
    skip,
  }) => {
    const gpu = await backendFor(skip);
    // About 2^26 loop iterations per lane on 64 lanes: long on any device, far longer on lavapipe.
    const slow = program({
      workgroupSize: [64, 1, 1],
      buffers: [outputBuffer('out', 0, 'u32', 64)],
      entry: [
        letBind('acc', u32(0)),
        loop('i', u32(0), u32(1 << 26), [
          { kind: 'assign', name: 'acc', value: add(local('acc'), local('i')) },
        ]),
        store('out', gidX(), local('acc')),
      ],
    });
    expectCode(
      await gpu.dispatch(slow, [], { timeoutMs: 5 }),
      'BACKEND_TIMEOUT',
    );
    const after = await gpu.dispatch(addOne, [words(41)]);
    expect(after.ok && asWords(after.value.outputs[0])[0]).toBe(42);
  }, 120_000);
});

describe('WebGpuBackend lifecycle', { tags: ['gpu'] }, () => {
  it('refuses work after dispose() with BACKEND_DISPOSED', async ({ skip }) => {
    const gpu = await acquireGpuTestBackend(skip);
    gpu.dispose();
    expect(gpu.device).toBeUndefined();
    expectCode(await gpu.dispatch(addOne, [words(1)]), 'BACKEND_DISPOSED');
    expectCode(await gpu.allocateResident(16), 'BACKEND_DISPOSED');
  });
});
