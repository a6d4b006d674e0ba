import { ok, type Result } from '@vyre/foundation';
import {
  createTelemetryScratch,
  decodeRingTelemetry,
  runtimeCounters,
  stringifyTelemetry,
  toPrometheusText,
} from '@vyre/telemetry';
import { cliUsage } from '../cli-usage.ts';
import type { CommandIo } from '../cli-io.ts';
import type { CommandArgs, CommandSpec } from '../command-spec.ts';
import { ExitCode } from '../exit-code.ts';
import { parseBackendName } from '../open-backend.ts';
import { parseCount } from '../parse-count.ts';
import { writeOutputFiles } from '../write-files.ts';
import {
  snapshotFromDemo,
  snapshotFromFiles,
  type SnapshotBackend,
  type SnapshotBytes,
} from '../telemetry-source.ts';
import { telemetryText } from '../telemetry-text.ts';

// `vyre telemetry`: decodes a control buffer and a ring as read back (files an application wrote, or one
// drain of the demo workload) and prints them for people, as JSON or in the Prometheus text format.

const FORMATS = ['text', 'json', 'prometheus'] as const;
type Format = (typeof FORMATS)[number];
const MAX_DEMO_ITEMS = 100_000;

interface TelemetryOptions {
  readonly format: Format;
  readonly labels: Readonly<Record<string, string>>;
  readonly windowOpcodes: readonly number[];
  /** Two files, or a demo drain. */
  readonly source:
    | {
        readonly kind: 'files';
        readonly control: string;
        readonly ring: string;
      }
    | {
        readonly kind: 'demo';
        readonly n: number;
        readonly backend: SnapshotBackend;
      };
  readonly out: string | undefined;
}

function parseLabels(
  raw: string | boolean | undefined,
): Result<Record<string, string>> {
  const labels: Record<string, string> = {};
  if (typeof raw !== 'string') {
    return ok(labels);
  }
  for (const pair of raw.split(',')) {
    const at = pair.indexOf('=');
    if (at <= 0) {
      return cliUsage(
        `--labels takes NAME=VALUE pairs separated by commas: expected for example --labels instance=gpu-0, found ${JSON.stringify(pair)}.`,
      );
    }
    const name = pair.slice(0, at);
    // The names Prometheus allows (toPrometheusText checks them too; here they fail as usage, exit 2).
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) || name.startsWith('__')) {
      return cliUsage(
        `--labels names a label ${JSON.stringify(name)}: expected letters, digits and underscores, not starting with a digit or "__".`,
      );
    }
    labels[name] = pair.slice(at + 1);
  }
  return ok(labels);
}

function parseOpcodes(raw: string | boolean | undefined): Result<number[]> {
  if (typeof raw !== 'string') {
    return ok([]);
  }
  const opcodes: number[] = [];
  for (const text of raw.split(',')) {
    const value = /^(0x[0-9a-f]+|\d+)$/i.test(text) ? Number(text) : NaN;
    if (!Number.isSafeInteger(value) || value > 0xffff_ffff) {
      return cliUsage(
        `--window-opcodes takes u32 opcodes separated by commas: expected for example --window-opcodes 0x40000001, found ${JSON.stringify(text)}.`,
      );
    }
    opcodes.push(value);
  }
  return ok(opcodes);
}

function parseOptions(args: CommandArgs): Result<TelemetryOptions> {
  const json = args.values['json'] === true;
  if (
    json &&
    args.values['format'] !== undefined &&
    args.values['format'] !== 'json'
  ) {
    return cliUsage(
      `--json is --format json: expected one of them, found --json with --format ${JSON.stringify(args.values['format'])}.`,
    );
  }
  const format = args.values['format'] ?? (json ? 'json' : 'text');
  if (!(FORMATS as readonly unknown[]).includes(format)) {
    return cliUsage(
      `--format takes one of ${FORMATS.join(', ')}: found ${JSON.stringify(format)}.`,
    );
  }
  const labels = parseLabels(args.values['labels']);
  if (!labels.ok) {
    return labels;
  }
  const windowOpcodes = parseOpcodes(args.values['window-opcodes']);
  if (!windowOpcodes.ok) {
    return windowOpcodes;
  }
  const out = args.values['out'];
  const demo = args.values['demo'] === true;
  const [control, ring] = args.positionals;
  let source: TelemetryOptions['source'];
  if (demo) {
    if (args.positionals.length > 0) {
      return cliUsage(
        '--demo takes its snapshot from a run: expected no snapshot files with it.',
      );
    }
    const n = parseCount(args.values['n'], 'n', 1000, MAX_DEMO_ITEMS, 1000);
    if (typeof n === 'string') {
      return cliUsage(n);
    }
    const backend = parseBackendName(args.values['backend']);
    if (!backend.ok) {
      return backend;
    }
    source = { kind: 'demo', n, backend: backend.value ?? 'cpu-ref' };
  } else if (control === undefined || ring === undefined) {
    return cliUsage(
      'telemetry decodes a control snapshot and a ring snapshot: expected two files (or --demo), found fewer.',
    );
  } else {
    source = { kind: 'files', control, ring };
  }
  for (const option of ['out', 'n', 'backend'] as const) {
    if (args.values[option] !== undefined && !demo) {
      return cliUsage(
        `--${option} applies to the snapshot of a --demo run: expected --demo with it.`,
      );
    }
  }
  return ok({
    format: format as Format,
    labels: labels.value,
    windowOpcodes: windowOpcodes.value,
    source,
    out: typeof out === 'string' ? out : undefined,
  });
}

