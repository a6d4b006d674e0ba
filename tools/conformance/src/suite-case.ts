import type { Result } from '@vyre/foundation';
import type { DispatchConfig, Program, VyreBackend } from '@vyre/ir';
import type { CaseOutcome, References } from './compare-backends.ts';
import type { CorpusFeature } from './wgsl-feature-corpus.ts';

// The shape of the conformance suite: named cases in families, each run against a backend.

/**
 * The case families of the conformance suite, in the order they run.
 *
 * - `node-kinds`: every statement and expression kind, against values computed independently
 * - `workgroup-memory`: barriers and workgroup buffers across several workgroups
 * - `atomics`: every atomic operation under contention, checked on schedule-independent results
 * - `out-of-bounds`: loads, stores and atomics past the end of storage and workgroup buffers
 * - `grid-inference`: the grid a dispatch runs, with and without overrides
 * - `binding-abi`: input and output order, roles, sizes, packing and read-back ranges
 * - `resident`: resident buffers, sequences and caller-owned output storage
 * - `lifecycle`: a fresh backend's state, recovery and use after dispose
 * - `bad-inputs`: bad input gives the same stable code on every backend
 * - `operators`: every operator, cast, atomic and subgroup operation over the witness values, against
 *   the CPU reference
 * - `corpus`: one program per WGSL construct the emitter produces, against the CPU reference
 * - `regressions`: every difference a backend once had (`regressions/`), against the CPU reference
 * - `differential`: generated programs against the CPU reference
 */
export const CASE_FAMILIES = [
  'node-kinds',
  'workgroup-memory',
  'atomics',
  'out-of-bounds',
  'grid-inference',
  'binding-abi',
  'resident',
  'lifecycle',
  'bad-inputs',
  'operators',
  'corpus',
  'regressions',
  'differential',
] as const;

/** One family of {@link CASE_FAMILIES}. */
export type CaseFamily = (typeof CASE_FAMILIES)[number];

/** Creates the backend under test; the suite may call it more than once (lifecycle cases dispose theirs). */
export type BackendFactory = () => Promise<Result<VyreBackend>>;

/** What a case runs with. */
export interface SuiteContext {
  /** The backend under test, shared by the cases of one run. */
  readonly backend: VyreBackend;
  /** The CPU reference as the backend's results are compared with it (see `referenceFor`). */
  readonly references: References;
  /** Makes another backend like the one under test, for cases that must dispose theirs. */
  readonly factory: BackendFactory;
}

/** One named case of the suite. */
export interface SuiteCase {
  readonly family: CaseFamily;
  readonly name: string;
  /** Backend capabilities the case needs; without them it is skipped with the reason. */
  readonly requires: readonly CorpusFeature[];
  /** The one dispatch the case makes, when it makes one (for checks of the suite itself, such as races). */
  readonly dispatch?: {
    readonly program: Program;
    readonly inputs: readonly Uint8Array[];
    readonly config?: DispatchConfig;
    /** Its outputs depend on the lane order, by design (a property of them is checked). */
    readonly orderDependent?: boolean;
  };
  /** Runs the case; never throws for a backend that returns its errors. */
  readonly run: (context: SuiteContext) => Promise<CaseOutcome>;
}
