import { join } from 'node:path';
import { CpuRefBackend } from '@vyre/driver-cpu-ref';
import type { VyreBackend } from '@vyre/ir';
import { WebGpuBackend } from '@vyre/driver-webgpu';
import { ok, type Result } from '@vyre/foundation';
import {
  benchSize,
  runsPerSize,
  type StrategyRow,
} from '@vyre/megakernel-demo';
import { benchReportHtml } from '../bench-report-html.ts';
import {
  benchReport,
  machineDescription,
  type BackendRows,
  type BenchReport,
  type BenchReportSkip,
} from '../bench-report.ts';
import { cliUsage } from '../cli-usage.ts';
import type { CommandIo } from '../cli-io.ts';
import type { CommandArgs, CommandSpec } from '../command-spec.ts';
import { ExitCode } from '../exit-code.ts';
import {
  BACKEND_NAMES,
  openNamedBackend,
  type BackendName,
} from '../open-backend.ts';
import { parseCount } from '../parse-count.ts';
import { progressBar } from '../progress-bar.ts';
import { writeOutputFiles } from '../write-files.ts';

// `vyre bench`: the megakernel against one dispatch per item and one submission per item, at several
// sizes on one or more backends, every run checked against the CPU reference; a table, JSON, or a
// report directory (report.json and a self-contained report.html with a plot per backend).

const DEFAULT_BACKENDS: readonly BackendName[] = BACKEND_NAMES;
const MAX_ITEMS = 1_000_000;
const MAX_REPS = 1000;

interface BenchCommandOptions {
  readonly sizes: readonly number[];
  readonly reps: number;
  readonly backends: readonly BackendName[];
  /** The backends were named on the command line (a missing adapter is then an error). */
  readonly named: boolean;
  readonly settle: boolean;
  readonly skipSubmissionEach: boolean;
  readonly json: boolean;
  readonly report: string | undefined;
}

function parseBackends(
  value: string | boolean | undefined,
): Result<readonly BackendName[]> {
  if (value === undefined) {
    return ok(DEFAULT_BACKENDS);
  }
  const names =
    typeof value === 'string' ? value.split(',').map((t) => t.trim()) : [];
  const known = (name: string): name is BackendName =>
    (BACKEND_NAMES as readonly string[]).includes(name);
  if (names.length === 0 || !names.every(known)) {
    return cliUsage(
      `--backend takes one of ${BACKEND_NAMES.join(', ')}, or several separated by commas: found ${JSON.stringify(value)}.`,
    );
  }
  return ok([...new Set(names)]);
}

function parseOptions(args: CommandArgs): Result<BenchCommandOptions> {
  const backends = parseBackends(args.values['backend']);
  if (!backends.ok) {
    return backends;
  }
  const nText = args.values['n'] ?? '1000,10000';
  const sizes =
    typeof nText === 'string' ? nText.split(',').map((t) => t.trim()) : [];
  const parsed = sizes.map((t) => (/^\d+$/.test(t) ? Number(t) : NaN));
  if (
    parsed.length === 0 ||
    parsed.some((n) => !Number.isSafeInteger(n) || n < 1 || n > MAX_ITEMS)
  ) {
    return cliUsage(
      `--n takes sizes from 1 to ${MAX_ITEMS} separated by commas: expected for example --n 1000,10000, found ${JSON.stringify(nText)}.`,
    );
  }
  const reps = parseCount(args.values['reps'], 'reps', 5, MAX_REPS, 5);
  if (typeof reps === 'string') {
    return cliUsage(reps);
  }
  const report = args.values['report'];
  return ok({
    sizes: [...new Set(parsed)].sort((a, b) => a - b),
    reps,
    backends: backends.value,
    named: args.values['backend'] !== undefined,
    settle: args.values['no-settle'] !== true,
    skipSubmissionEach: args.values['skip-b'] === true,
    json: args.values['json'] === true,
    report: typeof report === 'string' ? report : undefined,
  });
}

const writeReport = (dir: string, report: BenchReport): Promise<Result<void>> =>
  writeOutputFiles(dir, [
    ['report.json', `${JSON.stringify(report, undefined, 2)}\n`],
    ['report.html', benchReportHtml(report)],
  ]);