const writeSnapshot = (
  dir: string,
  snapshot: SnapshotBytes,
): Promise<Result<void>> =>
  writeOutputFiles(dir, [
    ['control.bin', snapshot.control],
    ['ring.bin', snapshot.ring],
  ]);

function render(
  options: TelemetryOptions,
  snapshot: SnapshotBytes,
): Result<string> {
  const decoded = decodeRingTelemetry(
    snapshot.control,
    snapshot.ring,
    createTelemetryScratch(),
    { windowOpcodes: options.windowOpcodes },
  );
  if (!decoded.ok) {
    return decoded;
  }
  const counters = runtimeCounters(decoded.value);
  const sample = {
    telemetry: decoded.value,
    counters,
    timestampMs: Date.now(),
    labels: options.labels,
  };
  switch (options.format) {
    case 'text':
      return ok(telemetryText(decoded.value, counters, snapshot.source));
    case 'json':
      return ok(`${stringifyTelemetry(sample, 2)}\n`);
    case 'prometheus':
      return toPrometheusText(sample);
  }
}

async function run(args: CommandArgs, io: CommandIo): Promise<ExitCode> {
  const options = parseOptions(args);
  if (!options.ok) {
    io.error(options.error);
    return ExitCode.USAGE;
  }
  const { source } = options.value;
  const snapshot =
    source.kind === 'files'
      ? await snapshotFromFiles(source.control, source.ring)
      : await snapshotFromDemo(source.backend, source.n);
  if (!snapshot.ok) {
    io.error(snapshot.error);
    return ExitCode.PROBLEM;
  }
  if (options.value.out !== undefined) {
    const written = await writeSnapshot(options.value.out, snapshot.value);
    if (!written.ok) {
      io.error(written.error);
      return ExitCode.PROBLEM;
    }
  }
  const text = render(options.value, snapshot.value);
  if (!text.ok) {
    io.error(text.error);
    return ExitCode.PROBLEM;
  }
  io.out(text.value);
  return ExitCode.OK;
}

export const telemetryCommand: CommandSpec = {
  name: 'telemetry',
  summary:
    'Decode a megakernel control buffer and ring (files, or one drain of the demo workload) and print them, as JSON or for Prometheus.',
  usage:
    'vyre telemetry <control.bin> <ring.bin> [options] | vyre telemetry --demo [--n ITEMS] [--backend cpu-ref|webgpu] [--out DIR] [options]',
  optionHelp: [
    '--format <f>       text (the default), json (schema vyre.telemetry/v1) or prometheus (text format 0.0.4).',
    '--json             The same as --format json.',
    '--labels <k=v,..>  Constant labels on every metric, for example instance=gpu-0.',
    '--window-opcodes <list>',
    '                   Opcodes whose slots form ticketed windows (decimal or 0x hex, comma-separated).',
    '--demo             Take the snapshot from one bounded drain of the demo workload instead of files.',
    `--n <items>        Demo items (default 1000, at most ${MAX_DEMO_ITEMS}); the ring has as many slots, rounded up to 256.`,
    '--backend <name>   Where the demo drain runs: cpu-ref (the default) or webgpu.',
    '--out <dir>        Also write the demo snapshot as control.bin and ring.bin into <dir>.',
  ],
  exitProblem:
    'a snapshot is malformed or unreadable, the --demo run failed, or --out cannot be written.',
  examples: [
    'vyre telemetry --demo --n 2000 --backend webgpu',
    'vyre telemetry --demo --out snapshot/ && vyre telemetry snapshot/control.bin snapshot/ring.bin --format prometheus',
    'vyre telemetry control.bin ring.bin --format json --labels instance=gpu-0',
  ],
  options: {
    format: { type: 'string' },
    json: { type: 'boolean' },
    labels: { type: 'string' },
    'window-opcodes': { type: 'string' },
    demo: { type: 'boolean' },
    n: { type: 'string' },
    backend: { type: 'string' },
    out: { type: 'string' },
  },
  positionals: { min: 0, max: 2 },
  run,
};
