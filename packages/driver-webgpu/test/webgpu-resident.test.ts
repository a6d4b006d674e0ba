import { afterAll, describe, expect, it } from 'vitest';
import type { ErrorCode, Result } from '@vyre/foundation';
import {
  add,
  gidX,
  load,
  outputBuffer,
  program,
  readBuffer,
  readWriteBuffer,
  store,
  u32,
} from '@vyre/ir';
import type { WebGpuBackend } from '../src/index.ts';
import { acquireGpuTestBackend } from './gpu-test-backend.ts';
import type { GpuSkip } from './gpu-test-device.ts';

// Resident buffers on Dawn: allocate, upload at an offset, dispatch in place, sequences in one
// submission, download ranges, free; bad handles and ranges get coded errors.

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

function unwrap<T>(result: Result<T>): T {
  if (!result.ok) {
    throw new Error(result.error.format());
  }
  return result.value;
}

const addOne = program({
  workgroupSize: [4, 1, 1],
  buffers: [readBuffer('input', 0, 'u32'), outputBuffer('out', 1, 'u32', 6)],
  entry: [store('out', gidX(), add(load('input', gidX()), u32(1)))],
});
const bump = program({
  workgroupSize: [4, 1, 1],
  buffers: [readWriteBuffer('state', 0, 'u32')],
  entry: [store('state', gidX(), add(load('state', gidX()), u32(1)))],
});

let shared: WebGpuBackend | undefined;
afterAll(() => {
  shared?.dispose();
  shared = undefined;
});
async function backendFor(skip: GpuSkip): Promise<WebGpuBackend> {
  shared ??= await acquireGpuTestBackend(skip);
  return shared;
}

