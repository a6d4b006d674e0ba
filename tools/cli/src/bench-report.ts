import { cpus, totalmem, type as osType, release } from 'node:os';
import {
  STRATEGY_LABELS,
  type StrategyId,
  type StrategyRow,
} from '@vyre/megakernel-demo';

// What `vyre bench --report` writes as report.json (and draws in report.html): the machine, the
// backends, how it was measured, and every strategy's figures at every size on every backend.

/** The report's JSON schema id (v2: several backends, a `backend` on every row). */
const BENCH_REPORT_SCHEMA = 'vyre.bench/v2';

/** Where the figures were measured. */
export interface MachineDescription {
  readonly os: string;
  readonly arch: string;
  readonly cpu: string;
  readonly cpuCount: number;
  readonly memoryBytes: number;
  readonly node: string;
}

/** A backend the report measured. */
export interface BenchReportBackend {
  /** `webgpu` or `cpu-ref`. */
  readonly id: string;
  /** The WebGPU adapter's description, when the backend is WebGPU. */
  readonly adapter?: string;
  /** Every run of every strategy on it gave the CPU reference's bytes. */
  readonly verified: boolean;
}

/** A backend asked for by default that could not be measured, and why. */
export interface BenchReportSkip {
  readonly backend: string;
  readonly reason: string;
}

/** One strategy at one size on one backend, as reported. */
export interface BenchReportRow {
  readonly backend: string;
  readonly n: number;
  readonly strategy: StrategyId;
  readonly label: string;
  readonly medianMs: number;
  readonly p10Ms: number;
  readonly p90Ms: number;
  readonly perItemUs: number;
  readonly samplesMs: readonly number[];
  readonly verified: boolean;
}

/** The whole report. */
export interface BenchReport {
  readonly schema: typeof BENCH_REPORT_SCHEMA;
  readonly createdAt: string;
  readonly machine: MachineDescription;
  /** The backends measured, in the order they ran. */
  readonly backends: readonly BenchReportBackend[];
  /** Backends asked for by default that could not be opened (WebGPU without an adapter, or without Dawn). */
  readonly skipped: readonly BenchReportSkip[];
  readonly workload: string;
  readonly reps: number;
  readonly settle: boolean;
  readonly sizes: readonly number[];
  readonly rows: readonly BenchReportRow[];
  /** Every run of every strategy gave the CPU reference's bytes. */
  readonly verified: boolean;
}

/** This machine. */
export function machineDescription(): MachineDescription {
  const list = cpus();
  return {
    os: `${osType()} ${release()}`,
    arch: process.arch,
    cpu: list[0]?.model.trim() ?? 'unknown',
    cpuCount: list.length,
    memoryBytes: totalmem(),
    node: process.versions.node,
  };
}

/** One backend's measured rows, with its adapter. */
export interface BackendRows {
  readonly backend: string;
  readonly adapter: string | undefined;
  readonly rows: readonly StrategyRow[];
}

const reportRow = (backend: string, row: StrategyRow): BenchReportRow => ({
  backend,
  n: row.n,
  strategy: row.id,
  label: STRATEGY_LABELS[row.id],
  medianMs: row.medianMs,
  p10Ms: row.p10Ms,
  p90Ms: row.p90Ms,
  perItemUs: row.perItemUs,
  samplesMs: row.samplesMs,
  verified: row.verified,
});

/** The report of every backend's rows. */
export function benchReport(
  measured: readonly BackendRows[],
  context: {
    readonly skipped: readonly BenchReportSkip[];
    readonly reps: number;
    readonly settle: boolean;
    readonly sizes: readonly number[];
    readonly machine: MachineDescription;
    readonly createdAt: Date;
  },
): BenchReport {
  return {
    schema: BENCH_REPORT_SCHEMA,
    createdAt: context.createdAt.toISOString(),
    machine: context.machine,
    backends: measured.map((m) => ({
      id: m.backend,
      ...(m.adapter === undefined ? {} : { adapter: m.adapter }),
      verified: m.rows.every((row) => row.verified),
    })),
    skipped: context.skipped,
    workload:
      'N work items of 8 opcodes (scale, add, xor, clamp, prefix sum, histogram, byte scan, checksum) over shared data buffers, each owning a 16-word segment',
    reps: context.reps,
    settle: context.settle,
    sizes: context.sizes,
    rows: measured.flatMap((m) =>
      m.rows.map((row) => reportRow(m.backend, row)),
    ),
    verified: measured.every((m) => m.rows.every((row) => row.verified)),
  };
}
