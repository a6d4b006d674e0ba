import type { DispatchConfig, Program, VyreBackend } from '@vyre/ir';
import type { CaseOutcome } from './compare-backends.ts';
import type { CaseFamily, SuiteCase } from './suite-case.ts';
import type { CorpusFeature } from './wgsl-feature-corpus.ts';

// Cases whose outputs are known in advance: computed by hand or by plain JavaScript, not by any
// backend, so they check the CPU reference as much as any other backend.

/** A dispatch and what its outputs must be. */
export interface ExpectedRun {
  readonly program: Program;
  readonly inputs: readonly Uint8Array[];
  readonly config?: DispatchConfig;
  /** The exact bytes of every output, in binding-ABI order. */
  readonly expected?: readonly Uint8Array[];
  /**
   * For results that only a property pins (for example which lane won a compare-exchange): the
   * problems with `outputs`, none when they are right. Runs after `expected`, when both are given.
   */
  readonly check?: (outputs: readonly Uint8Array[]) => string[];
  /**
   * The outputs depend on the order lanes run in (which lane wins a compare-exchange); `check` tests a
   * property that does not. Other cases must not race.
   */
  readonly orderDependent?: boolean;
}

/** The config of a single-invocation program: one workgroup (inference would run one per output element). */
export const ONE_INVOCATION: DispatchConfig = { gridOverride: [1, 1, 1] };

/** The bytes of 32-bit words, little-endian. */
export function words(values: readonly number[]): Uint8Array {
  return new Uint8Array(Uint32Array.from(values, (v) => v >>> 0).buffer);
}

/** The 32-bit words of `bytes` (a whole number of words). */
export function wordsOf(bytes: Uint8Array | undefined): number[] {
  if (bytes === undefined) {
    return [];
  }
  const copy = bytes.slice();
  return Array.from(
    new Uint32Array(copy.buffer, 0, Math.floor(copy.byteLength / 4)),
  );
}

/** The bytes of f32 values. */
export function f32Words(values: readonly number[]): Uint8Array {
  return new Uint8Array(Float32Array.from(values).buffer);
}

/** 0, 1, ..., n - 1. */
export function iota(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

const hex = (byte: number | undefined, digits: number): string =>
  byte === undefined
    ? 'nothing'
    : `0x${byte.toString(16).padStart(digits, '0')}`;

// The first few differing elements of one output: by word when both sides are whole words.
function outputProblems(
  index: number,
  expected: Uint8Array,
  found: Uint8Array,
): string[] {
  if (expected.byteLength !== found.byteLength) {
    return [
      `output ${index}: expected ${expected.byteLength} bytes, found ${found.byteLength}`,
    ];
  }
  const byWord = expected.byteLength % 4 === 0;
  const [a, b, digits] = byWord
    ? [wordsOf(expected), wordsOf(found), 8]
    : [Array.from(expected), Array.from(found), 2];
  const problems: string[] = [];
  a.forEach((value, i) => {
    if (value !== b[i] && problems.length < 4) {
      problems.push(
        `output ${index} ${byWord ? 'word' : 'byte'} ${i}: expected ${hex(value, digits)}, found ${hex(b[i], digits)}`,
      );
    }
  });
  return problems;
}

/** Runs `run` on `backend` and compares its outputs with what they must be. */
export async function runExpected(
  backend: VyreBackend,
  run: ExpectedRun,
): Promise<CaseOutcome> {
  const result = await backend.dispatch(
    run.program,
    run.inputs,
    run.config ?? {},
  );
  if (!result.ok) {
    return {
      kind: 'differ',
      details: [`expected outputs, found ${result.error.format()}`],
    };
  }
  const { outputs } = result.value;
  const details: string[] = [];
  if (run.expected !== undefined) {
    if (outputs.length !== run.expected.length) {
      details.push(
        `expected ${run.expected.length} outputs, found ${outputs.length}`,
      );
    }
    run.expected.forEach((bytes, i) => {
      details.push(
        ...outputProblems(i, bytes, outputs[i] ?? new Uint8Array(0)),
      );
    });
  }
  if (details.length === 0 && run.check !== undefined) {
    details.push(...run.check(outputs));
  }
  return details.length === 0 ? { kind: 'agree' } : { kind: 'differ', details };
}

/** A suite case that runs `run` and compares its outputs with what they must be. */
export function expectedCase(
  family: CaseFamily,
  name: string,
  run: ExpectedRun,
  requires: readonly CorpusFeature[] = [],
): SuiteCase {
  return {
    family,
    name,
    requires,
    dispatch: run,
    run: (context) => runExpected(context.backend, run),
  };
}
