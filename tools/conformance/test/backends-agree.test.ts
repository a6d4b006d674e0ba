import { describe, expect, it } from 'vitest';
import type { WebGpuBackend } from '@vyre/driver-webgpu';
import {
  compareCase,
  compareCorpusProgram,
  operatorCases,
  referenceFor,
  WGSL_FEATURE_CORPUS,
  type CaseOutcome,
  type References,
} from '../src/index.ts';
import { sharedGpuBackend } from './gpu-backend.ts';

// The WebGPU backend against the CPU reference on the operator case tables and on the whole feature
// corpus of the WGSL emitter: integer and bool outputs byte for byte, f32 within docs/semantics.md's
// window, transcendental functions within WGSL's accuracy where WGSL bounds it, each element against
// the reference with subnormals kept or flushed (GPUs may flush them). What cannot be compared on this
// device is skipped with its reason.

let references: Promise<References> | undefined;

function expectAgreement(
  outcome: CaseOutcome,
  skip: (note: string) => never,
): void {
  if (outcome.kind === 'skipped') {
    skip(outcome.reason);
  }
  expect(outcome.kind === 'differ' ? outcome.details : []).toEqual([]);
}

async function backends(
  skip: (note: string) => never,
): Promise<[WebGpuBackend, References]> {
  const gpu = await sharedGpuBackend(skip);
  references ??= referenceFor(gpu);
  return [gpu, await references];
}

describe('WebGPU agrees with the CPU reference', { tags: ['gpu'] }, () => {
  it.for(operatorCases())('$name', async (entry, { skip }) => {
    const [gpu, cpu] = await backends(skip);
    expectAgreement(await compareCase(gpu, cpu, entry), skip);
  });

  it.for(WGSL_FEATURE_CORPUS)('corpus: $name', async (entry, { skip }) => {
    const [gpu, cpu] = await backends(skip);
    expectAgreement(await compareCorpusProgram(gpu, cpu, entry), skip);
  });
});
