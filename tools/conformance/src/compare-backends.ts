import { CpuRefBackend } from '@vyre/driver-cpu-ref';
import {
  outputBuffer,
  program,
  store,
  subgroupSize,
  u32,
  type DispatchConfig,
  type Program,
  type UnOp,
  type VyreBackend,
} from '@vyre/ir';
import type { ConformanceCase } from './operator-cases.ts';
import type { Repro } from './repro.ts';
import {
  compareOutputsWithAny,
  describeMismatch,
  usesTranscendental,
} from './output-comparison.ts';
import { seededInputs } from './seeded-inputs.ts';
import { transcendentalAgrees } from './transcendental-accuracy.ts';
import type { CorpusFeature, CorpusProgram } from './wgsl-feature-corpus.ts';

// Runs one case on a backend (WebGPU, or any other) and on the CPU reference and says whether they agree.

/** How one comparison ended. */
export type CaseOutcome =
  | { readonly kind: 'agree' }
  | { readonly kind: 'differ'; readonly details: readonly string[] }
  | { readonly kind: 'skipped'; readonly reason: string };

/** Corpus programs whose loops run past this many steps on their inputs are not compared. */
export const STEP_BUDGET = 1 << 22;

/**
 * The CPU reference as pinned (`keep`: subnormals kept, `fma` rounded once) and in the variants a GPU
 * may legally follow (`alternatives`: subnormals flushed, `fma` rounded twice, and both), all simulating
 * the subgroup width `gpu` reports. A GPU result agrees when it matches any of them.
 */
export interface References {
  readonly keep: CpuRefBackend;
  readonly alternatives: readonly CpuRefBackend[];
  /**
   * The reference counting f32 arithmetic GPUs are not bound to reproduce (infinities and NaNs,
   * underflow, absorption; see `trackUnbound`): a run that has any is not comparable.
   */
  readonly unboundCheck: CpuRefBackend;
}

/** The references for `gpu`. */
export async function referenceFor(gpu: VyreBackend): Promise<References> {
  let subgroupWidth = 32;
  if (gpu.capabilities.subgroups) {
    const width = program({
      workgroupSize: [1, 1, 1],
      buffers: [outputBuffer('width', 0, 'u32', 1)],
      entry: [store('width', u32(0), subgroupSize())],
    });
    const measured = await gpu.dispatch(width, []);
    const bytes = measured.ok ? measured.value.outputs[0] : undefined;
    subgroupWidth =
      bytes === undefined ? 32 : (new Uint32Array(bytes.buffer)[0] ?? 32);
  }
  const base = { subgroupWidth, maxSteps: STEP_BUDGET };
  return {
    keep: new CpuRefBackend(base),
    alternatives: [
      new CpuRefBackend({ ...base, subnormals: 'flush' }),
      new CpuRefBackend({ ...base, fma: 'separate' }),
      new CpuRefBackend({ ...base, subnormals: 'flush', fma: 'separate' }),
    ],
    unboundCheck: new CpuRefBackend({ ...base, trackUnbound: true }),
  };
}

/** The outputs of every alternative reference that ran (see {@link References}). */
export async function alternativeOutputs(
  references: References,
  p: Program,
  inputs: readonly Uint8Array[],
  config: DispatchConfig,
): Promise<Array<readonly Uint8Array[]>> {
  const outputs: Array<readonly Uint8Array[]> = [];
  for (const reference of references.alternatives) {
    const result = await reference.dispatch(p, inputs, config);
    if (result.ok) {
      outputs.push(result.value.outputs);
    }
  }
  return outputs;
}

/** Skipped, with the reason, when the backend lacks a feature the case requires. */
export function skipForFeatures(
  backend: VyreBackend,
  requires: readonly CorpusFeature[],
): CaseOutcome | undefined {
  const has = (feature: CorpusFeature): boolean =>
    feature === 'subgroups'
      ? backend.capabilities.subgroups
      : backend.capabilities.shaderF16;
  const missing = requires.filter((feature) => !has(feature));
  return missing.length === 0
    ? undefined
    : { kind: 'skipped', reason: `the backend lacks ${missing.join(' and ')}` };
}

function outcomeOf(details: readonly string[]): CaseOutcome {
  return details.length === 0 ? { kind: 'agree' } : { kind: 'differ', details };
}

async function runBoth(
  gpu: VyreBackend,
  references: References,
  p: Program,
  inputs: readonly Uint8Array[],
  config: DispatchConfig,
): Promise<
  | {
      readonly kind: 'ran';
      readonly expected: readonly (readonly Uint8Array[])[];
      readonly found: readonly Uint8Array[];
    }
  | CaseOutcome
> {
  const expected = await references.keep.dispatch(p, inputs, config);
  if (!expected.ok && expected.error.code === 'CPU_REF_STEP_LIMIT') {
    return {
      kind: 'skipped',
      reason: `runs past ${STEP_BUDGET} steps on these inputs`,
    };
  }
  const found = await gpu.dispatch(p, inputs, { ...config, timeoutMs: 30_000 });
  if (!expected.ok || !found.ok) {
    const a = expected.ok ? 'ok' : expected.error.code;
    const b = found.ok ? 'ok' : found.error.format();
    return a === (found.ok ? 'ok' : found.error.code)
      ? { kind: 'agree' }
      : { kind: 'differ', details: [`cpu-ref: ${a}; ${gpu.id}: ${b}`] };
  }
  return {
    kind: 'ran',
    expected: [
      expected.value.outputs,
      ...(await alternativeOutputs(references, p, inputs, config)),
    ],
    found: found.value.outputs,
  };
}

