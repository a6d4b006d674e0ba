import { cpus, totalmem, type as osType, release } from 'node:os';
import {
  STRATEGY_LABELS,
  type StrategyId,
  type StrategyRow,
} from '@vyre/megakernel-demo';

// What `vyre bench --report` writes as report.json (and draws in report.html): the machine, the backend,
// how it was measured, and every strategy's figures at every size.

/** The report's JSON schema id. */
const BENCH_REPORT_SCHEMA = 'vyre.bench/v1';

/** Where the figures were measured. */
export interface MachineDescription {
  readonly os: string;
  readonly arch: string;
  readonly cpu: string;
  readonly cpuCount: number;
  readonly memoryBytes: number;
  readonly node: string;
}

/** One strategy at one size, as reported. */
export interface BenchReportRow {
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
  /** `webgpu` or `cpu-ref`. */
  readonly backend: string;
  /** The WebGPU adapter's description, when the backend is WebGPU. */
  readonly adapter?: string;
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

/** The report of `rows`, measured on `backend` (and `adapter`). */
export function benchReport(
  rows: readonly StrategyRow[],
  context: {
    readonly backend: string;
    readonly adapter: string | undefined;
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
    backend: context.backend,
    ...(context.adapter === undefined ? {} : { adapter: context.adapter }),
    workload:
      'N work items of 8 opcodes (scale, add, xor, clamp, prefix sum, histogram, byte scan, checksum) over shared data buffers, each owning a 16-word segment',
    reps: context.reps,
    settle: context.settle,
    sizes: context.sizes,
    rows: rows.map((row) => ({
      n: row.n,
      strategy: row.id,
      label: STRATEGY_LABELS[row.id],
      medianMs: row.medianMs,
      p10Ms: row.p10Ms,
      p90Ms: row.p90Ms,
      perItemUs: row.perItemUs,
      samplesMs: row.samplesMs,
      verified: row.verified,
    })),
    verified: rows.every((row) => row.verified),
  };
}
