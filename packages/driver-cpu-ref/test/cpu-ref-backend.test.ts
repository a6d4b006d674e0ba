import { describe, expect, it } from 'vitest';
import type { ErrorCode, Result } from '@vyre/foundation';
import {
  add,
  atomicAdd,
  barrier,
  bufLen,
  cast,
  eq,
  gidX,
  ifThen,
  letBind,
  lidX,
  load,
  local,
  loop,
  lt,
  mod,
  mul,
  outputBuffer,
  program,
  readBuffer,
  readWriteBuffer,
  shr,
  store,
  u32,
  wgX,
  workgroupBuffer,
  type DispatchConfig,
  type Node,
  type Program,
} from '@vyre/ir';
import {
  CpuRefBackend,
  type CpuRefCompiler,
  type CpuRefOptions,
} from '../src/index.ts';

const COMPILERS: readonly CpuRefCompiler[] = ['closures', 'generated'];

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

// Each workgroup of 8 sums its inputs in workgroup memory with a tree reduction and barriers.
const workgroupSum = program({
  workgroupSize: [8, 1, 1],
  buffers: [
    readBuffer('input', 0, 'u32'),
    outputBuffer('sums', 1, 'u32', 4),
    workgroupBuffer('partial', 8, 'u32'),
  ],
  entry: [
    store('partial', lidX(), load('input', gidX())),
    barrier(),
    loop('level', u32(0), u32(3), [
      letBind('stride', shr(u32(4), local('level'))),
      ifThen(lt(lidX(), local('stride')), [
        store(
          'partial',
          lidX(),
          add(
            load('partial', lidX()),
            load('partial', add(lidX(), local('stride'))),
          ),
        ),
      ]),
      barrier(),
    ]),
    ifThen(eq(lidX(), u32(0)), [store('sums', wgX(), load('partial', u32(0)))]),
  ],
});