// Lane by lane: input word i went through `op` into output word i of any of the references.
function transcendentalMismatches(
  op: UnOp,
  input: Uint8Array,
  expected: readonly Uint8Array[],
  found: Uint8Array,
): string[] {
  const words = (bytes: Uint8Array): Uint32Array =>
    new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
  const [x, b] = [words(input), words(found)];
  const references = expected.map(words);
  const hex = (w: number | undefined): string =>
    `0x${(w ?? 0).toString(16).padStart(8, '0')}`;
  return Array.from(b, (word, i) =>
    references.some((a) => transcendentalAgrees(op, x[i] ?? 0, a[i] ?? 0, word))
      ? ''
      : `${op}(${hex(x[i])}): expected ${hex(references[0]?.[i])}, found ${hex(word)}`,
  ).filter((line) => line !== '');
}

/** Compares an operator case: the ULP window, or WGSL's accuracy for a transcendental function. */
export async function compareCase(
  gpu: VyreBackend,
  references: References,
  entry: ConformanceCase,
): Promise<CaseOutcome> {
  const skipped = skipForFeatures(gpu, entry.requires);
  if (skipped !== undefined) {
    return skipped;
  }
  const ran = await runBoth(
    gpu,
    references,
    entry.program,
    entry.inputs,
    entry.config ?? {},
  );
  if (ran.kind !== 'ran') {
    return ran;
  }
  const details =
    entry.transcendental === undefined
      ? compareOutputsWithAny(entry.program, ran.expected, ran.found).map(
          describeMismatch,
        )
      : transcendentalMismatches(
          entry.transcendental,
          entry.inputs[0] ?? new Uint8Array(0),
          ran.expected.map((outputs) => outputs[0] ?? new Uint8Array(0)),
          ran.found[0] ?? new Uint8Array(0),
        );
  return outcomeOf(details);
}

/**
 * Compares a corpus program as one invocation on seeded inputs (each corpus program writes its results
 * to fixed elements, so more lanes would race), retrying on small integers when its loops would not end.
 */
export async function compareCorpusProgram(
  gpu: VyreBackend,
  references: References,
  entry: CorpusProgram,
): Promise<CaseOutcome> {
  const skipped = skipForFeatures(gpu, entry.requires);
  if (skipped !== undefined) {
    return skipped;
  }
  if (entry.requires.includes('subgroups')) {
    // One invocation leaves most lanes of its subgroup empty, and shuffling from an empty lane is
    // indeterminate (docs/semantics.md); the subgroup cases run full subgroups instead.
    return {
      kind: 'skipped',
      reason: 'subgroup operations are compared in the subgroup cases',
    };
  }
  if (usesTranscendental(entry.program)) {
    // Edge-value literals lie outside WGSL's bounded domains; the operator cases compare these
    // functions where WGSL bounds them.
    return {
      kind: 'skipped',
      reason: 'transcendental functions are compared in the operator cases',
    };
  }
  let seed = 0;
  for (const char of entry.name) {
    seed = Math.imul(seed ^ char.charCodeAt(0), 0x01000193) >>> 0;
  }
  const config: DispatchConfig = {
    workgroupOverride: [1, 1, 1],
    gridOverride: [1, 1, 1],
  };
  const full = seededInputs(entry.program, seed);
  const probe = await references.keep.dispatch(entry.program, full, config);
  const inputs =
    !probe.ok && probe.error.code === 'CPU_REF_STEP_LIMIT'
      ? seededInputs(entry.program, seed, 64, true)
      : full;
  const ran = await runBoth(gpu, references, entry.program, inputs, config);
  if (ran.kind !== 'ran') {
    return ran;
  }
  const details = compareOutputsWithAny(
    entry.program,
    ran.expected,
    ran.found,
  ).map(describeMismatch);
  return outcomeOf(details);
}

/**
 * Runs a repro (a regression case) on both backends and compares the outputs within the window; a
 * difference in a run whose f32 arithmetic GPUs are not bound to reproduce (see `trackUnbound`) is not
 * comparable and skips with that reason, as in differential testing.
 */
export async function compareRepro(
  gpu: VyreBackend,
  references: References,
  repro: Repro,
): Promise<CaseOutcome> {
  const config: DispatchConfig = { gridOverride: repro.grid };
  const ran = await runBoth(
    gpu,
    references,
    repro.program,
    repro.inputs,
    config,
  );
  if (ran.kind !== 'ran') {
    return ran;
  }
  const details = compareOutputsWithAny(
    repro.program,
    ran.expected,
    ran.found,
  ).map(describeMismatch);
  if (details.length > 0) {
    const checked = await references.unboundCheck.run(
      repro.program,
      repro.inputs,
      config,
    );
    if (checked.ok && (checked.value.unbound ?? 0) > 0) {
      return {
        kind: 'skipped',
        reason: `not comparable on this device: its f32 arithmetic is not bound on GPUs (${details[0] ?? ''})`,
      };
    }
  }
  return outcomeOf(details);
}
