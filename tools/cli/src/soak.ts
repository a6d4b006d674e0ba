import { ok, type Result } from '@vyre/foundation';
import type { ResidentBuffer, VyreBackend } from '@vyre/ir';
import {
  allocateOutputs,
  allocateWorkloadResident,
  makeWorkload,
  outputsDifference,
  quantile,
  runWorkloadOnMegakernel,
  workloadMegakernel,
  type WorkloadOutputs,
} from '@vyre/megakernel-demo';
import { SlotBatch } from '@vyre/runtime';

// `vyre soak`: the demo workload run again and again on one megakernel, over resident data into reused
// output storage, until a time or run limit; every run checked against the CPU reference's bytes, and the
// process's memory watched, so that a slow leak or a rare wrong result shows before production does.

/** When to stop. */
export interface SoakLimits {
  /** Stop after this many milliseconds. */
  readonly ms: number;
  /** Stop after this many runs. */
  readonly runs: number;
}

/** What a soak found. */
export interface SoakReport {
  readonly backend: string;
  readonly items: number;
  readonly runs: number;
  readonly elapsedMs: number;
  /** Runs whose bytes differed from the reference, or that left items unprocessed. */
  readonly mismatchedRuns: number;
  /** The first mismatch, if any. */
  readonly firstMismatch?: string;
  /** The error that stopped the soak, if any (its formatted text). */
  readonly error?: string;
  readonly runMs: {
    readonly p50: number;
    readonly p99: number;
    readonly max: number;
  };
  readonly memory: {
    readonly rssStartBytes: number;
    readonly rssEndBytes: number;
    readonly rssMaxBytes: number;
    readonly heapStartBytes: number;
    readonly heapEndBytes: number;
  };
}

/**
 * Soaks `backend` with the demo workload of `n` items until `limits`, checking every run against
 * `reference`'s bytes; `onProgress` hears of every run.
 *
 * @returns the report (a run error ends the soak and is in the report), or the error of preparing it
 */
export async function soak(
  backend: VyreBackend,
  reference: VyreBackend,
  n: number,
  limits: SoakLimits,
  onProgress: (runs: number, elapsedMs: number) => void,
): Promise<Result<SoakReport>> {
  const workload = makeWorkload(n);
  const oracle = workloadMegakernel(reference, n);
  if (!oracle.ok) {
    return oracle;
  }
  const expected = await runWorkloadOnMegakernel(oracle.value, workload);
  if (!expected.ok) {
    return expected;
  }
  const mk = workloadMegakernel(backend, n);
  if (!mk.ok) {
    return mk;
  }
  const batch = SlotBatch.encode(workload.items, 0);
  if (!batch.ok) {
    return batch;
  }
  const resident = await allocateWorkloadResident(backend, workload);
  if (!resident.ok) {
    return resident;
  }
  const outputs = allocateOutputs(workload); // the storage every run reads into
  try {
    return ok(
      await loop(
        backend,
        n,
        limits,
        onProgress,
        (): ReturnType<typeof runWorkloadOnMegakernel> =>
          runWorkloadOnMegakernel(mk.value, workload, {
            batch: batch.value,
            outputs,
            resident: resident.value,
          }),
        expected.value.outputs,
      ),
    );
  } finally {
    freeAll(backend, resident.value);
  }
}

function freeAll(
  backend: VyreBackend,
  buffers: readonly ResidentBuffer[],
): void {
  for (const buffer of buffers) {
    backend.freeResident(buffer);
  }
}

async function loop(
  backend: VyreBackend,
  n: number,
  limits: SoakLimits,
  onProgress: (runs: number, elapsedMs: number) => void,
  runOnce: () => ReturnType<typeof runWorkloadOnMegakernel>,
  expected: WorkloadOutputs,
): Promise<SoakReport> {
  const started = performance.now();
  const startMemory = process.memoryUsage();
  let rssMax = startMemory.rss;
  const samples: number[] = [];
  let mismatched = 0;
  let firstMismatch: string | undefined;
  let error: string | undefined;
  while (
    samples.length < limits.runs &&
    performance.now() - started < limits.ms
  ) {
    const runStart = performance.now();
    const run = await runOnce();
    samples.push(performance.now() - runStart);
    if (!run.ok) {
      error = run.error.format();
      break;
    }
    const difference =
      run.value.report.itemsProcessed === n
        ? outputsDifference(run.value.outputs, expected)
        : `a run processed ${run.value.report.itemsProcessed} of ${n} items.`;
    if (difference !== undefined) {
      mismatched++;
      firstMismatch ??= `run ${samples.length}: ${difference}`;
    }
    if (samples.length % 64 === 0) {
      rssMax = Math.max(rssMax, process.memoryUsage().rss);
    }
    onProgress(samples.length, performance.now() - started);
  }
  const endMemory = process.memoryUsage();
  return {
    backend: backend.id,
    items: n,
    runs: samples.length,
    elapsedMs: performance.now() - started,
    mismatchedRuns: mismatched,
    ...(firstMismatch === undefined ? {} : { firstMismatch }),
    ...(error === undefined ? {} : { error }),
    runMs: {
      p50: quantile(samples, 0.5),
      p99: quantile(samples, 0.99),
      max: samples.length === 0 ? NaN : Math.max(...samples),
    },
    memory: {
      rssStartBytes: startMemory.rss,
      rssEndBytes: endMemory.rss,
      rssMaxBytes: Math.max(rssMax, endMemory.rss),
      heapStartBytes: startMemory.heapUsed,
      heapEndBytes: endMemory.heapUsed,
    },
  };
}
