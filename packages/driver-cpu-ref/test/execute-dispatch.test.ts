import { describe, expect, it } from 'vitest';
import {
  barrier,
  gidX,
  ifThen,
  lidX,
  load,
  lt,
  outputBuffer,
  planBindings,
  program,
  readBuffer,
  ret,
  store,
  subgroupBallot,
  subgroupReduce,
  subgroupShuffle,
  u32,
  add,
  type PreparedDispatch,
  type Program,
} from '@vyre/ir';
import { BufferMemory } from '../src/buffer-memory.ts';
import { compileProgram } from '../src/compiled-program.ts';
import { executeDispatch, type Schedule } from '../src/execute-dispatch.ts';
import { CpuRefBackend } from '../src/index.ts';

// The scheduler below the public API, for what the validator keeps programs from doing: lanes that
// disagree on a barrier are caught at run time too (a second line of defence).

function prepare(
  p: Program,
  grid: readonly [number, number, number],
): PreparedDispatch {
  return {
    program: p,
    plan: planBindings(p),
    workgroupSize: p.workgroupSize,
    grid,
    elementCounts: p.buffers.map((decl) => decl.count),
    boundByteLengths: p.buffers.map((decl) => decl.count * 4),
    inputs: p.buffers.map(() => undefined),
    readback: [],
  };
}

function run(
  p: Program,
  schedule: Schedule,
  generated: boolean,
): ReturnType<typeof executeDispatch> {
  const prepared = prepare(p, [1, 1, 1]);
  const storage = p.buffers.map(
    (decl) =>
      new BufferMemory(
        decl.element,
        decl.count,
        new Uint8Array(decl.count * 4),
      ),
  );
  const mode = {
    generated,
    fuse: schedule !== 'roundRobin',
    subnormals: 'keep' as const,
    fma: 'fused' as const,
    trackUnbound: false,
  };
  return executeDispatch(compileProgram(p, mode), prepared, storage, {
    schedule,
    subgroupWidth: 32,
    maxSteps: 1e6,
    maxGridSyncInvocations: 1 << 20,
  });
}

describe('executeDispatch: barrier divergence', () => {
  // Unvalidated on purpose: the validator rejects both (V010, V055).
  const divergentIf = program({
    workgroupSize: [4, 1, 1],
    buffers: [outputBuffer('out', 0, 'u32', 4)],
    entry: [
      ifThen(lt(lidX(), u32(2)), [barrier()], [barrier()]),
      store('out', lidX(), u32(1)),
    ],
  });
  const earlyReturn = program({
    workgroupSize: [4, 1, 1],
    buffers: [outputBuffer('out', 0, 'u32', 4)],
    entry: [
      ifThen(lt(lidX(), u32(2)), [ret()]),
      barrier(),
      store('out', lidX(), u32(1)),
    ],
  });

  const modes = (['sequential', 'reversed', 'roundRobin'] as const).flatMap(
    (schedule) => [
      [schedule, 'closures', false] as const,
      [schedule, 'generated', true] as const,
    ],
  );

  it.each(modes)(
    'reports lanes at different barriers (%s, %s)',
    (schedule, _compiler, generated) => {
      const result = run(divergentIf, schedule, generated);
      expect(!result.ok && result.error.code).toBe(
        'CPU_REF_BARRIER_DIVERGENCE',
      );
      expect(!result.ok && result.error.message).toMatch(
        /expected every live lane at the same one, found lane \d+ at barrier/,
      );
    },
  );

  it.each(modes)(
    'releases a barrier that every live lane reaches; returned lanes do not count (%s, %s)',
    (schedule, _compiler, generated) => {
      const result = run(earlyReturn, schedule, generated);
      expect(result.ok).toBe(true);
    },
  );
});

describe.each(['closures', 'generated'] as const)(
  'subgroups (simulated, %s)',
  (compiler) => {
    const backend = new CpuRefBackend({ subgroupWidth: 4, compiler });
    const p = program({
      workgroupSize: [8, 1, 1],
      buffers: [
        readBuffer('x', 0, 'u32'),
        outputBuffer('ballot', 1, 'u32', 8),
        outputBuffer('shuffled', 2, 'u32', 8),
        outputBuffer('sum', 3, 'u32', 8),
      ],
      entry: [
        store('ballot', gidX(), subgroupBallot(lt(load('x', gidX()), u32(10)))),
        // Read from the next lane of the subgroup; lane 3 of each subgroup asks for lane 4, beyond the width.
        store(
          'shuffled',
          gidX(),
          subgroupShuffle(load('x', gidX()), add(lidX(), u32(1))),
        ),
        store('sum', gidX(), subgroupReduce('add', load('x', gidX()))),
      ],
    });
    const x = [1, 20, 3, 40, 5, 6, 70, 8];

    it('computes ballots, shuffles (zero beyond the width) and reductions per subgroup of 4', async () => {
      const result = await backend.dispatch(
        p,
        [new Uint8Array(new Uint32Array(x).buffer)],
        {},
      );
      const outputs = result.ok
        ? result.value.outputs.map((bytes) =>
            Array.from(new Uint32Array(bytes.buffer)),
          )
        : [];
      // Subgroup 0 = lanes 0..3 (x 1, 20, 3, 40): lanes 0 and 2 are below 10. Subgroup 1 = lanes 4..7 (5, 6, 70, 8): lanes 0, 1, 3.
      expect(outputs[0]).toEqual([
        0b0101, 0b0101, 0b0101, 0b0101, 0b1011, 0b1011, 0b1011, 0b1011,
      ]);
      // Lane local ids are 0..7 within the workgroup, so only lanes whose next id is below 4 read a value:
      // subgroup 0 reads lanes 1, 2, 3, then 4 (beyond the width, zero); subgroup 1 asks for lanes 5..8 (all beyond).
      expect(outputs[1]).toEqual([20, 3, 40, 0, 0, 0, 0, 0]);
      expect(outputs[2]).toEqual([64, 64, 64, 64, 89, 89, 89, 89]);
    });
  },
);
