import { planBindings, type Program } from '@vyre/ir';
import type { Schedule } from './execute-dispatch.ts';
import type { NarrowStoreConflict } from './narrow-store-tracker.ts';

/** What the tracker of one run found. */
export interface NarrowStoreReport {
  readonly conflicts: readonly NarrowStoreConflict[];
  readonly words: number;
}

/**
 * One output that differs between two schedules.
 *
 * @public
 */
export interface ScheduleDifference {
  /** The output buffer's name. */
  readonly output: string;
  /** The output's position in the binding ABI's outputs. */
  readonly position: number;
  /** The first byte offset at which the two schedules disagree. */
  readonly firstDifferentByte: number;
  /** The two schedules compared. */
  readonly schedules: readonly [Schedule, Schedule];
}

/**
 * The result of a race check: whether any output depends on the order lanes run in, and where; and
 * whether unordered invocations write parts of one word of an 8- or 16-bit buffer, which a GPU can lose
 * (its store is a read-modify-write of the word) though no lane order on the CPU shows it.
 *
 * @public
 */
export interface RaceReport {
  /** True when any output differs between schedules or any narrow-store conflict was found. */
  readonly racy: boolean;
  /** The schedules that were run, in order. */
  readonly schedules: readonly Schedule[];
  /** Every output that differs from the first schedule's, per other schedule. */
  readonly differences: readonly ScheduleDifference[];
  /** The first narrow-store conflicts found (at most 16), in the first schedule's run. */
  readonly narrowStoreConflicts: readonly NarrowStoreConflict[];
  /** How many words had a narrow-store conflict. */
  readonly narrowStoreConflictWords: number;
}

/** Compares the outputs of each schedule with those of the first, and adds the narrow-store conflicts. */
export function compareSchedules(
  program: Program,
  schedules: readonly Schedule[],
  runs: ReadonlyArray<readonly Uint8Array[]>,
  narrow: NarrowStoreReport,
): RaceReport {
  const plan = planBindings(program);
  const [first, ...rest] = runs;
  const differences: ScheduleDifference[] = [];
  rest.forEach((outputs, run) => {
    outputs.forEach((bytes, position) => {
      const reference = first?.[position];
      const at = firstDifference(reference ?? new Uint8Array(0), bytes);
      if (at !== undefined) {
        const index = plan.outputs[position] ?? 0;
        differences.push({
          output: program.buffers[index]?.name ?? `output ${position}`,
          position,
          firstDifferentByte: at,
          schedules: [
            schedules[0] ?? 'sequential',
            schedules[run + 1] ?? 'sequential',
          ],
        });
      }
    });
  });
  return {
    racy: differences.length > 0 || narrow.words > 0,
    schedules,
    differences,
    narrowStoreConflicts: narrow.conflicts,
    narrowStoreConflictWords: narrow.words,
  };
}

function firstDifference(a: Uint8Array, b: Uint8Array): number | undefined {
  const length = Math.max(a.byteLength, b.byteLength);
  for (let i = 0; i < length; i++) {
    if (a[i] !== b[i]) {
      return i;
    }
  }
  return undefined;
}
