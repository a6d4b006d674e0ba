import type { Workload } from './workload.ts';

// What a run of the workload leaves behind, as bytes: every strategy is judged by these, byte for byte.

/** The data buffers after a run: `data`, `hist` and `sums`, as little-endian bytes. */
export interface WorkloadOutputs {
  readonly data: Uint8Array;
  readonly hist: Uint8Array;
  readonly sums: Uint8Array;
}

// Views, not copies: a run copies the read-write bytes it is given (and uploads copy them to the
// device), so the workload's arrays are never written, as (a) and (b) upload straight from them.
const bytesOf = (words: Uint32Array): Uint8Array =>
  new Uint8Array(words.buffer, words.byteOffset, words.byteLength);

/** The workload's initial `data`, `hist` and `sums` as bytes (views), in the megakernel's data-buffer order. */
export function initialBytes(workload: Workload): Uint8Array[] {
  return [
    bytesOf(workload.data),
    bytesOf(workload.hist),
    bytesOf(workload.sums),
  ];
}

/**
 * The first difference between two runs' outputs, as a sentence, or undefined when they are equal byte
 * for byte.
 */
export function outputsDifference(
  actual: WorkloadOutputs,
  expected: WorkloadOutputs,
): string | undefined {
  for (const name of ['data', 'hist', 'sums'] as const) {
    const a = actual[name];
    const e = expected[name];
    if (a.byteLength !== e.byteLength) {
      return `${name} is ${a.byteLength} bytes: expected ${e.byteLength}.`;
    }
    for (let i = 0; i < a.byteLength; i++) {
      if (a[i] !== e[i]) {
        const word = Math.floor(i / 4);
        return `${name} word ${word} differs at byte ${i}: expected ${String(e[i])}, found ${String(a[i])}.`;
      }
    }
  }
  return undefined;
}

/** Zeroed storage for one run's outputs (runs given it as `outputs` write their results into it). */
export function allocateOutputs(workload: Workload): WorkloadOutputs {
  return {
    data: new Uint8Array(workload.data.byteLength),
    hist: new Uint8Array(workload.hist.byteLength),
    sums: new Uint8Array(workload.sums.byteLength),
  };
}