// Everything that runs a program runs it with both compilers.
describe.each(COMPILERS)('with the %s compiler', (compiler) => {
  const backendWith = (options: CpuRefOptions = {}): CpuRefBackend =>
    new CpuRefBackend({ compiler, ...options });

  describe('CpuRefBackend.dispatch', () => {
    it('runs a kernel: one invocation per output element, out-of-range lanes dropped (control case)', async () => {
      const backend = backendWith();
      const result = await backend.dispatch(addOne, [words(10, 20, 30)]);
      // grid = ceil(6 / 4) = 2 workgroups; lanes 3..5 load 0 (out of bounds) and store 1; lanes 6, 7 store out of bounds.
      expect(result.ok && asWords(result.value.outputs[0])).toEqual([
        11, 21, 31, 1, 1, 1,
      ]);
    });

    it.each(['sequential', 'reversed', 'roundRobin'] as const)(
      'sums workgroups with barriers (%s)',
      async (schedule) => {
        const backend = backendWith({ schedule });
        const input = Array.from({ length: 32 }, (_, i) => i * i);
        const result = await backend.dispatch(workgroupSum, [words(...input)], {
          gridOverride: [4, 1, 1],
        });
        const expected = [0, 1, 2, 3].map((wg) =>
          input.slice(wg * 8, wg * 8 + 8).reduce((a, b) => a + b, 0),
        );
        expect(result.ok && asWords(result.value.outputs[0])).toEqual(expected);
      },
    );

    it('does not write the caller’s input bytes, and zero-fills backend-allocated outputs', async () => {
      const backend = backendWith();
      const state = words(1, 2, 3, 4);
      const increment = program({
        workgroupSize: [4, 1, 1],
        buffers: [
          readWriteBuffer('state', 0, 'u32'),
          outputBuffer('untouched', 1, 'u32', 4),
        ],
        entry: [store('state', gidX(), add(load('state', gidX()), u32(100)))],
      });
      const result = await backend.dispatch(increment, [state]);
      expect(result.ok && result.value.outputs.map(asWords)).toEqual([
        [101, 102, 103, 104],
        [0, 0, 0, 0],
      ]);
      expect(asWords(state)).toEqual([1, 2, 3, 4]);
    });

    it('reuses the compiled program for the same fingerprint', async () => {
      const backend = backendWith();
      await backend.dispatch(addOne, [words(1)]);
      const again = await backend.dispatch(addOne, [words(2)]);
      expect(again.ok && asWords(again.value.outputs[0])).toEqual([
        3, 1, 1, 1, 1, 1,
      ]);
      expect(backend.compileCacheStats()).toMatchObject({
        hits: 1,
        misses: 1,
        size: 1,
      });
    });

    it('keeps programs apart that differ only in buffer order (one fingerprint, other indices)', async () => {
      const backend = backendWith();
      const castIn = (order: 'inFirst' | 'outFirst'): Program => {
        const input = readBuffer('in', 0, 'u32', { count: 4 });
        const out = outputBuffer('out', 1, 'f32', 4);
        return program({
          workgroupSize: [4, 1, 1],
          buffers: order === 'inFirst' ? [input, out] : [out, input],
          entry: [store('out', gidX(), cast('f32', load('in', gidX())))],
        });
      };
      const expected = new Uint8Array(new Float32Array([1, 2, 3, 4]).buffer);
      for (const order of ['inFirst', 'outFirst', 'inFirst'] as const) {
        const result = await backend.dispatch(castIn(order), [
          words(1, 2, 3, 4),
        ]);
        expect(result.ok && result.value.outputs[0]).toEqual(expected);
      }
      expect(backend.compileCacheStats()).toMatchObject({
        hits: 1,
        misses: 2,
      });
    });

    it('holds an integer literal written -0 as 0', async () => {
      const backend = backendWith();
      const convert = (zero: number): Program =>
        program({
          workgroupSize: [1, 1, 1],
          buffers: [outputBuffer('out', 0, 'f32', 1)],
          entry: [store('out', u32(0), cast('f32', u32(zero)))],
        });
      // -0 first: its twin u32(0) has the same fingerprint and shares the compiled program.
      for (const zero of [-0, 0]) {
        const result = await backend.dispatch(convert(zero), []);
        expect(result.ok && asWords(result.value.outputs[0])).toEqual([0]);
      }
    });
  });

  describe('CpuRefBackend.run: out-of-bounds accounting', () => {
    it('counts loads that yield zero, stores that are dropped and atomics that do nothing', async () => {
      const backend = backendWith();
      const oob = program({
        workgroupSize: [4, 1, 1],
        buffers: [
          readBuffer('input', 0, 'u32'),
          outputBuffer('out', 1, 'u32', 2),
          outputBuffer('counter', 2, 'u32', 1),
        ],
        entry: [
          // 4 lanes: input has 3 elements, out 2, counter 1.
          store('out', gidX(), load('input', gidX())),
          letBind('old', atomicAdd('counter', gidX(), u32(1))),
        ],
      });
      const result = await backend.run(oob, [words(5, 6, 7)], {
        gridOverride: [1, 1, 1],
      });
      expect(result.ok && result.value.oob).toEqual({
        loads: 1,
        stores: 2,
        atomics: 3,
      });
      expect(result.ok && result.value.outputs.map(asWords)).toEqual([
        [5, 6],
        [1],
      ]);
    });

    it('reports zero for a program that stays in bounds (control case)', async () => {
      const result = await backendWith().run(
        addOne,
        [words(1, 2, 3, 4, 5, 6)],
        { gridOverride: [1, 1, 1] },
      );
      expect(result.ok && result.value.oob).toEqual({
        loads: 0,
        stores: 0,
        atomics: 0,
      });
    });
  });

  describe('CpuRefBackend.raceCheck', () => {
    it('flags a program whose output depends on the lane order', async () => {
      // Every lane writes its id to out[0]: the last writer wins, and which lane that is depends on the schedule.
      const racy = program({
        workgroupSize: [4, 1, 1],
        buffers: [outputBuffer('out', 0, 'u32', 1)],
        entry: [store('out', u32(0), gidX())],
      });
      const report = await backendWith().raceCheck(racy, [], {
        gridOverride: [1, 1, 1],
      });
      expect(report.ok && report.value.racy).toBe(true);
      expect(report.ok && report.value.differences[0]).toMatchObject({
        output: 'out',
        firstDifferentByte: 0,
      });
    });

    it('does not flag a race-free program, with atomics and barriers', async () => {
      const raceFree = program({
        workgroupSize: [8, 1, 1],
        buffers: [
          readBuffer('input', 0, 'u32'),
          outputBuffer('total', 1, 'u32', 1),
          outputBuffer('sums', 2, 'u32', 4),
          workgroupBuffer('partial', 8, 'u32'),
        ],
        entry: [
          letBind('old', atomicAdd('total', u32(0), load('input', gidX()))),
          ...((workgroupSum.entry[0]?.kind === 'region'
            ? workgroupSum.entry[0].body
            : []) ?? []),
        ],
      });
      const report = await backendWith().raceCheck(
        raceFree,
        [words(...Array.from({ length: 32 }, (_, i) => i))],
        { gridOverride: [4, 1, 1] },
      );
      expect(report.ok && report.value).toEqual({
        racy: false,
        schedules: ['sequential', 'reversed', 'roundRobin'],
        differences: [],
        narrowStoreConflicts: [],
        narrowStoreConflictWords: 0,
      });
    });

    // 8-bit stores are read-modify-writes of a whole word on a GPU: unordered writers of one word race
    // even though every CPU lane order gives the same bytes.
    const narrow = (entry: Node[], workgroups = 1): Program =>
      program({
        workgroupSize: [8, 1, 1],
        buffers: [
          outputBuffer('bytes', 0, 'u8', 8 * workgroups),
          workgroupBuffer('scratch', 8, 'u8'),
        ],
        entry,
      });

    it.each<[string, Program, number, object[]]>([
      [
        'lanes writing neighbouring bytes of one word',
        narrow([store('bytes', gidX(), u32(1))]),
        2,
        [
          { buffer: 'bytes', word: 0, invocations: [0, 1] },
          { buffer: 'bytes', word: 1, invocations: [4, 5] },
        ],
      ],
      [
        'neighbouring bytes of workgroup memory',
        narrow([
          store('scratch', lidX(), u32(7)),
          barrier(),
          ifThen(eq(lidX(), u32(0)), [
            store('bytes', u32(0), load('scratch', u32(5))),
          ]),
        ]),
        2,
        [
          { buffer: 'scratch', word: 0, workgroup: 0, invocations: [0, 1] },
          { buffer: 'scratch', word: 1, workgroup: 0, invocations: [4, 5] },
        ],
      ],
      [
        'two workgroups writing one word, whatever the barriers',
        narrow(
          [
            barrier(),
            ifThen(eq(lidX(), u32(0)), [store('bytes', wgX(), u32(1))]),
          ],
          2,
        ),
        1,
        [{ buffer: 'bytes', word: 0, invocations: [0, 8] }],
      ],
    ])(
      'flags %s as racy though no schedule differs',
      async (_name, p, words, conflicts) => {
        const report = await backendWith().raceCheck(p, []);
        expect(report.ok && report.value.differences).toEqual([]);
        expect(report.ok && report.value.racy).toBe(true);
        expect(report.ok && report.value.narrowStoreConflictWords).toBe(words);
        expect(report.ok && report.value.narrowStoreConflicts).toEqual(
          conflicts,
        );
      },
    );

    it.each<[string, Program]>([
      [
        'each lane writing the bytes of its own word',
        narrow([
          loop('k', u32(0), u32(4), [
            store('bytes', add(mul(lidX(), u32(4)), local('k')), u32(1)),
          ]),
        ]),
      ],
      [
        'writers of one word separated by a barrier',
        narrow([
          ifThen(eq(lidX(), u32(0)), [store('scratch', u32(0), u32(1))]),
          barrier(),
          ifThen(eq(lidX(), u32(1)), [store('scratch', u32(1), u32(2))]),
          barrier(),
          ifThen(eq(lidX(), u32(0)), [
            store('bytes', u32(0), load('scratch', u32(1))),
          ]),
        ]),
      ],
    ])('does not flag %s (control case)', async (_name, p) => {
      const report = await backendWith().raceCheck(p, [], {
        gridOverride: [1, 1, 1],
      });
      expect(report.ok && report.value).toMatchObject({
        racy: false,
        narrowStoreConflictWords: 0,
      });
    });
  });

  describe('grid-wide barriers', () => {
    it('runs every workgroup up to the barrier before any continues', async () => {
      // Phase 1 writes out[i] = i + 1; phase 2 reads a neighbour written by another workgroup.
      const twoPhase = program({
        workgroupSize: [4, 1, 1],
        buffers: [
          outputBuffer('out', 0, 'u32', 16),
          outputBuffer('shifted', 1, 'u32', 16),
        ],
        entry: [
          store('out', gidX(), add(gidX(), u32(1))),
          barrier('gridSync'),
          store(
            'shifted',
            gidX(),
            load('out', mod(add(gidX(), u32(5)), bufLen('out'))),
          ),
        ],
      });
      for (const schedule of [
        'sequential',
        'reversed',
        'roundRobin',
      ] as const) {
        const result = await backendWith({ schedule }).dispatch(twoPhase, []);
        expect(result.ok && asWords(result.value.outputs[1])).toEqual(
          Array.from({ length: 16 }, (_, i) => ((i + 5) % 16) + 1),
        );
      }
    });
  });

  describe('bad input and runaway programs', () => {
    const forever = program({
      workgroupSize: [1, 1, 1],
      buffers: [outputBuffer('out', 0, 'u32', 1)],
      entry: [
        loop('i', u32(0), u32(0xffffffff), [store('out', u32(0), local('i'))]),
      ],
    });

    it.each<[string, Program, readonly Uint8Array[], ErrorCode]>([
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
      [
        'an input shorter than its declared count',
        program({
          workgroupSize: [4, 1, 1],
          buffers: [
            readBuffer('input', 0, 'u32', { count: 4 }),
            outputBuffer('out', 1, 'u32', 4),
          ],
          entry: [store('out', gidX(), load('input', gidX()))],
        }),
        [words(1, 2)],
        'DISPATCH_INPUT_SIZE',
      ],
      [
        'an input that is not a byte array',
        addOne,
        [null as unknown as Uint8Array],
        'DISPATCH_INPUT_SIZE',
      ],
    ])('returns a coded error for %s', async (_name, target, inputs, code) => {
      expectCode(await backendWith().dispatch(target, inputs), code);
    });

    it.each<[string, DispatchConfig, ErrorCode]>([
      [
        'more workgroups than a dimension allows',
        { gridOverride: [70_000, 1, 1] },
        'DISPATCH_GRID_INVALID',
      ],
      [
        'a workgroup larger than the limits',
        { workgroupOverride: [2048, 1, 1] },
        'DISPATCH_WORKGROUP_INVALID',
      ],
      [
        'a grid-wide barrier over more than 2^20 invocations',
        { gridOverride: [65_535, 32, 1] },
        'DISPATCH_TOO_LARGE',
      ],
    ])('rejects %s before running anything', async (_name, config, code) => {
      const gridWide = program({
        workgroupSize: [1, 1, 1],
        buffers: [outputBuffer('out', 0, 'u32', 1)],
        entry: [barrier('gridSync'), store('out', u32(0), u32(1))],
      });
      expectCode(await backendWith().dispatch(gridWide, [], config), code);
    });

    it('stops an endless loop at the step budget with CPU_REF_STEP_LIMIT', async () => {
      expectCode(
        await backendWith({ maxSteps: 10_000 }).dispatch(forever, []),
        'CPU_REF_STEP_LIMIT',
      );
    });

    it('stops a dispatch of 2^32 workgroups at its timeout without listing them', async () => {
      const tiny = program({
        workgroupSize: [1, 1, 1],
        buffers: [outputBuffer('out', 0, 'u32', 1)],
        entry: [store('out', u32(0), u32(1))],
      });
      expectCode(
        await backendWith().dispatch(tiny, [], {
          gridOverride: [65_535, 65_535, 1],
          timeoutMs: 20,
        }),
        'BACKEND_TIMEOUT',
      );
    });

    it('stops at the timeout with BACKEND_TIMEOUT and stays usable', async () => {
      const backend = backendWith();
      expectCode(
        await backend.dispatch(forever, [], { timeoutMs: 20 }),
        'BACKEND_TIMEOUT',
      );
      expect((await backend.dispatch(addOne, [words(1)])).ok).toBe(true);
    });

    it('rejects output storage of the wrong shape with DISPATCH_OUTPUT_STORAGE', async () => {
      expectCode(
        await backendWith().dispatchInto(
          addOne,
          [words(1)],
          [new Uint8Array(8)],
        ),
        'DISPATCH_OUTPUT_STORAGE',
      );
    });

    it('writes into caller-owned storage of the right shape', async () => {
      const out = new Uint8Array(24);
      const result = await backendWith().dispatchInto(
        addOne,
        [words(1, 2)],
        [out],
      );
      expect(result.ok).toBe(true);
      expect(asWords(out)).toEqual([2, 3, 1, 1, 1, 1]);
    });

    it('refuses work after dispose() with BACKEND_DISPOSED', async () => {
      const backend = backendWith();
      backend.dispose();
      expectCode(
        await backend.dispatch(addOne, [words(1)]),
        'BACKEND_DISPOSED',
      );
    });
  });
});

