import { CpuRefBackend } from '@vyre/driver-cpu-ref';
import { ok, type Result } from '@vyre/foundation';
import { cliUsage } from '../cli-usage.ts';
import type { CommandIo } from '../cli-io.ts';
import type { CommandArgs, CommandSpec } from '../command-spec.ts';
import { ExitCode } from '../exit-code.ts';
import {
  openNamedBackend,
  parseBackendName,
  type BackendName,
} from '../open-backend.ts';
import { progressBar } from '../progress-bar.ts';
import { soak, type SoakReport } from '../soak.ts';

// `vyre soak`: a burn-in of the megakernel on this machine (see soak.ts).

const MAX_MINUTES = 24 * 60;
const MAX_RUNS = 100_000_000;
const MAX_ITEMS = 1_000_000;

interface SoakOptions {
  readonly minutes: number | undefined;
  readonly runs: number | undefined;
  readonly n: number;
  readonly backend: BackendName;
  readonly json: boolean;
}

function positive(
  raw: string | boolean | undefined,
  name: string,
  max: number,
  example: string,
  decimals: boolean,
): number | undefined | string {
  if (raw === undefined) {
    return undefined;
  }
  const pattern = decimals ? /^\d+(\.\d+)?$/ : /^\d+$/;
  const value =
    typeof raw === 'string' && pattern.test(raw) ? Number(raw) : NaN;
  return Number.isFinite(value) && value > 0 && value <= max
    ? value
    : `--${name} takes a ${decimals ? 'number' : 'whole number'} above 0 and at most ${max}: expected for example --${name} ${example}, found ${JSON.stringify(raw)}.`;
}

function parseOptions(args: CommandArgs): Result<SoakOptions> {
  const minutes = positive(
    args.values['minutes'],
    'minutes',
    MAX_MINUTES,
    '10',
    true,
  );
  if (typeof minutes === 'string') {
    return cliUsage(minutes);
  }
  const runs = positive(args.values['runs'], 'runs', MAX_RUNS, '1000', false);
  if (typeof runs === 'string') {
    return cliUsage(runs);
  }
  const n = positive(args.values['n'], 'n', MAX_ITEMS, '10000', false);
  if (typeof n === 'string') {
    return cliUsage(n);
  }
  const backend = parseBackendName(args.values['backend']);
  if (!backend.ok) {
    return backend;
  }
  return ok({
    // Neither limit given: one minute.
    minutes: minutes ?? (runs === undefined ? 1 : undefined),
    runs,
    n: n ?? 10_000,
    backend: backend.value ?? 'webgpu',
    json: args.values['json'] === true,
  });
}

const mb = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

function soakText(report: SoakReport): string {
  const ok = report.mismatchedRuns === 0 && report.error === undefined;
  return `${[
    `vyre soak: ${report.runs.toLocaleString('en-US')} runs of ${report.items.toLocaleString('en-US')} work items on ${report.backend} in ${(report.elapsedMs / 1000).toFixed(1)} s`,
    `  verified     ${ok ? 'yes: every run equals the CPU reference byte for byte' : `NO: ${report.mismatchedRuns} mismatched run(s)${report.firstMismatch === undefined ? '' : `; first: ${report.firstMismatch}`}${report.error === undefined ? '' : `; stopped by: ${report.error}`}`}`,
    `  run time     p50 ${report.runMs.p50.toFixed(3)} ms, p99 ${report.runMs.p99.toFixed(3)} ms, max ${report.runMs.max.toFixed(3)} ms`,
    `  memory       RSS ${mb(report.memory.rssStartBytes)} → ${mb(report.memory.rssEndBytes)} (max ${mb(report.memory.rssMaxBytes)}), JS heap ${mb(report.memory.heapStartBytes)} → ${mb(report.memory.heapEndBytes)}`,
  ].join('\n')}\n`;
}

async function run(args: CommandArgs, io: CommandIo): Promise<ExitCode> {
  const parsed = parseOptions(args);
  if (!parsed.ok) {
    io.error(parsed.error);
    return ExitCode.USAGE;
  }
  const options = parsed.value;
  const opened = await openNamedBackend(options.backend);
  if (!opened.ok) {
    io.error(opened.error);
    return ExitCode.PROBLEM;
  }
  const backend = opened.value;
  const reference = new CpuRefBackend();
  try {
    const limits = {
      ms: options.minutes === undefined ? Infinity : options.minutes * 60_000,
      runs: options.runs ?? Infinity,
    };
    // Progress toward whichever limit is nearer: the run count or the time.
    const bar = progressBar(io, 1000, 'runs');
    const seconds = (ms: number): string => (ms / 1000).toFixed(0);
    const result = await soak(
      backend,
      reference,
      options.n,
      limits,
      (runs, ms) => {
        const share = Math.max(runs / limits.runs, ms / limits.ms);
        bar.update(
          Math.min(1000, Math.floor(share * 1000)),
          `${runs.toLocaleString('en-US')}${limits.runs === Infinity ? '' : ` of ${limits.runs.toLocaleString('en-US')}`} runs, ${seconds(ms)} s${limits.ms === Infinity ? '' : ` of ${seconds(limits.ms)} s`}`,
        );
      },
    );
    bar.done();
    if (!result.ok) {
      io.error(result.error);
      return ExitCode.PROBLEM;
    }
    const report = result.value;
    io.out(
      options.json
        ? `${JSON.stringify(report, undefined, 2)}\n`
        : soakText(report),
    );
    return report.mismatchedRuns === 0 && report.error === undefined
      ? ExitCode.OK
      : ExitCode.PROBLEM;
  } finally {
    reference.dispose();
    backend.dispose();
  }
}

export const soakCommand: CommandSpec = {
  name: 'soak',
  summary:
    'Run the megakernel workload again and again for a time or a number of runs, checking every run against the CPU reference and watching memory.',
  usage:
    'vyre soak [--minutes M] [--runs R] [--n ITEMS] [--backend webgpu|cpu-ref] [--json]',
  optionHelp: [
    '--minutes <m>      Stop after m minutes (default 1 when --runs is not given).',
    '--runs <r>         Stop after r runs (with --minutes: whichever comes first).',
    `--n <items>        Work items per run (default 10000, at most ${MAX_ITEMS}).`,
    '--backend <name>   webgpu (the default) or cpu-ref.',
    '--json             Print the report as JSON.',
  ],
  exitProblem:
    'a run differed from the CPU reference or failed, or the backend cannot be opened.',
  examples: [
    'vyre soak --minutes 60',
    'vyre soak --runs 100000 --n 1000 --json',
  ],
  options: {
    minutes: { type: 'string' },
    runs: { type: 'string' },
    n: { type: 'string' },
    backend: { type: 'string' },
    json: { type: 'boolean' },
  },
  positionals: { min: 0, max: 0 },
  run,
};
