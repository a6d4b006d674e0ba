import { ok, type Result } from '@vyre/foundation';
import {
  referenceFor,
  skipForFeatures,
  type CaseOutcome,
} from './compare-backends.ts';
import { conformanceCases, type SuiteOptions } from './conformance-suite.ts';
import type {
  BackendFactory,
  CaseFamily,
  SuiteCase,
  SuiteContext,
} from './suite-case.ts';

// Runs the conformance suite against a backend made by a factory: a backend author's one call to know
// they are done (docs/backends.md).

/** How one case of a run ended. */
export interface CaseResult {
  readonly family: CaseFamily;
  readonly name: string;
  readonly outcome: CaseOutcome;
  readonly elapsedMs: number;
}

/** What a conformance run found. */
export interface ConformanceReport {
  /** The id of the backend under test. */
  readonly backend: string;
  readonly results: readonly CaseResult[];
  readonly agree: number;
  readonly differ: number;
  readonly skipped: number;
  readonly elapsedMs: number;
}

/** Options for {@link runConformance}. */
export interface ConformanceOptions extends SuiteOptions {
  /** Only the cases this accepts run (default: every case of the selected families). */
  readonly filter?: (entry: SuiteCase) => boolean;
  /** Called after each case, for progress output. */
  readonly onResult?: (result: CaseResult, done: number, total: number) => void;
}

/**
 * Runs one case: skipped when the backend lacks a capability it needs; an exception is a difference
 * (a conforming backend returns its errors).
 */
export async function runSuiteCase(
  entry: SuiteCase,
  context: SuiteContext,
): Promise<CaseOutcome> {
  const skipped = skipForFeatures(context.backend, entry.requires);
  if (skipped !== undefined) {
    return skipped;
  }
  try {
    return await entry.run(context);
  } catch (thrown) {
    return {
      kind: 'differ',
      details: [
        `threw ${thrown instanceof Error ? (thrown.stack ?? thrown.message) : String(thrown)}`,
      ],
    };
  }
}

/**
 * Creates a backend with `factory`, runs the conformance suite against it (the CPU reference is the
 * oracle where a family compares with it), disposes it and reports every case. The backend conforms
 * when `differ` is 0; skipped cases say why they did not run.
 *
 * @param factory - makes the backend under test (called again by the lifecycle cases)
 * @param options - which families and cases to run, and progress
 */
export async function runConformance(
  factory: BackendFactory,
  options: ConformanceOptions = {},
): Promise<Result<ConformanceReport>> {
  const started = performance.now();
  const made = await factory();
  if (!made.ok) {
    return made;
  }
  const backend = made.value;
  const context: SuiteContext = {
    backend,
    references: await referenceFor(backend),
    factory,
  };
  const cases = conformanceCases(options).filter(
    (entry) => options.filter?.(entry) ?? true,
  );
  const results: CaseResult[] = [];
  const tally = { agree: 0, differ: 0, skipped: 0 };
  try {
    for (const entry of cases) {
      const caseStarted = performance.now();
      const outcome = await runSuiteCase(entry, context);
      const result: CaseResult = {
        family: entry.family,
        name: entry.name,
        outcome,
        elapsedMs: performance.now() - caseStarted,
      };
      tally[outcome.kind] += 1;
      results.push(result);
      options.onResult?.(result, results.length, cases.length);
    }
  } finally {
    backend.dispose();
  }
  return ok({
    backend: backend.id,
    results,
    ...tally,
    elapsedMs: performance.now() - started,
  });
}