describe('WebGpuBackend resident buffers', { tags: ['gpu'] }, () => {
  it('allocates zeroed, uploads at an offset, dispatches in place, downloads a range, frees', async ({
    skip,
  }) => {
    const gpu = await backendFor(skip);
    const input = unwrap(await gpu.allocateResident(12));
    const out = unwrap(await gpu.allocateResident(24));
    expect(asWords(unwrap(await gpu.downloadResident(out)))).toEqual([
      0, 0, 0, 0, 0, 0,
    ]);
    unwrap(await gpu.uploadResident(input, words(10, 20, 30)));
    unwrap(await gpu.uploadResident(input, words(25), 4));
    unwrap(await gpu.dispatchResident(addOne, [input, out]));
    const range = unwrap(
      await gpu.downloadResident(out, { byteOffset: 4, byteLength: 8 }),
    );
    expect(asWords(range)).toEqual([26, 31]);
    expect(gpu.freeResident(input).ok).toBe(true);
    expectCode(
      await gpu.uploadResident(input, words(1)),
      'RESIDENT_HANDLE_INVALID',
    );
    expectCode(gpu.freeResident(input), 'RESIDENT_HANDLE_INVALID');
  });

  it('runs a sequence of dispatches in order, then the reads, in one submission', async ({
    skip,
  }) => {
    const gpu = await backendFor(skip);
    const state = unwrap(await gpu.allocateResident(16));
    const out = unwrap(await gpu.allocateResident(24));
    const result = unwrap(
      await gpu.dispatchSequence(
        [
          { program: bump, resources: [state] },
          { program: bump, resources: [state] },
          { program: bump, resources: [state] },
          { program: addOne, resources: [state, out] },
        ],
        [
          { buffer: out, byteOffset: 0, byteLength: 24 },
          { buffer: state, byteOffset: 8, byteLength: 8 },
        ],
      ),
    );
    expect(asWords(result.reads[0])).toEqual([4, 4, 4, 4, 1, 1]);
    expect(asWords(result.reads[1])).toEqual([3, 3]);
  });

  it('reads a sequence into caller-owned storage, which it returns, and refuses storage of the wrong size', async ({
    skip,
  }) => {
    const gpu = await backendFor(skip);
    const state = unwrap(await gpu.allocateResident(16));
    unwrap(await gpu.uploadResident(state, words(1, 2, 3, 4)));
    const into = new Uint8Array(8);
    const result = unwrap(
      await gpu.dispatchSequence(
        [{ program: bump, resources: [state] }],
        [
          { buffer: state, byteOffset: 4, byteLength: 8, into },
          { buffer: state, byteOffset: 0, byteLength: 4 },
        ],
      ),
    );
    expect(result.reads[0]).toBe(into);
    expect(asWords(into)).toEqual([3, 4]);
    expect(asWords(result.reads[1])).toEqual([2]);
    const refused = await gpu.dispatchSequence(
      [{ program: bump, resources: [state] }],
      [
        {
          buffer: state,
          byteOffset: 0,
          byteLength: 8,
          into: new Uint8Array(4),
        },
      ],
    );
    expectCode(refused, 'DISPATCH_OUTPUT_STORAGE');
    // Nothing ran: the state is as the first sequence left it.
    expect(asWords(unwrap(await gpu.downloadResident(state)))).toEqual([
      2, 3, 4, 5,
    ]);
  });

  it('uploads large data through reused staging buffers, byte for byte, at offsets', async ({
    skip,
  }) => {
    const gpu = await backendFor(skip);
    const bytes = 256 * 1024;
    const buffer = unwrap(await gpu.allocateResident(bytes + 8));
    const before = gpu.stagingStats();
    for (let round = 0; round < 4; round++) {
      // A staging buffer comes back once the device has finished its copy and it is mapped again.
      await new Promise((resolve) => setTimeout(resolve, 50));
      const data = new Uint32Array(bytes / 4).map(
        (_, i) => (i * 2654435761 + round) >>> 0,
      );
      unwrap(await gpu.uploadResident(buffer, new Uint8Array(data.buffer), 8));
      const back = unwrap(
        await gpu.downloadResident(buffer, {
          byteOffset: 8,
          byteLength: bytes,
        }),
      );
      expect(asWords(back)).toEqual(Array.from(data));
    }
    const after = gpu.stagingStats();
    if (before === undefined || after === undefined) {
      throw new Error('no staging stats');
    }
    // Four uploads through staging; after the first, each found the earlier one's buffer mapped again.
    expect(
      after.allocations + after.hits - (before.allocations + before.hits),
    ).toBe(4);
    expect(after.hits - before.hits).toBeGreaterThanOrEqual(3);
    unwrap(gpu.freeResident(buffer));
  });

  it('keeps queue order between a large upload waiting for the next submission and later writes, reads and frees', async ({
    skip,
  }) => {
    const gpu = await backendFor(skip);
    const bytes = 128 * 1024;
    const buffer = unwrap(await gpu.allocateResident(bytes));
    const large = new Uint32Array(bytes / 4).fill(7);
    unwrap(await gpu.uploadResident(buffer, new Uint8Array(large.buffer)));
    // A small write after it must land on top of it, not under it.
    unwrap(await gpu.uploadResident(buffer, words(1, 2), 8));
    const head = unwrap(
      await gpu.downloadResident(buffer, { byteOffset: 0, byteLength: 16 }),
    );
    expect(asWords(head)).toEqual([7, 7, 1, 2]);
    // A large upload then a free: the copy is submitted before the buffer goes, and nothing fails.
    unwrap(await gpu.uploadResident(buffer, new Uint8Array(large.buffer)));
    unwrap(gpu.freeResident(buffer));
    const other = unwrap(await gpu.allocateResident(16));
    expect(asWords(unwrap(await gpu.downloadResident(other)))).toEqual([
      0, 0, 0, 0,
    ]);
    unwrap(gpu.freeResident(other));
  });

  it('reports device time for a resident dispatch when asked', async ({
    skip,
  }) => {
    const gpu = await backendFor(skip);
    if (gpu.device?.features.has('timestamp-query') !== true) {
      skip('the device has no timestamp-query');
    }
    const state = unwrap(await gpu.allocateResident(16));
    const timing = unwrap(
      await gpu.dispatchResident(bump, [state], { timing: true }),
    );
    expect(timing.deviceNs).toBeGreaterThan(0);
  });

  it.for<[string, (gpu: WebGpuBackend) => Promise<Result<unknown>>, ErrorCode]>(
    [
      [
        'a size that is not a multiple of 4',
        (g) => g.allocateResident(6),
        'RESIDENT_RANGE_INVALID',
      ],
      ['a zero size', (g) => g.allocateResident(0), 'RESIDENT_RANGE_INVALID'],
      [
        'a buffer over the device’s maxBufferSize',
        (g) =>
          g.allocateResident(
            Math.floor((g.device?.limits.maxBufferSize ?? 0) / 4) * 4 + 4,
          ),
        'BACKEND_OUT_OF_MEMORY',
      ],
      [
        'an upload beyond the end',
        async (g) => {
          const buffer = unwrap(await g.allocateResident(8));
          return g.uploadResident(buffer, words(1, 2, 3));
        },
        'RESIDENT_RANGE_INVALID',
      ],
      [
        'an unaligned download',
        async (g) => {
          const buffer = unwrap(await g.allocateResident(8));
          return g.downloadResident(buffer, { byteOffset: 2, byteLength: 4 });
        },
        'RESIDENT_RANGE_INVALID',
      ],
      [
        'a copy of a handle',
        async (g) => {
          const buffer = unwrap(await g.allocateResident(8));
          return g.downloadResident({ ...buffer });
        },
        'RESIDENT_HANDLE_INVALID',
      ],
      [
        'a handle of another backend',
        (g) =>
          g.downloadResident({
            backendId: 'cpu-ref',
            handle: 1,
            byteLength: 8,
          }),
        'RESIDENT_HANDLE_INVALID',
      ],
      [
        'too few resources for the program',
        async (g) => {
          const buffer = unwrap(await g.allocateResident(8));
          return g.dispatchResident(addOne, [buffer]);
        },
        'DISPATCH_INPUT_COUNT',
      ],
      [
        'a resident buffer smaller than its binding',
        async (g) => {
          const small = unwrap(await g.allocateResident(8));
          const input = unwrap(await g.allocateResident(8));
          return g.dispatchResident(addOne, [input, small]);
        },
        'DISPATCH_INPUT_SIZE',
      ],
    ],
  )('rejects %s', async ([, act, code], { skip }) => {
    const gpu = await backendFor(skip);
    expectCode(await act(gpu), code);
  });
});
