export {
  alternativeOutputs,
  compareCase,
  compareCorpusProgram,
  compareRepro,
  referenceFor,
  skipForFeatures,
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
export {
  parseRepro,
  stringifyRepro,
  toHex,
  type Repro,
  type ReproSide,
} from './repro.ts';
export { addCoverage, coverageByFamily, type Coverage } from './coverage.ts';
export {
  runDifferential,
  type DifferentialOptions,
  type DifferentialSummary,
} from './differential-run.ts';
export {
  badInputCases,
  checkBadInput,
  checkBadInputs,
  type BadInputCase,
} from './bad-input-cases.ts';
export {
  CASE_FAMILIES,
  type BackendFactory,
  type CaseFamily,
  type SuiteCase,
  type SuiteContext,
} from './suite-case.ts';
export {
  conformanceCases,
  type RegressionFile,
  type SuiteOptions,
} from './conformance-suite.ts';
export {
  runConformance,
  runSuiteCase,
  type CaseResult,
  type ConformanceOptions,
  type ConformanceReport,
} from './run-conformance.ts';
export { expectedCase, runExpected, type ExpectedRun } from './expected-run.ts';
