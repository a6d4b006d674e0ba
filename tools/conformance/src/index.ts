export {
  compareCase,
  compareCorpusProgram,
  referenceFor,
  STEP_BUDGET,
  type CaseOutcome,
  type References,
} from './compare-backends.ts';
// Backend conformance (private to this repository): programs with inputs that every backend must run to
// the CPU reference's bytes, within the comparison window of docs/semantics.md.

export {
  operatorCases,
  WITNESS_WORDS,
  type ConformanceCase,
} from './operator-cases.ts';
export {
  compareOutputs,
  compareOutputsWithAny,
  ulpBudget,
  usesTranscendental,
  type OutputMismatch,
} from './output-comparison.ts';
export { seededInputs } from './seeded-inputs.ts';
export {
  allowedError,
  transcendentalAgrees,
} from './transcendental-accuracy.ts';
export {
  WGSL_FEATURE_CORPUS,
  type CorpusFeature,
  type CorpusProgram,
} from './wgsl-feature-corpus.ts';
