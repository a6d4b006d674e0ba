import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planBindings, storageElementSize, type Program } from '@vyre/ir';
import {
  CpuRefBackend,
  type CpuRefCompiler,
  type CpuRefRunResult,
  type Schedule,
} from '@vyre/driver-cpu-ref';
import type { Result } from '@vyre/foundation';
import { arbitraryProgram } from '../src/index.ts';

// The CPU reference's two compilers (closures, and JavaScript generated from the program) agree on
// every generated program, under every schedule: the same output bytes, the same step count, the
// same out-of-bounds tallies, or the same error code.

const COMPILERS: readonly CpuRefCompiler[] = ['closures', 'generated'];
const SCHEDULES: readonly Schedule[] = ['sequential', 'reversed', 'roundRobin'];

// Input bytes for every input of the binding ABI: the declared count, or for a runtime-sized buffer a
// drawn one, filled from a seeded sequence.
function inputsFor(
  p: Program,
  runtimeElements: number,
  seed: number,
): Uint8Array[] {
  let state = seed >>> 0;
  return planBindings(p).inputs.map((index) => {
    const decl = p.buffers[index];
    if (decl === undefined) {
      return new Uint8Array(0);
    }
    const size = storageElementSize(decl.element);
    const granule = Math.max(4, size);
    const elements = decl.count > 0 ? decl.count : runtimeElements;
    const bytes = new Uint8Array(
      Math.ceil((elements * size) / granule) * granule,
    );
    for (let i = 0; i < bytes.length; i++) {
      state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
      bytes[i] = state >>> 24;
    }
    return bytes;
  });
}

function summary(result: Result<CpuRefRunResult>): unknown {
  return result.ok
    ? {
        outputs: result.value.outputs,
        steps: result.value.steps,
        oob: result.value.oob,
      }
    : { code: result.error.code };
}

describe('cpu-ref compilers', { tags: ['slow'] }, () => {
  const backends = COMPILERS.map(
    (compiler) => new CpuRefBackend({ compiler, maxSteps: 200_000 }),
  );

  it('agree on every generated program under every schedule', async () => {
    const tally = { ran: 0, failed: 0 };
    await fc.assert(
      fc.asyncProperty(
        arbitraryProgram(),
        fc.integer({ min: 0, max: 64 }),
        fc.integer({ min: 0, max: 0xffffffff }),
        fc.constantFrom<readonly [number, number, number]>(
          [1, 1, 1],
          [3, 1, 1],
          [2, 2, 1],
        ),
        async (generated, runtimeElements, seed, grid) => {
          const inputs = inputsFor(generated, runtimeElements, seed);
          for (const schedule of SCHEDULES) {
            const [closures, code] = await Promise.all(
              backends.map((backend) =>
                backend.run(
                  generated,
                  inputs,
                  { gridOverride: grid },
                  schedule,
                ),
              ),
            );
            if (closures === undefined || code === undefined) {
              throw new Error('two backends expected');
            }
            expect(code.ok && code.value.compiler).toBe(
              closures.ok ? 'generated' : false,
            );
            expect(summary(code)).toEqual(summary(closures));
            tally[closures.ok ? 'ran' : 'failed']++;
          }
        },
      ),
      { numRuns: 500 },
    );
    // The property means something only if most programs run to completion.
    expect(tally.ran).toBeGreaterThan(tally.failed * 4);
  });
});
