// fast-check arbitraries that generate valid vyre Programs, shared by the IR property tests and the
// differential tests. Private to this repository.

export {
  arbitraryProgram,
  type ProgramArbitraryOptions,
} from './program-arbitrary.ts';
export {
  arbitraryDifferentialCase,
  type DifferentialCase,
} from './differential-case.ts';