function reportText(report: BenchReport): string {
  const lines = [
    `vyre bench: ${report.machine.cpuCount} × ${report.machine.cpu}, Node ${report.machine.node}`,
    `median of ${report.reps} timed runs per strategy and size${report.settle ? ', each after an untimed run of the same strategy' : ''}`,
    ...report.skipped.map((s) => `skipped ${s.backend}: ${s.reason}`),
  ];
  for (const backend of report.backends) {
    lines.push(
      '',
      `${backend.id}${backend.adapter === undefined ? '' : ` (${backend.adapter})`}`,
    );
    for (const n of report.sizes) {
      const rows = report.rows.filter(
        (r) => r.backend === backend.id && r.n === n,
      );
      const perItem = rows.find(
        (r) => r.strategy === 'perItemOneSubmission',
      )?.medianMs;
      lines.push(
        `  N = ${n.toLocaleString('en-US')}`,
        `    ${'strategy'.padEnd(40)}${'median ms'.padStart(11)}${'µs/item'.padStart(10)}${'(a)/this'.padStart(10)}  verified`,
        ...rows.map(
          (r) =>
            `    ${r.label.padEnd(40)}${r.medianMs.toFixed(3).padStart(11)}${r.perItemUs.toFixed(4).padStart(10)}${(perItem === undefined ? '—' : `${(perItem / r.medianMs).toFixed(1)}×`).padStart(10)}  ${r.verified ? 'yes' : 'NO'}`,
        ),
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

interface OpenedBackend {
  readonly name: BackendName;
  readonly backend: VyreBackend;
}

/**
 * Opens every backend asked for. A backend that fails to open is an error when it was named, and
 * skipped with its reason when it came from the default list (WebGPU without an adapter).
 */
async function openBackends(
  options: BenchCommandOptions,
): Promise<Result<{ opened: OpenedBackend[]; skipped: BenchReportSkip[] }>> {
  const opened: OpenedBackend[] = [];
  const skipped: BenchReportSkip[] = [];
  for (const name of options.backends) {
    const backend = await openNamedBackend(name);
    if (backend.ok) {
      opened.push({ name, backend: backend.value });
    } else if (options.named) {
      for (const o of opened) {
        o.backend.dispose();
      }
      return backend;
    } else {
      skipped.push({ backend: name, reason: backend.error.format() });
    }
  }
  return ok({ opened, skipped });
}

async function measureBackend(
  { backend }: OpenedBackend,
  reference: VyreBackend,
  options: BenchCommandOptions,
  onRun: () => void,
): Promise<Result<BackendRows>> {
  const gpu = backend instanceof WebGpuBackend ? backend : undefined;
  const rows: StrategyRow[] = [];
  for (const n of options.sizes) {
    const size = await benchSize(backend, gpu?.device, reference, n, {
      reps: options.reps,
      settle: options.settle,
      skipSubmissionEach: options.skipSubmissionEach,
      onRun,
    });
    if (!size.ok) {
      return size;
    }
    rows.push(...size.value.rows);
  }
  return ok({ backend: backend.id, adapter: gpu?.adapter?.description, rows });
}

async function run(args: CommandArgs, io: CommandIo): Promise<ExitCode> {
  const parsed = parseOptions(args);
  if (!parsed.ok) {
    io.error(parsed.error);
    return ExitCode.USAGE;
  }
  const options = parsed.value;
  // A report folder that cannot be made fails now, not after the measurements.
  if (options.report !== undefined) {
    const folder = await writeOutputFiles(options.report, []);
    if (!folder.ok) {
      io.error(folder.error);
      return ExitCode.PROBLEM;
    }
  }
  const backends = await openBackends(options);
  if (!backends.ok) {
    io.error(backends.error);
    return ExitCode.PROBLEM;
  }
  const { opened, skipped } = backends.value;
  for (const skip of skipped) {
    io.err(
      `notice: ${skip.backend} is not measured (name the backends with --backend to make this an error):\n${skip.reason}\n`,
    );
  }
  const reference = new CpuRefBackend();
  try {
    const total = runsPerSize(options) * options.sizes.length * opened.length;
    const bar = progressBar(io, total, 'runs');
    let done = 0;
    const measured: BackendRows[] = [];
    for (const backend of opened) {
      const rows = await measureBackend(backend, reference, options, () => {
        bar.update(++done);
      });
      if (!rows.ok) {
        bar.done();
        io.error(rows.error);
        return ExitCode.PROBLEM;
      }
      measured.push(rows.value);
    }
    bar.done();
    const report = benchReport(measured, {
      skipped,
      reps: options.reps,
      settle: options.settle,
      sizes: options.sizes,
      machine: machineDescription(),
      createdAt: new Date(),
    });
    // The figures go to standard output first, so that a report folder that fails now loses nothing.
    io.out(
      options.json
        ? `${JSON.stringify(report, undefined, 2)}\n`
        : reportText(report),
    );
    if (options.report !== undefined) {
      const written = await writeReport(options.report, report);
      if (!written.ok) {
        io.err(`error: ${written.error.format()}\n`);
        return ExitCode.PROBLEM;
      }
      io.err(
        `report: ${join(options.report, 'report.json')} and ${join(options.report, 'report.html')}\n`,
      );
    }
    return report.verified ? ExitCode.OK : ExitCode.PROBLEM;
  } finally {
    reference.dispose();
    for (const o of opened) {
      o.backend.dispose();
    }
  }
}

export const benchCommand: CommandSpec = {
  name: 'bench',
  summary:
    'Time the megakernel against one dispatch per item and one submission per item at several sizes on each backend, every run checked against the CPU reference; --report writes JSON and an HTML page with plots.',
  usage:
    'vyre bench [--n SIZES] [--reps RUNS] [--backend NAMES] [--report DIR] [--json] [--skip-b] [--no-settle]',
  optionHelp: [
    '--n <sizes>        Work items per run, comma-separated (default 1000,10000).',
    '--reps <runs>      Timed runs per strategy and size (default 5).',
    '--backend <names>  webgpu, cpu-ref, or both separated by a comma (the default is webgpu,cpu-ref,',
    '                   leaving webgpu out with a notice when it cannot be opened, as without an',
    '                   adapter; naming it makes that an error).',
    '--report <dir>     Write report.json and report.html (self-contained, with the plot) into <dir>.',
    '--json             Print the report as JSON.',
    '--skip-b           Leave out one submission per item (the slowest strategy).',
    '--no-settle        Time runs without an untimed run of the same strategy before each.',
  ],
  exitProblem:
    'a run differed from the CPU reference or failed, a named backend cannot be opened, or --report cannot be written.',
  examples: [
    'vyre bench',
    'vyre bench --n 1000,10000,100000 --reps 10 --report bench-report/',
    'vyre bench --backend webgpu --n 1000,10000,100000 --skip-b',
    'vyre bench --backend cpu-ref --n 100,200 --reps 2 --json',
  ],
  options: {
    n: { type: 'string' },
    reps: { type: 'string' },
    backend: { type: 'string' },
    report: { type: 'string' },
    json: { type: 'boolean' },
    'skip-b': { type: 'boolean' },
    'no-settle': { type: 'boolean' },
  },
  positionals: { min: 0, max: 0 },
  run,
};
