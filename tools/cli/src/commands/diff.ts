import { resolve } from 'node:path';
import {
  coverageByFamily,
  referenceFor,
  runDifferential,
  stringifyRepro,
  type DifferentialSummary,
} from '@vyre/conformance';
import { CpuRefBackend } from '@vyre/driver-cpu-ref';
import { WebGpuBackend } from '@vyre/driver-webgpu';
import type { Result, StackError } from '@vyre/foundation';
import type { VyreBackend } from '@vyre/ir';
import type { CommandArgs, CommandSpec } from '../command-spec.ts';
import { ExitCode } from '../exit-code.ts';
import {
  BACKEND_NAMES,
  parseBackendName,
  type BackendName,
} from '../open-backend.ts';
import { parseCount } from '../parse-count.ts';
import { progressBar } from '../progress-bar.ts';
import { writeOutputFile } from '../write-files.ts';
import { cliUsage } from '../cli-usage.ts';

// `vyre diff`: generated programs on two backends, compared within docs/semantics.md's window. The
// reference side (--a) is the CPU reference, whose variants model what a GPU may legally do.

interface DiffOptions {
  readonly count: number;
  readonly seed: number;
  readonly b: BackendName;
  readonly repro: string;
  readonly json: boolean;
}

const MAX_COUNT = 10_000_000;
// fast-check seeds are 32-bit integers.
const MAX_SEED = 0x7fff_ffff;

function parseDiffOptions(args: CommandArgs): Result<DiffOptions> {
  const count = parseCount(
    args.values['count'],
    'count',
    1000,
    MAX_COUNT,
    2000,
  );
  if (typeof count === 'string') {
    return cliUsage(count);
  }
  const seed = parseCount(args.values['seed'], 'seed', 1, MAX_SEED, 7, 0);
  if (typeof seed === 'string') {
    return cliUsage(seed);
  }
  const a = args.values['a'] ?? 'cpu-ref';
  if (a !== 'cpu-ref') {
    return cliUsage(
      `--a is the reference side: expected cpu-ref (the oracle every backend is compared with), found ${JSON.stringify(a)}.`,
    );
  }
  const named = parseBackendName(args.values['b'], 'b');
  if (!named.ok) {
    return named;
  }
  const b = named.value ?? 'webgpu';
  const repro = args.values['repro'];
  return {
    ok: true,
    value: {
      count,
      seed,
      b,
      repro: typeof repro === 'string' ? repro : `vyre-repro-${seed}.json`,
      json: args.values['json'] === true,
    },
  };
}

async function openB(name: BackendName): Promise<Result<VyreBackend>> {
  switch (name) {
    case 'cpu-ref':
      return { ok: true, value: new CpuRefBackend({ schedule: 'reversed' }) };
    case 'webgpu':
      return WebGpuBackend.create();
  }
}

function summaryText(s: DifferentialSummary, b: string): string {
  const seconds = s.elapsedMs / 1000;
  const families = [...coverageByFamily(s.coverage)]
    .map(([family, n]) => `${n} ${family}`)
    .join(', ');
  return [
    `vyre diff: cpu-ref vs ${b}`,
    `  programs       ${s.programs} (${(s.programs / Math.max(seconds, 1e-9)).toFixed(1)} programs/s, ${seconds.toFixed(1)} s)`,
    `  agree          ${s.agree}`,
    `  not compared   ${s.racy} racy, ${s.failedAlike} failed alike, ${s.indeterminate} after unbound f32 arithmetic (docs/semantics.md)`,
    `  mismatches     ${s.mismatch === undefined ? 0 : 1}`,
    `  covered        ${families}`,
  ].join('\n');
}

export const diffCommand: CommandSpec = {
  name: 'diff',
  summary:
    'Run generated programs on the CPU reference and another backend and compare them; a mismatch is shrunk and written as a JSON repro.',
  usage:
    'vyre diff [--count N] [--seed S] [--a cpu-ref] [--b webgpu|cpu-ref] [options]',
  optionHelp: [
    '--count <n>        Programs to generate (default 1000).',
    '--seed <s>         fast-check seed: the same seed generates the same programs (default 1).',
    '--a <backend>      The reference side: cpu-ref (the default and the only choice).',
    `--b <backend>      The backend under test: ${BACKEND_NAMES.join(', ')} (default webgpu).`,
    '--repro <file>     Where to write the repro of a mismatch (default vyre-repro-<seed>.json).',
    '--json             Print a JSON summary.',
  ],
  exitProblem: 'a mismatch (shrunk and written as a repro) or a backend error.',
  examples: [
    'vyre diff --count 2000 --seed 7',
    'vyre diff --count 100 --b cpu-ref --json',
  ],
  options: {
    count: { type: 'string' },
    seed: { type: 'string' },
    a: { type: 'string' },
    b: { type: 'string' },
    repro: { type: 'string' },
    json: { type: 'boolean' },
  },
  positionals: { min: 0, max: 0 },
  run: async (args, io) => {
    const options = parseDiffOptions(args);
    if (!options.ok) {
      io.error(options.error);
      return ExitCode.USAGE;
    }
    const { count, seed, b, json } = options.value;
    const opened = await openB(b);
    if (!opened.ok) {
      io.error(opened.error);
      return ExitCode.PROBLEM;
    }
    const backend = opened.value;
    try {
      const bar = progressBar(io, count, 'programs');
      const summary = await runDifferential(
        backend,
        await referenceFor(backend),
        {
          count,
          seed,
          onProgress: bar.update,
        },
      );
      bar.done();
      let reproPath: string | undefined;
      let reproError: StackError | undefined;
      if (summary.mismatch !== undefined) {
        // A repro that cannot be written is reported on standard error (and in the JSON report), and
        // the mismatch is still printed below.
        const path = resolve(options.value.repro);
        const written = await writeOutputFile(
          path,
          stringifyRepro(summary.mismatch.repro),
        );
        if (written.ok) {
          reproPath = path;
        } else {
          reproError = written.error;
          io.err(`error: ${written.error.format()}\n`);
        }
      }
      if (json) {
        io.out(
          `${JSON.stringify(
            {
              a: 'cpu-ref',
              b: backend.id,
              seed,
              programs: summary.programs,
              agree: summary.agree,
              racy: summary.racy,
              failedAlike: summary.failedAlike,
              indeterminate: summary.indeterminate,
              mismatches: summary.mismatch === undefined ? 0 : 1,
              ...(summary.mismatch === undefined
                ? {}
                : {
                    details: summary.mismatch.details,
                    ...(reproPath === undefined ? {} : { repro: reproPath }),
                    ...(reproError === undefined
                      ? {}
                      : {
                          reproError: {
                            code: reproError.code,
                            message: reproError.message,
                          },
                        }),
                  }),
              seconds: summary.elapsedMs / 1000,
              coverage: Object.fromEntries([...summary.coverage].sort()),
            },
            undefined,
            2,
          )}\n`,
        );
      } else {
        io.out(`${summaryText(summary, backend.id)}\n`);
        if (summary.mismatch !== undefined) {
          io.out(
            `mismatch: ${summary.mismatch.details.join('; ')}\nrepro: ${reproPath ?? '(not written: see the error above)'}\n`,
          );
        }
      }
      return summary.mismatch === undefined ? ExitCode.OK : ExitCode.PROBLEM;
    } finally {
      backend.dispose();
    }
  },
};
