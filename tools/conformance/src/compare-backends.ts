import { CpuRefBackend } from '@vyre/driver-cpu-ref';
import type { WebGpuBackend } from '@vyre/driver-webgpu';
import {
  outputBuffer,
  program,
  store,
  subgroupSize,
  u32,
  type DispatchConfig,
  type Program,
  type UnOp,
} from '@vyre/ir';
import type { ConformanceCase } from './operator-cases.ts';
import {
  compareOutputsWithAny,
  usesTranscendental,
} from './output-comparison.ts';
import { seededInputs } from './seeded-inputs.ts';
import { transcendentalAgrees } from './transcendental-accuracy.ts';
import type { CorpusProgram } from './wgsl-feature-corpus.ts';

// Runs one case on the WebGPU backend and on the CPU reference and says whether they agree.

/** How one comparison ended. */
export type CaseOutcome =
  | { readonly kind: 'agree' }
  | { readonly kind: 'differ'; readonly details: readonly string[] }
  | { readonly kind: 'skipped'; readonly reason: string };

/** Corpus programs whose loops run past this many steps on their inputs are not compared. */
export const STEP_BUDGET = 1 << 22;

/**
 * The CPU reference twice, subnormals kept and flushed, both simulating the subgroup width `gpu`
 * reports: a GPU result agrees when it matches either (GPUs may flush subnormals).
 */
export interface References {
  readonly keep: CpuRefBackend;
  readonly flush: CpuRefBackend;
}

/** The references for `gpu`. */
export async function referenceFor(gpu: WebGpuBackend): Promise<References> {
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
  return {
    keep: new CpuRefBackend({ subgroupWidth, maxSteps: STEP_BUDGET }),
    flush: new CpuRefBackend({
      subgroupWidth,
      maxSteps: STEP_BUDGET,
      subnormals: 'flush',
    }),
  };
}

function missingFeatures(
  gpu: WebGpuBackend,
  requires: readonly string[],
): string[] {
  return requires.filter(
    (feature) => gpu.device?.features.has(feature) !== true,
  );
}

async function runBoth(
  gpu: WebGpuBackend,
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
  const flushed = await references.flush.dispatch(p, inputs, config);
  const found = await gpu.dispatch(p, inputs, { ...config, timeoutMs: 30_000 });
  if (!expected.ok || !found.ok) {
    const a = expected.ok ? 'ok' : expected.error.code;
    const b = found.ok ? 'ok' : found.error.format();
    return a === (found.ok ? 'ok' : found.error.code)
      ? { kind: 'agree' }
      : { kind: 'differ', details: [`cpu-ref: ${a}; webgpu: ${b}`] };
  }
  return {
    kind: 'ran',
    expected: flushed.ok
      ? [expected.value.outputs, flushed.value.outputs]
      : [expected.value.outputs],
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
  gpu: WebGpuBackend,
  references: References,
  entry: ConformanceCase,
): Promise<CaseOutcome> {
  const missing = missingFeatures(gpu, entry.requires);
  if (missing.length > 0) {
    return {
      kind: 'skipped',
      reason: `the device lacks ${missing.join(' and ')}`,
    };
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
          (m) =>
            `${m.output}[${m.element}]: expected ${m.expected}, found ${m.found}`,
        )
      : transcendentalMismatches(
          entry.transcendental,
          entry.inputs[0] ?? new Uint8Array(0),
          ran.expected.map((outputs) => outputs[0] ?? new Uint8Array(0)),
          ran.found[0] ?? new Uint8Array(0),
        );
  return details.length === 0 ? { kind: 'agree' } : { kind: 'differ', details };
}

/**
 * Compares a corpus program as one invocation on seeded inputs (each corpus program writes its results
 * to fixed elements, so more lanes would race), retrying on small integers when its loops would not end.
 */
export async function compareCorpusProgram(
  gpu: WebGpuBackend,
  references: References,
  entry: CorpusProgram,
): Promise<CaseOutcome> {
  const missing = missingFeatures(gpu, entry.requires);
  if (missing.length > 0) {
    return {
      kind: 'skipped',
      reason: `the device lacks ${missing.join(' and ')}`,
    };
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
  ).map(
    (m) =>
      `${m.output}[${m.element}]: expected ${m.expected}, found ${m.found}`,
  );
  return details.length === 0 ? { kind: 'agree' } : { kind: 'differ', details };
}
