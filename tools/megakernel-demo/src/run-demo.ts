import { CpuRefBackend } from '@vyre/driver-cpu-ref';
import { err, invariant, ok, StackError, type Result } from '@vyre/foundation';
import type { ResidentBuffer, VyreBackend } from '@vyre/ir';
import { SlotBatch, type DrainReport, type Megakernel } from '@vyre/runtime';
import { demoTelemetry, type DemoTelemetry } from './demo-telemetry.ts';
import {
  allocateWorkloadResident,
  runWorkloadOnMegakernel,
  workloadMegakernel,
} from './megakernel-run.ts';
import { PerItemDispatcher } from './per-item-dispatch.ts';
import { strategyTiming, type StrategyTiming } from './strategy-timing.ts';
import {
  allocateOutputs,
  initialBytes,
  outputsDifference,
  type WorkloadOutputs,
} from './workload-outputs.ts';
import { makeWorkload, type Workload } from './workload.ts';

// The demo behind `vyre demo`: the workload on one megakernel, timed over a few runs after a warm-up
// run (which compiles the pipeline), every run checked byte for byte against the same megakernel on the
// CPU reference; with a GPUDevice, also strategy (a), one dispatch per item, on the same device.

/** What to run. */
export interface DemoOptions {
  /** Work items (at least 1). */
  readonly n: number;
  /** Timed runs per strategy after the warm-up run (default 3). */
  readonly reps?: number;
  /** The workload's seed (default 1). */
  readonly seed?: number;
  /**
   * The device of a WebGPU backend: strategy (a) runs on it too, for the ratio against the megakernel.
   * Absent on the CPU reference.
   */
  readonly perItemDevice?: GPUDevice;
  /** The oracle (default: a new CPU reference, disposed after the run). */
  readonly reference?: VyreBackend;
  /**
   * Called with 0 runs before the first, then after each run of either strategy (the reference run
   * included) with the runs so far.
   */
  readonly onProgress?: (done: number, total: number) => void;
}

/** Strategy (a) next to the megakernel. */
export interface PerItemComparison {
  readonly timing: StrategyTiming;
  /** (a)'s median over the megakernel's. */
  readonly ratio: number;
  /** Every run of (a) gave the reference's bytes. */
  readonly verified: boolean;
  /** The first difference from the reference, when not verified. */
  readonly mismatch?: string;
}

/** What the demo measured. */
export interface DemoReport {
  readonly items: number;
  /** The backend's id (`webgpu`, `cpu-ref`). */
  readonly backend: string;
  readonly slotCount: number;
  readonly workgroupSize: number;
  readonly workerGroups: number;
  /**
   * The megakernel ran over resident data (uploaded at the start of every run; per drain only the
   * control buffer and the ring move); false on a backend without resident buffers (host data).
   */
  readonly residentData: boolean;
  /** The megakernel's timed runs (the warm-up run is not among them). */
  readonly megakernel: StrategyTiming;
  /** Strategy (a), when a device was given. */
  readonly perItem: PerItemComparison | undefined;
  /** Wall time of the reference run, in milliseconds. */
  readonly referenceMs: number;
  /** Megakernel runs checked against the reference (the warm-up and every timed run). */
  readonly verifiedRuns: number;
  /** Every megakernel run processed every item and gave the reference's bytes. */
  readonly verified: boolean;
  /** Why it is not verified. */
  readonly mismatch?: string;
  /** The last megakernel run's report. */
  readonly report: DrainReport;
  /** The last megakernel run's telemetry. */
  readonly telemetry: DemoTelemetry;
}

const now = (): number => performance.now();

/**
 * Runs the demo workload of `options.n` items on `backend` and checks it against the CPU reference.
 *
 * @returns the report (`verified` false when a run differs from the reference or leaves items
 *   unprocessed), or the first error of building or running a megakernel, BACKEND_TIMEOUT when the
 *   reference itself cannot finish
 */
export async function runDemo(
  backend: VyreBackend,
  options: DemoOptions,
): Promise<Result<DemoReport>> {
  const { n } = options;
  const reps = options.reps ?? 3;
  // The CLI checks both; anything else calling with bad counts is a bug.
  invariant(
    Number.isSafeInteger(n) && n >= 1,
    () => `n to be an integer of at least 1, found ${String(n)}`,
  );
  invariant(
    Number.isSafeInteger(reps) && reps >= 1,
    () => `reps to be an integer of at least 1, found ${String(reps)}`,
  );
  const workload = makeWorkload(n, options.seed ?? 1);
  const device = options.perItemDevice;
  const total = 1 + (1 + reps) * (device === undefined ? 1 : 2);
  let done = 0;
  const step = (): void => {
    options.onProgress?.(++done, total);
  };
  options.onProgress?.(0, total);

  const reference = options.reference ?? new CpuRefBackend();
  let expected: WorkloadOutputs;
  const referenceStart = now();
  try {
    const mk = workloadMegakernel(reference, n);
    if (!mk.ok) {
      return mk;
    }
    const run = await runWorkloadOnMegakernel(mk.value, workload);
    if (!run.ok) {
      return run;
    }
    const { itemsProcessed, faulted, itemsRemaining } = run.value.report;
    if (itemsProcessed !== n) {
      return err(
        new StackError(
          'BACKEND_TIMEOUT',
          `the reference (${reference.id}) processed ${itemsProcessed} of ${n} items (${faulted.length} faulted, ${itemsRemaining} remaining after the runtime's 60 s limit): expected all of them.`,
          {
            hint: 'Run fewer items (--n): the CPU reference interprets every lane.',
          },
        ),
      );
    }
    expected = run.value.outputs;
  } finally {
    if (options.reference === undefined) {
      reference.dispose();
    }
  }
  const referenceMs = now() - referenceStart;
  step();

  const mk = workloadMegakernel(backend, n);
  if (!mk.ok) {
    return mk;
  }
  const prepared = await prepareRuns(mk.value, workload);
  if (!prepared.ok) {
    return prepared;
  }
  try {
    return await timeStrategies(mk.value, workload, prepared.value, {
      n,
      reps,
      device,
      expected,
      referenceMs,
      step,
    });
  } finally {
    for (const buffer of prepared.value.resident ?? []) {
      backend.freeResident(buffer);
    }
  }
}

