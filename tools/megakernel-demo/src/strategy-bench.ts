import { err, invariant, ok, StackError, type Result } from '@vyre/foundation';
import type { ResidentBuffer, VyreBackend } from '@vyre/ir';
import { ResidentSlotBatch, SlotBatch, type DrainReport } from '@vyre/runtime';
import {
  allocateWorkloadResident,
  runWorkloadOnMegakernel,
  workloadMegakernel,
} from './megakernel-run.ts';
import { BackendPerItemDispatcher } from './backend-per-item-dispatch.ts';
import { PerItemDispatcher, type PerItemMode } from './per-item-dispatch.ts';
import {
  allocateOutputs,
  outputsDifference,
  type WorkloadOutputs,
} from './workload-outputs.ts';
import { makeWorkload, type Workload } from './workload.ts';

// The headline comparison at one size, shared by `bench/megakernel` and `vyre bench`: the workload's N
// items on one backend, every strategy side by side in rounds, every run compared byte for byte
// with the megakernel on the CPU reference (outside the timed window). What does not depend on the run
// is prepared once per size for every strategy: (a) and (b) their pipelines, parameter buffer and bind
// groups; the megakernel strategies the items encoded as a SlotBatch and the output storage. Each timed
// run follows an untimed run of the same strategy unless `settle` is false.

/**
 * The strategies: (a) one dispatch per item in one submission, (b) one submission per item, (c) the
 * megakernel over host data, (c′) over resident data, the same encoding its items inside every run, and
 * (c″) over resident data with the batch kept on the device.
 */
export type StrategyId =
  | 'perItemOneSubmission'
  | 'perItemSubmissionEach'
  | 'megakernelHost'
  | 'megakernelResident'
  | 'megakernelFromDescriptors'
  | 'megakernelResidentBatch';

/** Each strategy's label in reports. */
export const STRATEGY_LABELS: Readonly<Record<StrategyId, string>> = {
  megakernelHost: '(c) megakernel, host data',
  megakernelResident: "(c') megakernel, resident data",
  megakernelFromDescriptors: "(c') from descriptor objects",
  megakernelResidentBatch: "(c'') resident data and batch",
  perItemOneSubmission: '(a) dispatch per item, one submission',
  perItemSubmissionEach: '(b) submission per item',
};

/** One strategy's timed runs at one size. */
export interface StrategyRow {
  readonly n: number;
  readonly id: StrategyId;
  readonly samplesMs: readonly number[];
  readonly medianMs: number;
  readonly p10Ms: number;
  readonly p90Ms: number;
  /** The median per item, in microseconds. */
  readonly perItemUs: number;
  /** Every run gave the reference's bytes. */
  readonly verified: boolean;
}

/** Every strategy at one size. */
export interface SizeBench {
  readonly n: number;
  readonly slotCount: number;
  readonly workerGroups: number;
  readonly rows: readonly StrategyRow[];
  /** The last (c) run's report. */
  readonly hostReport: DrainReport;
  /** The last (c′) run's report. */
  readonly residentReport: DrainReport;
  /** `runWorkItems`' own wall time of every (c′) run, in milliseconds (the rest uploads the data). */
  readonly residentInsideMs: readonly number[];
}

/** How to run the comparison. */
export interface BenchOptions {
  /** Timed runs per strategy. */
  readonly reps: number;
  /** Precede each timed run by an untimed run of the same strategy (default true). */
  readonly settle?: boolean;
  /** Leave (b) out (it takes longest). */
  readonly skipSubmissionEach?: boolean;
  /** Called after every run, timed or not. */
  readonly onRun?: () => void;
}

/** The q-quantile (nearest rank) of `xs`. */
export function quantile(xs: readonly number[], q: number): number {
  const s = [...xs].sort((p, r) => p - r);
  return s[Math.min(s.length - 1, Math.floor(s.length * q))] ?? NaN;
}

/** Runs of (b) per size: a third of the rounds, at least 3. */
const submissionEachRounds = (reps: number): number =>
  Math.max(3, Math.ceil(reps / 3));

