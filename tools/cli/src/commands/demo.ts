import { CpuRefBackend } from '@vyre/driver-cpu-ref';
import { WebGpuBackend } from '@vyre/driver-webgpu';
import { ok, type Result, type StackError } from '@vyre/foundation';
import type { VyreBackend } from '@vyre/ir';
import { runDemo } from '@vyre/megakernel-demo';
import { cliUsage } from '../cli-usage.ts';
import type { CommandIo } from '../cli-io.ts';
import type { CommandArgs, CommandSpec } from '../command-spec.ts';
import { ExitCode } from '../exit-code.ts';
import { parseBackendName, type BackendName } from '../open-backend.ts';
import { parseCount } from '../parse-count.ts';
import { progressBar } from '../progress-bar.ts';
import { demoJson, demoText, demoVerified } from '../demo-text.ts';

// `vyre demo`: the megakernel's headline workload (@vyre/megakernel-demo) on this machine's GPU, checked
// against the CPU reference, timed against one dispatch per item, with its telemetry.

const MAX_ITEMS = 1_000_000;
const MAX_REPS = 1000;

interface DemoCommandOptions {
  readonly n: number;
  readonly reps: number;
  /** Undefined: WebGPU, or the CPU reference when WebGPU cannot be opened (no adapter, no Dawn). */
  readonly backend: BackendName | undefined;
  readonly json: boolean;
}

function parseDemoOptions(args: CommandArgs): Result<DemoCommandOptions> {
  const n = parseCount(args.values['n'], 'n', 10_000, MAX_ITEMS, 10_000);
  if (typeof n === 'string') {
    return cliUsage(n);
  }
  const reps = parseCount(args.values['reps'], 'reps', 3, MAX_REPS, 5);
  if (typeof reps === 'string') {
    return cliUsage(reps);
  }
  const backend = parseBackendName(args.values['backend']);
  if (!backend.ok) {
    return backend;
  }
  return ok({
    n,
    reps,
    backend: backend.value,
    json: args.values['json'] === true,
  });
}

/** The backend the demo runs on, and why it is not WebGPU when WebGPU was the default. */
interface OpenedDemoBackend {
  readonly backend: VyreBackend;
  readonly adapter: string | undefined;
  readonly device: GPUDevice | undefined;
  readonly fallback: StackError | undefined;
}

const onCpuReference = (
  fallback: StackError | undefined,
): OpenedDemoBackend => ({
  backend: new CpuRefBackend(),
  adapter: undefined,
  device: undefined,
  fallback,
});

/** The backend asked for; without a choice, WebGPU or else the CPU reference with the reason. */
async function openDemoBackend(
  choice: BackendName | undefined,
): Promise<Result<OpenedDemoBackend>> {
  switch (choice) {
    case 'cpu-ref':
      return ok(onCpuReference(undefined));
    case 'webgpu':
    case undefined: {
      const created = await WebGpuBackend.create();
      if (created.ok) {
        const gpu = created.value;
        return ok({
          backend: gpu,
          adapter: gpu.adapter?.description,
          device: gpu.device,
          fallback: undefined,
        });
      }
      // Asked for by name: no fallback.
      return choice === 'webgpu' ? created : ok(onCpuReference(created.error));
    }
  }
}

function fallbackNotice(io: CommandIo, error: StackError): void {
  io.err(
    [
      'notice: no WebGPU device, so the demo runs on the CPU reference instead (the ratio against one',
      'dispatch per item needs a GPU; `vyre doctor` checks the adapter):',
      `  [${error.code}] ${error.message}`,
      `  Fix: ${error.hint}`,
      '',
    ].join('\n'),
  );
}

export const demoCommand: CommandSpec = {
  name: 'demo',
  summary:
    'Run thousands of work items of 8 opcodes in one megakernel on the GPU, check them against the CPU reference, and compare with one dispatch per item.',
  usage:
    'vyre demo [--n ITEMS] [--reps RUNS] [--backend webgpu|cpu-ref] [--json]',
  optionHelp: [
    `--n <items>        Work items (default 10000, at most ${MAX_ITEMS}).`,
    '--reps <runs>      Timed runs per strategy after a warm-up run (default 3).',
    '--backend <name>   webgpu (the default; falls back to cpu-ref with a notice when WebGPU cannot',
    '                   be opened, as without an adapter) or cpu-ref. Naming webgpu makes that an error.',
    '--json             Print one JSON object.',
  ],
  exitProblem:
    'a run differed from the CPU reference or failed, or the named backend cannot be opened.',
  examples: [
    'vyre demo',
    'vyre demo --n 100000 --reps 5',
    'vyre demo --backend cpu-ref --n 2000 --json',
  ],
  options: {
    n: { type: 'string' },
    reps: { type: 'string' },
    backend: { type: 'string' },
    json: { type: 'boolean' },
  },
  positionals: { min: 0, max: 0 },
  run: async (args, io) => {
    const options = parseDemoOptions(args);
    if (!options.ok) {
      io.error(options.error);
      return ExitCode.USAGE;
    }
    const { n, reps, json } = options.value;
    const opened = await openDemoBackend(options.value.backend);
    if (!opened.ok) {
      io.error(opened.error);
      return ExitCode.PROBLEM;
    }
    const { backend, adapter, device, fallback } = opened.value;
    if (fallback !== undefined) {
      fallbackNotice(io, fallback);
    }
    try {
      let bar: ReturnType<typeof progressBar> | undefined;
      const demo = await runDemo(backend, {
        n,
        reps,
        ...(device === undefined ? {} : { perItemDevice: device }),
        onProgress: (done, total) => {
          bar ??= progressBar(io, total, 'runs');
          bar.update(done);
        },
      });
      bar?.done();
      if (!demo.ok) {
        io.error(demo.error);
        return ExitCode.PROBLEM;
      }
      const context = { adapter, fallback };
      io.out(
        json
          ? `${JSON.stringify(demoJson(demo.value, context), undefined, 2)}\n`
          : demoText(demo.value, context),
      );
      return demoVerified(demo.value) ? ExitCode.OK : ExitCode.PROBLEM;
    } finally {
      backend.dispose();
    }
  },
};
