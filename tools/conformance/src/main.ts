import { WebGpuBackend } from '@vyre/driver-webgpu';
import {
  compareCase,
  compareCorpusProgram,
  referenceFor,
  type CaseOutcome,
} from './compare-backends.ts';
import { operatorCases } from './operator-cases.ts';
import { WGSL_FEATURE_CORPUS } from './wgsl-feature-corpus.ts';

// Runs the conformance cases on this machine's WebGPU adapter and prints what differs from the CPU
// reference (for GPUs that CI does not have), and what it skipped and why. Exit code 1 when anything
// differs.
// Run: pnpm --filter @vyre/conformance conform   (or a bundle of this file on a GPU machine)

const created = await WebGpuBackend.create();
if (!created.ok) {
  console.error(created.error.format());
  process.exit(1);
}
const gpu: WebGpuBackend = created.value;
const references = await referenceFor(gpu);
const tally = { agree: 0, differ: 0, skipped: 0 };
const report = (name: string, outcome: CaseOutcome): void => {
  tally[outcome.kind]++;
  if (outcome.kind === 'differ') {
    console.log(`DIFFER ${name}`);
    outcome.details.slice(0, 4).forEach((line) => console.log(`  ${line}`));
  } else if (outcome.kind === 'skipped') {
    console.log(`skip   ${name}: ${outcome.reason}`);
  }
};
for (const entry of operatorCases()) {
  report(entry.name, await compareCase(gpu, references, entry));
}
for (const entry of WGSL_FEATURE_CORPUS) {
  report(
    `corpus: ${entry.name}`,
    await compareCorpusProgram(gpu, references, entry),
  );
}
console.log(
  `${gpu.adapter?.description ?? 'adapter'}: ${tally.agree} agree, ${tally.differ} differ, ${tally.skipped} skipped`,
);
gpu.dispose();
process.exitCode = tally.differ > 0 ? 1 : 0;
