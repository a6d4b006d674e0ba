import { validateProgram } from '@vyre/ir';
import { badInputCases, checkBadInput } from './bad-input-cases.ts';
import { atomicCases } from './cases-atomics.ts';
import { bindingAbiCases } from './cases-binding-abi.ts';
import { gridInferenceCases } from './cases-grid-inference.ts';
import { lifecycleCases } from './cases-lifecycle.ts';
import { nodeKindCases } from './cases-node-kinds.ts';
import { outOfBoundsCases } from './cases-out-of-bounds.ts';
import { residentCases } from './cases-resident.ts';
import { workgroupMemoryCases } from './cases-workgroup-memory.ts';
import {
  compareCase,
  compareCorpusProgram,
  compareRepro,
  type CaseOutcome,
} from './compare-backends.ts';
import { runDifferential } from './differential-run.ts';
import { operatorCases } from './operator-cases.ts';
import { parseRepro, stringifyRepro } from './repro.ts';
import {
  CASE_FAMILIES,
  type CaseFamily,
  type SuiteCase,
  type SuiteContext,
} from './suite-case.ts';
import { WGSL_FEATURE_CORPUS } from './wgsl-feature-corpus.ts';

// The whole suite: every family's cases, in CASE_FAMILIES order.

/** Options for {@link conformanceCases}. */
export interface SuiteOptions {
  /** The families to include (default: all of them). */
  readonly families?: readonly CaseFamily[];
  /** Generated programs in the differential family (default 200). */
  readonly differentialCount?: number;
  /** Seed of the differential family (default 20261121). */
  readonly differentialSeed?: number;
  /**
   * The regression repros to run (in Node, `readRegressions()` from `@vyre/conformance/node` reads this
   * package's `regressions/`); without them the family is one skipped case that says so.
   */
  readonly regressions?: readonly RegressionFile[];
}

/** A regression repro file: its name and its JSON text (`vyre.repro/v1`). */
export interface RegressionFile {
  readonly name: string;
  readonly text: string;
}

// Families that compare with the CPU reference compare nothing when the backend is the reference:
// its results are checked against independent oracles by its own tests and by the other families.
function againstReference(
  family: CaseFamily,
  name: string,
  requires: SuiteCase['requires'],
  run: (context: SuiteContext) => Promise<CaseOutcome>,
): SuiteCase {
  return {
    family,
    name,
    requires,
    run: async (context) =>
      context.backend.id === context.references.keep.id
        ? {
            kind: 'skipped',
            reason:
              'compares with the CPU reference, which is the backend under test',
          }
        : run(context),
  };
}

function regressionCases(
  files: readonly RegressionFile[] | undefined,
): SuiteCase[] {
  if (files === undefined || files.length === 0) {
    return [
      {
        family: 'regressions',
        name: 'regression repros',
        requires: [],
        run: () =>
          Promise.resolve({
            kind: 'skipped',
            reason:
              'no regression repros given (pass regressions: readRegressions() from @vyre/conformance/node)',
          }),
      },
    ];
  }
  return files.map((file) =>
    againstReference('regressions', file.name, [], async (context) => {
      const repro = parseRepro(file.text);
      if (typeof repro === 'string') {
        return { kind: 'differ', details: [`${file.name}: ${repro}`] };
      }
      // An invalid program fails alike everywhere and would compare as agreeing.
      if (!validateProgram(repro.program).ok) {
        return {
          kind: 'differ',
          details: [`${file.name}: the program is invalid`],
        };
      }
      return compareRepro(context.backend, context.references, repro);
    }),
  );
}

function familyCases(family: CaseFamily, options: SuiteOptions): SuiteCase[] {
  switch (family) {
    case 'node-kinds':
      return nodeKindCases();
    case 'workgroup-memory':
      return workgroupMemoryCases();
    case 'atomics':
      return atomicCases();
    case 'out-of-bounds':
      return outOfBoundsCases();
    case 'grid-inference':
      return gridInferenceCases();
    case 'binding-abi':
      return bindingAbiCases();
    case 'resident':
      return residentCases();
    case 'lifecycle':
      return lifecycleCases();
    case 'bad-inputs':
      return badInputCases().map((entry) => ({
        family,
        name: entry.name,
        requires: [],
        run: async ({ backend }) => {
          const problems = await checkBadInput(backend, entry);
          return problems.length === 0
            ? { kind: 'agree' }
            : { kind: 'differ', details: problems };
        },
      }));
    case 'operators':
      return operatorCases().map((entry) =>
        againstReference(family, entry.name, entry.requires, (context) =>
          compareCase(context.backend, context.references, entry),
        ),
      );
    case 'corpus':
      return WGSL_FEATURE_CORPUS.map((entry) =>
        againstReference(family, entry.name, entry.requires, (context) =>
          compareCorpusProgram(context.backend, context.references, entry),
        ),
      );
    case 'regressions':
      return regressionCases(options.regressions);
    case 'differential': {
      const count = options.differentialCount ?? 200;
      const seed = options.differentialSeed ?? 20261121;
      return [
        againstReference(
          family,
          `${count} generated programs from seed ${seed}`,
          [],
          async (context) => {
            const summary = await runDifferential(
              context.backend,
              context.references,
              { count, seed },
            );
            return summary.mismatch === undefined
              ? { kind: 'agree' }
              : {
                  kind: 'differ',
                  details: [
                    ...summary.mismatch.details,
                    `repro: ${stringifyRepro(summary.mismatch.repro)}`,
                  ],
                };
          },
        ),
      ];
    }
  }
}

/** The suite's cases, family by family. */
export function conformanceCases(options: SuiteOptions = {}): SuiteCase[] {
  const families = options.families ?? CASE_FAMILIES;
  return CASE_FAMILIES.filter((family) => families.includes(family)).flatMap(
    (family) => familyCases(family, options),
  );
}