/** Runs `benchSize` makes at one size, for progress (the reference, warm-up and settling runs included). */
export function runsPerSize(options: BenchOptions): number {
  const per = options.settle === false ? 1 : 2;
  const strategies = 5;
  const b =
    options.skipSubmissionEach === true
      ? 0
      : 1 + per * Math.min(options.reps, submissionEachRounds(options.reps));
  return 1 + strategies + per * options.reps * strategies + b;
}

interface Strategy {
  readonly id: StrategyId;
  readonly rounds: number;
  readonly run: () => Promise<Result<WorkloadOutputs>>;
  readonly samples: number[];
  verified: boolean;
}

/** Strategies (a) and (b): on a raw WebGPU device, or through the backend contract. */
interface PerItemRunner {
  run(mode: PerItemMode): Promise<Result<WorkloadOutputs>>;
  destroy(): void;
}

interface Prepared {
  readonly resident: ResidentBuffer[];
  readonly batch: ResidentSlotBatch | undefined;
  readonly perItem: PerItemRunner | undefined;
}

/**
 * Every strategy at size `n` on `backend`, checked against the megakernel on `reference`. With
 * `device`, the backend's WebGPU device, (a) and (b) are written against it directly (the best a host
 * can do); without one, as on the CPU reference, they go through the backend contract
 * ({@link BackendPerItemDispatcher}).
 *
 * @returns the rows in report order, or the first error of building or running a strategy
 */
export async function benchSize(
  backend: VyreBackend,
  device: GPUDevice | undefined,
  reference: VyreBackend,
  n: number,
  options: BenchOptions,
): Promise<Result<SizeBench>> {
  const workload = makeWorkload(n);
  const expected = await referenceOutputs(reference, workload, n);
  if (!expected.ok) {
    return expected;
  }
  options.onRun?.();
  const prepared: Prepared = {
    resident: [],
    batch: undefined,
    perItem: undefined,
  };
  try {
    return await measure(
      backend,
      device,
      workload,
      expected.value,
      options,
      prepared,
    );
  } finally {
    prepared.perItem?.destroy();
    prepared.batch?.free();
    for (const buffer of prepared.resident) {
      backend.freeResident(buffer);
    }
  }
}

async function referenceOutputs(
  reference: VyreBackend,
  workload: Workload,
  n: number,
): Promise<Result<WorkloadOutputs>> {
  const mk = workloadMegakernel(reference, n);
  if (!mk.ok) {
    return mk;
  }
  const run = await runWorkloadOnMegakernel(mk.value, workload);
  return run.ok ? ok(run.value.outputs) : run;
}

async function perItemRunner(
  backend: VyreBackend,
  device: GPUDevice | undefined,
  workload: Workload,
): Promise<Result<PerItemRunner>> {
  if (device === undefined) {
    return BackendPerItemDispatcher.create(backend, workload);
  }
  const made = await PerItemDispatcher.create(device, workload);
  if (!made.ok) {
    return made;
  }
  const dispatcher = made.value;
  return ok({
    run: async (mode) => ok(await dispatcher.run(mode)),
    destroy: () => {
      dispatcher.destroy();
    },
  });
}

