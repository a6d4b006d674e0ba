import fc from 'fast-check';
import type { DispatchConfig, VyreBackend } from '@vyre/ir';
import {
  arbitraryDifferentialCase,
  type DifferentialCase,
} from '@vyre/program-arbitraries';
import { alternativeOutputs, type References } from './compare-backends.ts';
import { addCoverage, type Coverage } from './coverage.ts';
import {
  compareOutputsWithAny,
  describeMismatch,
} from './output-comparison.ts';
import { toHex, type Repro } from './repro.ts';
import { seededInputs } from './seeded-inputs.ts';

// Generated programs on a backend (WebGPU, or any other) and on the CPU reference, compared within the window of
// docs/semantics.md. Programs the race check flags are not compared. The first mismatch is shrunk by
// fast-check to a small program and returned as a repro.

/** Options for {@link runDifferential}. */
export interface DifferentialOptions {
  /** Programs to generate. */
  readonly count: number;
  /** fast-check seed: the same seed generates the same programs. */
  readonly seed: number;
  /** Allow transcendental functions (default false: their bounds cover only part of f32). */
  readonly transcendentals?: boolean;
  /** Called after each generated program (not during shrinking). */
  readonly onProgress?: (done: number) => void;
}

/** What a differential run saw. */
export interface DifferentialSummary {
  readonly programs: number;
  readonly agree: number;
  /** Programs whose outputs depend on the lane order, not compared. */
  readonly racy: number;
  /** Programs that failed alike on both backends (for example a step limit), not compared. */
  readonly failedAlike: number;
  /**
   * Programs that differed after f32 arithmetic GPUs are not bound to reproduce: an infinity or NaN
   * (WGSL lets compilers assume none; lavapipe folds `x * 0.0` to 0 for infinite x), an underflow or an
   * absorbed operand (compilers reassociate with constants). Not counted as mismatches.
   */
  readonly indeterminate: number;
  /** The shrunk first mismatch, with what differed. */
  readonly mismatch?: {
    readonly repro: Repro;
    readonly details: readonly string[];
  };
  readonly coverage: Coverage;
  readonly elapsedMs: number;
}

// Shrink attempts before settling: shrinking a generated program can take tens of thousands of runs,
// and fast-check keeps each candidate's context alive meanwhile.
const SHRINK_RUNS = 400;

type Verdict =
  | { readonly kind: 'agree' | 'racy' | 'failedAlike' | 'indeterminate' }
  | {
      readonly kind: 'differ';
      readonly details: string[];
      readonly repro: Repro;
    };

async function judge(
  gpu: VyreBackend,
  references: References,
  entry: DifferentialCase,
  inputSeed: number,
): Promise<Verdict> {
  const { program, grid } = entry;
  const inputs = seededInputs(program, inputSeed, 64, true);
  const config: DispatchConfig = { gridOverride: grid };
  const race = await references.keep.raceCheck(program, inputs, config);
  if (race.ok && race.value.racy) {
    return { kind: 'racy' };
  }
  const expected = await references.keep.dispatch(program, inputs, config);
  const found = await gpu.dispatch(program, inputs, {
    ...config,
    timeoutMs: 20_000,
  });
  const repro = (details: string[]): Verdict => ({
    kind: 'differ',
    details,
    repro: {
      description: details.join('; '),
      program,
      grid,
      inputs,
      seed: inputSeed,
      a: expected.ok
        ? { backend: 'cpu-ref', outputs: expected.value.outputs.map(toHex) }
        : { backend: 'cpu-ref', error: expected.error.code },
      b: found.ok
        ? { backend: gpu.id, outputs: found.value.outputs.map(toHex) }
        : { backend: gpu.id, error: found.error.code },
    },
  });
  if (!expected.ok || !found.ok) {
    const [a, b] = [expected, found].map((r) => (r.ok ? 'ok' : r.error.code));
    return a === b
      ? { kind: 'failedAlike' }
      : repro([`cpu-ref: ${a}; ${gpu.id}: ${b}`]);
  }
  const candidates = [expected.value.outputs];
  let mismatches = compareOutputsWithAny(
    program,
    candidates,
    found.value.outputs,
  );
  if (mismatches.length > 0) {
    // A GPU may flush subnormals or round fma twice: compare with the references that do too.
    mismatches = compareOutputsWithAny(
      program,
      [
        ...candidates,
        ...(await alternativeOutputs(references, program, inputs, config)),
      ],
      found.value.outputs,
    );
  }
  if (mismatches.length > 0) {
    const checked = await references.unboundCheck.run(program, inputs, config);
    if (checked.ok && (checked.value.unbound ?? 0) > 0) {
      return { kind: 'indeterminate' };
    }
  }
  return mismatches.length === 0
    ? { kind: 'agree' }
    : repro(mismatches.map(describeMismatch));
}

/**
 * Generates `count` programs from `seed`, runs each on `gpu` (any backend) and on the CPU reference with seeded
 * inputs, and compares them; stops at the first mismatch and shrinks it.
 */
export async function runDifferential(
  gpu: VyreBackend,
  references: References,
  options: DifferentialOptions,
): Promise<DifferentialSummary> {
  const started = performance.now();
  const tally = {
    programs: 0,
    agree: 0,
    racy: 0,
    failedAlike: 0,
    indeterminate: 0,
  };
  const coverage: Coverage = new Map();
  let shrinking = false;
  let shrinkRuns = 0;
  const property = fc.asyncProperty(
    arbitraryDifferentialCase({
      transcendentals: options.transcendentals ?? false,
    }),
    fc.nat(),
    async (entry, inputSeed) => {
      if (shrinking && ++shrinkRuns > SHRINK_RUNS) {
        // Passing every further candidate ends the shrink at the smallest failure found so far.
        return true;
      }
      const verdict = await judge(gpu, references, entry, inputSeed);
      if (!shrinking) {
        tally.programs += 1;
        if (verdict.kind !== 'differ') {
          tally[verdict.kind] += 1;
          if (verdict.kind === 'agree') {
            addCoverage(coverage, entry.program);
          }
        }
        options.onProgress?.(tally.programs);
      }
      shrinking ||= verdict.kind === 'differ';
      return verdict.kind !== 'differ';
    },
  );
  const run = await fc.check(property, {
    numRuns: options.count,
    seed: options.seed,
  });
  // The shrunk counterexample, judged once more for its repro.
  const last =
    run.counterexample === null
      ? undefined
      : await judge(gpu, references, ...run.counterexample);
  return {
    ...tally,
    ...(last === undefined || last.kind !== 'differ'
      ? {}
      : { mismatch: { repro: last.repro, details: last.details } }),
    coverage,
    elapsedMs: performance.now() - started,
  };
}
