import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CpuRefBackend } from '@vyre/driver-cpu-ref';
import { WebGpuBackend } from '@vyre/driver-webgpu';
import { err, ok, StackError, type Result } from '@vyre/foundation';
import {
  benchSize,
  runsPerSize,
  type StrategyRow,
} from '@vyre/megakernel-demo';
import { benchReportHtml } from '../bench-report-html.ts';
import {
  benchReport,
  machineDescription,
  type BenchReport,
} from '../bench-report.ts';
import { cliUsage } from '../cli-usage.ts';
import type { CliIo } from '../cli-io.ts';
import type { CommandArgs, CommandSpec } from '../command-spec.ts';
import { ExitCode } from '../exit-code.ts';
import { openNamedBackend } from '../open-backend.ts';
import { parseCount } from '../parse-count.ts';
import { progressBar } from '../progress-bar.ts';

// `vyre bench`: the megakernel against one dispatch per item and one submission per item, at several
// sizes on one backend, every run checked against the CPU reference; a table, JSON, or a report
// directory (report.json and a self-contained report.html with the plot).

const BACKENDS = ['webgpu', 'cpu-ref'] as const;
type BenchBackend = (typeof BACKENDS)[number];
const MAX_ITEMS = 1_000_000;
const MAX_REPS = 1000;

interface BenchCommandOptions {
  readonly sizes: readonly number[];
  readonly reps: number;
  readonly backend: BenchBackend;
  readonly settle: boolean;
  readonly skipSubmissionEach: boolean;
  readonly json: boolean;
  readonly report: string | undefined;
}

function parseOptions(args: CommandArgs): Result<BenchCommandOptions> {
  const backend = args.values['backend'] ?? 'webgpu';
  if (!(BACKENDS as readonly unknown[]).includes(backend)) {
    return cliUsage(
      `--backend takes one of ${BACKENDS.join(', ')}: found ${JSON.stringify(backend)}.`,
    );
  }
  const nText =
    args.values['n'] ?? (backend === 'cpu-ref' ? '100,500' : '1000,10000');
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
    backend: backend as BenchBackend,
    settle: args.values['no-settle'] !== true,
    skipSubmissionEach: args.values['skip-b'] === true,
    json: args.values['json'] === true,
    report: typeof report === 'string' ? report : undefined,
  });
}

async function writeReport(
  dir: string,
  report: BenchReport,
): Promise<Result<void>> {
  try {
    await mkdir(dir, { recursive: true });
    await writeFile(
      join(dir, 'report.json'),
      `${JSON.stringify(report, undefined, 2)}\n`,
    );
    await writeFile(join(dir, 'report.html'), benchReportHtml(report));
    return ok(undefined);
  } catch (thrown) {
    return err(
      new StackError(
        'CLI_OUTPUT_UNWRITABLE',
        `writing the report into "${dir}" failed: expected a writable directory, found the error "${thrown instanceof Error ? thrown.message : String(thrown)}".`,
        { cause: thrown },
      ),
    );
  }
}

function reportText(report: BenchReport): string {
  const lines = [
    `vyre bench: ${report.backend}${report.adapter === undefined ? '' : ` (${report.adapter})`}; ${report.machine.cpuCount} × ${report.machine.cpu}, Node ${report.machine.node}`,
    `median of ${report.reps} timed runs per strategy and size${report.settle ? ', each after an untimed run of the same strategy' : ''}`,
  ];
  for (const n of report.sizes) {
    const rows = report.rows.filter((r) => r.n === n);
    const perItem = rows.find(
      (r) => r.strategy === 'perItemOneSubmission',
    )?.medianMs;
    lines.push(
      '',
      `N = ${n.toLocaleString('en-US')}`,
      `  ${'strategy'.padEnd(40)}${'median ms'.padStart(11)}${'µs/item'.padStart(10)}${'(a)/this'.padStart(10)}  verified`,
      ...rows.map(
        (r) =>
          `  ${r.label.padEnd(40)}${r.medianMs.toFixed(3).padStart(11)}${r.perItemUs.toFixed(4).padStart(10)}${(perItem === undefined ? '—' : `${(perItem / r.medianMs).toFixed(1)}×`).padStart(10)}  ${r.verified ? 'yes' : 'NO'}`,
      ),
    );
  }
  return `${lines.join('\n')}\n`;
}

async function run(args: CommandArgs, io: CliIo): Promise<ExitCode> {
  const parsed = parseOptions(args);
  if (!parsed.ok) {
    io.err(`error: ${parsed.error.format()}\n`);
    return ExitCode.USAGE;
  }
  const options = parsed.value;
  const opened = await openNamedBackend(options.backend);
  if (!opened.ok) {
    io.err(`error: ${opened.error.format()}\n`);
    return ExitCode.PROBLEM;
  }
  const backend = opened.value;
  const adapter =
    backend instanceof WebGpuBackend ? backend.adapter?.description : undefined;
  const reference = new CpuRefBackend();
  try {
    const device =
      backend instanceof WebGpuBackend ? backend.device : undefined;
    const benchOptions = {
      reps: options.reps,
      settle: options.settle,
      skipSubmissionEach: options.skipSubmissionEach,
    };
    const total =
      runsPerSize(benchOptions, device !== undefined) * options.sizes.length;
    const bar = progressBar(io, total, 'runs');
    let done = 0;
    const rows: StrategyRow[] = [];
    for (const n of options.sizes) {
      const size = await benchSize(backend, device, reference, n, {
        ...benchOptions,
        onRun: () => {
          bar.update(++done);
        },
      });
      if (!size.ok) {
        bar.done();
        io.err(`error: ${size.error.format()}\n`);
        return ExitCode.PROBLEM;
      }
      rows.push(...size.value.rows);
    }
    bar.done();
    const report = benchReport(rows, {
      backend: backend.id,
      adapter,
      reps: options.reps,
      settle: options.settle,
      sizes: options.sizes,
      machine: machineDescription(),
      createdAt: new Date(),
    });
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
    io.out(
      options.json
        ? `${JSON.stringify(report, undefined, 2)}\n`
        : reportText(report),
    );
    return report.verified ? ExitCode.OK : ExitCode.PROBLEM;
  } finally {
    reference.dispose();
    backend.dispose();
  }
}

export const benchCommand: CommandSpec = {
  name: 'bench',
  summary:
    'Time the megakernel against one dispatch per item and one submission per item at several sizes, every run checked against the CPU reference; --report writes JSON and an HTML page with plots.',
  usage:
    'vyre bench [--n SIZES] [--reps RUNS] [--backend webgpu|cpu-ref] [--report DIR] [--json] [--skip-b] [--no-settle]',
  optionHelp: [
    '--n <sizes>        Work items per run, comma-separated (default 1000,10000; 100,500 on cpu-ref).',
    '--reps <runs>      Timed runs per strategy and size (default 5).',
    '--backend <name>   webgpu (the default: every strategy) or cpu-ref (the megakernel strategies only).',
    '--report <dir>     Write report.json and report.html (self-contained, with the plot) into <dir>.',
    '--json             Print the report as JSON.',
    '--skip-b           Leave out one submission per item (the slowest strategy).',
    '--no-settle        Time runs without an untimed run of the same strategy before each.',
  ],
  examples: [
    'vyre bench',
    'vyre bench --n 1000,10000,100000 --reps 10 --report bench-report/',
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