/**
 * What the megakernel's runs reuse: the batch, the output storage and, where the backend has them,
 * resident buffers for the data.
 */
interface PreparedRuns {
  readonly batch: SlotBatch;
  readonly outputs: WorkloadOutputs;
  readonly resident: readonly ResidentBuffer[] | undefined;
}

// Like (a)'s pipelines and bind groups, what does not depend on the run is made once: the items
// encoded as a SlotBatch, the output storage, and resident buffers for the data (the data is uploaded
// into them at the start of every run, as (a) uploads it). A backend without resident buffers runs
// over host data.
async function prepareRuns(
  megakernel: Megakernel,
  workload: Workload,
): Promise<Result<PreparedRuns>> {
  const batch = SlotBatch.encode(workload.items, 0);
  if (!batch.ok) {
    return batch;
  }
  const resident = await allocateWorkloadResident(megakernel.backend, workload);
  if (!resident.ok && resident.error.code !== 'BACKEND_UNSUPPORTED') {
    return resident;
  }
  return ok({
    batch: batch.value,
    outputs: allocateOutputs(workload),
    resident: resident.ok ? resident.value : undefined,
  });
}

async function timeStrategies(
  kernel: Megakernel,
  workload: Workload,
  prepared: PreparedRuns,
  context: {
    readonly n: number;
    readonly reps: number;
    readonly device: GPUDevice | undefined;
    readonly expected: WorkloadOutputs;
    readonly referenceMs: number;
    readonly step: () => void;
  },
): Promise<Result<DemoReport>> {
  const { n, reps, device, expected, referenceMs, step } = context;
  const runOnce = () =>
    runWorkloadOnMegakernel(kernel, workload, {
      batch: prepared.batch,
      outputs: prepared.outputs,
      ...(prepared.resident === undefined
        ? {}
        : { resident: prepared.resident }),
    });
  let mismatch: string | undefined;
  const check = (report: DrainReport, outputs: WorkloadOutputs): void => {
    mismatch ??=
      report.itemsProcessed !== n
        ? `a run processed ${report.itemsProcessed} of ${n} items (${report.faulted.length} faulted, ${report.itemsRemaining} remaining).`
        : outputsDifference(outputs, expected);
  };
  const warm = await runOnce();
  if (!warm.ok) {
    return warm;
  }
  check(warm.value.report, warm.value.outputs);
  step();
  let last = warm.value;

  let perItem: PerItemDispatcher | undefined;
  let perItemMismatch: string | undefined;
  if (device !== undefined) {
    const made = await PerItemDispatcher.create(device, workload);
    if (!made.ok) {
      return made;
    }
    perItem = made.value;
    perItemMismatch ??= outputsDifference(
      await perItem.run('one-submission'),
      expected,
    );
    step();
  }

  const megakernelMs: number[] = [];
  const perItemMs: number[] = [];
  try {
    // Runs alternate between the strategies so that machine noise lands on both alike.
    for (let r = 0; r < reps; r++) {
      const start = now();
      const run = await runOnce();
      megakernelMs.push(now() - start);
      if (!run.ok) {
        return run;
      }
      check(run.value.report, run.value.outputs);
      last = run.value;
      step();
      if (perItem !== undefined) {
        const startA = now();
        const outputs = await perItem.run('one-submission');
        perItemMs.push(now() - startA);
        perItemMismatch ??= outputsDifference(outputs, expected);
        step();
      }
    }
  } finally {
    perItem?.destroy();
  }

  const megakernel = strategyTiming(megakernelMs, n);
  const perItemTiming =
    perItem === undefined ? undefined : strategyTiming(perItemMs, n);
  return ok({
    items: n,
    backend: kernel.backend.id,
    slotCount: kernel.slotCount,
    workgroupSize: kernel.workgroupSizeX,
    workerGroups: kernel.workerGroups,
    residentData: prepared.resident !== undefined,
    megakernel,
    perItem:
      perItemTiming === undefined
        ? undefined
        : {
            timing: perItemTiming,
            ratio: perItemTiming.medianMs / megakernel.medianMs,
            verified: perItemMismatch === undefined,
            ...(perItemMismatch === undefined
              ? {}
              : { mismatch: perItemMismatch }),
          },
    referenceMs,
    verifiedRuns: 1 + reps,
    verified: mismatch === undefined,
    ...(mismatch === undefined ? {} : { mismatch }),
    report: last.report,
    telemetry: demoTelemetry(
      last.report,
      last.outputs,
      workload,
      prepared.resident === undefined
        ? 0
        : initialBytes(workload).reduce((sum, b) => sum + b.byteLength, 0),
    ),
  });
}