describe('the compilers agree', () => {
  // A loop, branches, barriers, workgroup memory, atomics and out-of-bounds accesses in one program.
  const mixed = program({
    workgroupSize: [8, 1, 1],
    buffers: [
      readBuffer('input', 0, 'u32'),
      outputBuffer('sums', 1, 'u32', 4),
      outputBuffer('counter', 2, 'u32', 2),
      workgroupBuffer('partial', 8, 'u32'),
    ],
    entry: [
      letBind('old', atomicAdd('counter', mod(gidX(), u32(3)), u32(1))),
      ...((workgroupSum.entry[0]?.kind === 'region'
        ? workgroupSum.entry[0].body
        : []) ?? []),
    ],
  });

  it.each(['sequential', 'reversed', 'roundRobin'] as const)(
    'gives the same bytes, steps and out-of-bounds tallies (%s)',
    async (schedule) => {
      const input = words(...Array.from({ length: 40 }, (_, i) => 3 * i + 1));
      const runs = await Promise.all(
        COMPILERS.map((compiler) =>
          new CpuRefBackend({ compiler, schedule }).run(mixed, [input], {
            gridOverride: [5, 1, 1],
          }),
        ),
      );
      const [closures, generated] = runs;
      expect(closures?.ok && closures.value.compiler).toBe('closures');
      expect(generated?.ok && generated.value.compiler).toBe('generated');
      const strip = (run: typeof closures) =>
        run?.ok
          ? {
              outputs: run.value.outputs,
              steps: run.value.steps,
              oob: run.value.oob,
            }
          : run;
      expect(strip(generated)).toEqual(strip(closures));
      expect(closures?.ok && closures.value.oob.atomics).toBe(
        // counter has 2 elements: the lanes with gid % 3 === 2 are out of bounds.
        Array.from({ length: 40 }, (_, gid) => gid % 3).filter((k) => k === 2)
          .length,
      );
    },
  );

  it('picks closures for small dispatches and generated code for large ones under auto', async () => {
    const backend = new CpuRefBackend();
    const small = await backend.run(addOne, [words(1)]);
    const large = await backend.run(addOne, [words(1)], {
      gridOverride: [1024, 1, 1],
    });
    expect(small.ok && small.value.compiler).toBe('closures');
    expect(large.ok && large.value.compiler).toBe('generated');
  });
});

