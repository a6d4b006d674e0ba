import { describe, expect, it } from 'vitest';
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
import {
  compareOutputs,
  operatorCases,
  seededInputs,
  transcendentalAgrees,
  usesTranscendental,
  WGSL_FEATURE_CORPUS,
} from '../src/index.ts';
import { sharedGpuBackend } from './gpu-backend.ts';

// The WebGPU backend against the CPU reference on the operator case tables and on the whole feature
// corpus of the WGSL emitter: integer and bool outputs byte for byte, f32 within docs/semantics.md's
// window, transcendental functions within WGSL's accuracy where WGSL bounds it. The corpus programs
// write each result to a fixed element, so they run as one invocation (every lane would write the same
// element, and the last writer would depend on the GPU's schedule), on seeded inputs.

// Corpus programs whose loops run past this many steps on their seeded inputs are not compared.
const STEP_BUDGET = 1 << 22;

let cpu: Promise<CpuRefBackend> | undefined;

// A CPU reference simulating the device's subgroup width, so that subgroup programs agree.
function referenceFor(gpu: WebGpuBackend): Promise<CpuRefBackend> {
  cpu ??= (async () => {
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
    return new CpuRefBackend({ subgroupWidth, maxSteps: STEP_BUDGET });
  })();
  return cpu;
}

async function runBoth(
  gpu: WebGpuBackend,
  p: Program,
  inputs: readonly Uint8Array[],
  config: DispatchConfig,
  skip: (note: string) => never,
): Promise<[readonly Uint8Array[], readonly Uint8Array[]] | undefined> {
  const reference = await referenceFor(gpu);
  const expected = await reference.dispatch(p, inputs, config);
  if (!expected.ok && expected.error.code === 'CPU_REF_STEP_LIMIT') {
    return skip(`runs past ${STEP_BUDGET} steps on these inputs`);
  }
  const found = await gpu.dispatch(p, inputs, { ...config, timeoutMs: 30_000 });
  if (!expected.ok || !found.ok) {
    expect(found.ok ? 'ok' : found.error.format()).toBe(
      expected.ok ? 'ok' : expected.error.format(),
    );
    return undefined;
  }
  return [expected.value.outputs, found.value.outputs];
}

// Lane by lane: input word i went through `op` into output word i.
function transcendentalMismatches(
  op: UnOp,
  input: Uint8Array,
  expected: Uint8Array,
  found: Uint8Array,
): string[] {
  const words = (bytes: Uint8Array): Uint32Array =>
    new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
  const [x, a, b] = [words(input), words(expected), words(found)];
  const hex = (w: number | undefined): string =>
    `0x${(w ?? 0).toString(16).padStart(8, '0')}`;
  return Array.from(a, (word, i) =>
    transcendentalAgrees(op, x[i] ?? 0, word, b[i] ?? 0)
      ? ''
      : `${op}(${hex(x[i])}): expected ${hex(word)}, found ${hex(b[i])}`,
  ).filter((line) => line !== '');
}

describe('WebGPU agrees with the CPU reference', { tags: ['gpu'] }, () => {
  it.for(operatorCases())('$name', async (entry, { skip }) => {
    const gpu = await sharedGpuBackend(skip);
    const missing = entry.requires.filter(
      (feature) => gpu.device?.features.has(feature) !== true,
    );
    if (missing.length > 0) {
      return skip(`the device lacks ${missing.join(' and ')}`);
    }
    const outputs = await runBoth(
      gpu,
      entry.program,
      entry.inputs,
      entry.config ?? {},
      skip,
    );
    if (outputs === undefined) {
      return;
    }
    const [expected, found] = outputs;
    if (entry.transcendental !== undefined) {
      expect(
        transcendentalMismatches(
          entry.transcendental,
          entry.inputs[0] ?? new Uint8Array(0),
          expected[0] ?? new Uint8Array(0),
          found[0] ?? new Uint8Array(0),
        ),
      ).toEqual([]);
      return;
    }
    expect(compareOutputs(entry.program, expected, found)).toEqual([]);
  });

  it.for(WGSL_FEATURE_CORPUS)('corpus: $name', async (entry, { skip }) => {
    const gpu = await sharedGpuBackend(skip);
    const missing = entry.requires.filter(
      (feature) => gpu.device?.features.has(feature) !== true,
    );
    if (missing.length > 0) {
      return skip(`the device lacks ${missing.join(' and ')}`);
    }
    if (entry.requires.includes('subgroups')) {
      // One invocation leaves most lanes of its subgroup empty, and shuffling from an empty lane is
      // indeterminate (docs/semantics.md); the subgroup cases run full subgroups instead.
      return skip('subgroup operations are compared in the subgroup cases');
    }
    if (usesTranscendental(entry.program)) {
      // Edge-value literals lie outside WGSL's bounded domains; the operator cases compare these
      // functions where WGSL bounds them.
      return skip(
        'transcendental functions are compared in the operator cases',
      );
    }
    let seed = 0;
    for (const char of entry.name) {
      seed = Math.imul(seed ^ char.charCodeAt(0), 0x01000193) >>> 0;
    }
    const config: DispatchConfig = {
      workgroupOverride: [1, 1, 1],
      gridOverride: [1, 1, 1],
    };
    // Loops bounded by input values need small integers to end: those programs run on such inputs.
    const reference = await referenceFor(gpu);
    const full = seededInputs(entry.program, seed);
    const probe = await reference.dispatch(entry.program, full, config);
    const inputs =
      !probe.ok && probe.error.code === 'CPU_REF_STEP_LIMIT'
        ? seededInputs(entry.program, seed, 64, true)
        : full;
    const outputs = await runBoth(gpu, entry.program, inputs, config, skip);
    if (outputs !== undefined) {
      expect(compareOutputs(entry.program, ...outputs)).toEqual([]);
    }
  });
});