async function measure(
  backend: VyreBackend,
  device: GPUDevice | undefined,
  workload: Workload,
  expected: WorkloadOutputs,
  options: BenchOptions,
  prepared: { -readonly [K in keyof Prepared]: Prepared[K] },
): Promise<Result<SizeBench>> {
  const n = workload.items.length;
  const mk = workloadMegakernel(backend, n);
  if (!mk.ok) {
    return mk;
  }
  const encoded = SlotBatch.encode(workload.items, 0);
  if (!encoded.ok) {
    return encoded;
  }
  const batch = encoded.value;
  const resident = await allocateWorkloadResident(backend, workload);
  if (!resident.ok) {
    return resident;
  }
  prepared.resident = resident.value;
  const uploaded = await ResidentSlotBatch.upload(mk.value, batch);
  if (!uploaded.ok) {
    return uploaded;
  }
  prepared.batch = uploaded.value;
  const made = await perItemRunner(backend, device, workload);
  if (!made.ok) {
    return made;
  }
  const perItem = made.value;
  prepared.perItem = perItem;

  let hostReport: DrainReport | undefined;
  let residentReport: DrainReport | undefined;
  const residentInsideMs: number[] = [];
  const megakernel =
    (
      runOptions: Parameters<typeof runWorkloadOnMegakernel>[2],
      onReport?: (report: DrainReport) => void,
    ) =>
    async (): Promise<Result<WorkloadOutputs>> => {
      const run = await runWorkloadOnMegakernel(mk.value, workload, runOptions);
      if (!run.ok) {
        return run;
      }
      onReport?.(run.value.report);
      const { itemsProcessed, faulted, itemsRemaining } = run.value.report;
      return itemsProcessed === n
        ? ok(run.value.outputs)
        : err(
            new StackError(
              'BACKEND_TIMEOUT',
              `a megakernel run processed ${itemsProcessed} of ${n} items (${faulted.length} faulted, ${itemsRemaining} remaining): expected all of them.`,
            ),
          );
    };
  const perItemRun = (mode: PerItemMode) => () => perItem.run(mode);
  const plans: Omit<Strategy, 'samples' | 'verified'>[] = [
    {
      id: 'megakernelHost',
      rounds: options.reps,
      run: megakernel({ batch, outputs: allocateOutputs(workload) }, (r) => {
        hostReport = r;
      }),
    },
    {
      id: 'megakernelResident',
      rounds: options.reps,
      run: megakernel(
        { batch, outputs: allocateOutputs(workload), resident: resident.value },
        (r) => {
          residentReport = r;
          residentInsideMs.push(r.wallTimeNs / 1e6);
        },
      ),
    },
    {
      id: 'megakernelFromDescriptors',
      rounds: options.reps,
      run: megakernel({ resident: resident.value }),
    },
    {
      id: 'megakernelResidentBatch',
      rounds: options.reps,
      run: megakernel({
        batch: uploaded.value,
        outputs: allocateOutputs(workload),
        resident: resident.value,
      }),
    },
    {
      id: 'perItemOneSubmission',
      rounds: options.reps,
      run: perItemRun('one-submission'),
    },
    ...(options.skipSubmissionEach === true
      ? []
      : [
          {
            id: 'perItemSubmissionEach' as const,
            rounds: Math.min(options.reps, submissionEachRounds(options.reps)),
            run: perItemRun('submission-per-item'),
          },
        ]),
  ];
  const strategies: Strategy[] = plans.map((s) => ({
    ...s,
    samples: [],
    verified: true,
  }));

  const check = (strategy: Strategy, outputs: WorkloadOutputs): void => {
    strategy.verified &&= outputsDifference(outputs, expected) === undefined;
    options.onRun?.();
  };
  // A first, untimed run of each: compiles pipelines and warms caches.
  for (const strategy of strategies) {
    const first = await strategy.run();
    if (!first.ok) {
      return first;
    }
    check(strategy, first.value);
  }
  // Rounds interleave the strategies so that machine noise lands on all of them alike. A settling run
  // before each timed one keeps a strategy from paying for what the one before it left behind (Dawn
  // releases a finished submission's objects during later calls; V8 collects garbage later).
  for (let round = 0; round < options.reps; round++) {
    for (const strategy of strategies) {
      if (round >= strategy.rounds) {
        continue;
      }
      if (options.settle !== false) {
        const settled = await strategy.run();
        if (!settled.ok) {
          return settled;
        }
        check(strategy, settled.value);
      }
      const start = performance.now();
      const timed = await strategy.run();
      const ms = performance.now() - start;
      if (!timed.ok) {
        return timed;
      }
      strategy.samples.push(ms);
      check(strategy, timed.value);
    }
  }
  const rows = strategies.map((s): StrategyRow => {
    const medianMs = quantile(s.samples, 0.5);
    return {
      n,
      id: s.id,
      samplesMs: s.samples,
      medianMs,
      p10Ms: quantile(s.samples, 0.1),
      p90Ms: quantile(s.samples, 0.9),
      perItemUs: (medianMs * 1000) / n,
      verified: s.verified,
    };
  });
  invariant(
    hostReport !== undefined && residentReport !== undefined,
    '(c) and (c′) to have run at least once',
  );
  return ok({
    n,
    slotCount: mk.value.slotCount,
    workerGroups: mk.value.workerGroups,
    rows,
    hostReport,
    residentReport,
    residentInsideMs,
  });
}