describe('resident buffers', () => {
  it('allocates, uploads, dispatches in place, downloads a range and frees', async () => {
    const backend = new CpuRefBackend();
    const input = await backend.allocateResident(12);
    const out = await backend.allocateResident(24);
    if (!input.ok || !out.ok) {
      throw new Error('allocation failed');
    }
    expect(
      (await backend.uploadResident(input.value, words(10, 20, 30))).ok,
    ).toBe(true);
    expect(
      (await backend.dispatchResident(addOne, [input.value, out.value])).ok,
    ).toBe(true);
    const range = await backend.downloadResident(out.value, {
      byteOffset: 4,
      byteLength: 8,
    });
    expect(range.ok && asWords(range.value)).toEqual([21, 31]);
    expect(backend.freeResident(input.value).ok).toBe(true);
    expectCode(
      await backend.uploadResident(input.value, words(1)),
      'RESIDENT_HANDLE_INVALID',
    );
  });

  it('runs a sequence of dispatches, then the reads', async () => {
    const backend = new CpuRefBackend();
    const state = await backend.allocateResident(16);
    const out = await backend.allocateResident(24);
    if (!state.ok || !out.ok) {
      throw new Error('allocation failed');
    }
    const bump = program({
      workgroupSize: [4, 1, 1],
      buffers: [readWriteBuffer('state', 0, 'u32')],
      entry: [store('state', gidX(), add(load('state', gidX()), u32(1)))],
    });
    const steps = [
      { program: bump, resources: [state.value] },
      { program: bump, resources: [state.value] },
      { program: addOne, resources: [state.value, out.value] },
    ];
    const result = await backend.dispatchSequence(steps, [
      { buffer: out.value, byteOffset: 0, byteLength: 16 },
    ]);
    expect(result.ok && asWords(result.value.reads[0])).toEqual([3, 3, 3, 3]);
  });

  it.each<
    [string, (backend: CpuRefBackend) => Promise<Result<unknown>>, ErrorCode]
  >([
    [
      'a size that is not a multiple of 4',
      (b) => b.allocateResident(6),
      'RESIDENT_RANGE_INVALID',
    ],
    ['a zero size', (b) => b.allocateResident(0), 'RESIDENT_RANGE_INVALID'],
    [
      'an upload beyond the end',
      async (b) => {
        const buffer = await b.allocateResident(8);
        return buffer.ok
          ? b.uploadResident(buffer.value, words(1, 2, 3))
          : buffer;
      },
      'RESIDENT_RANGE_INVALID',
    ],
    [
      'a handle from another backend',
      async (b) => {
        const other = await new CpuRefBackend().allocateResident(8);
        return other.ok ? b.downloadResident(other.value) : other;
      },
      'RESIDENT_HANDLE_INVALID',
    ],
    [
      'too few resources for the program',
      async (b) => {
        const buffer = await b.allocateResident(8);
        return buffer.ok ? b.dispatchResident(addOne, [buffer.value]) : buffer;
      },
      'DISPATCH_INPUT_COUNT',
    ],
  ])('rejects %s', async (_name, act, code) => {
    expectCode(await act(new CpuRefBackend()), code);
  });
});
