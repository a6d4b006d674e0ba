import { join } from 'node:path';
import type { RaceReport } from '@vyre/driver-cpu-ref';
import { type StackError } from '@vyre/foundation';
import {
  planBindings,
  ProgramValidationError,
  validateProgram,
  type Program,
} from '@vyre/ir';
import { decodeValues } from '../buffer-values.ts';
import type { CommandIo } from '../cli-io.ts';
import type { CommandArgs, CommandSpec } from '../command-spec.ts';
import { formatDiagnostic } from '../diagnostic-text.ts';
import { ExitCode } from '../exit-code.ts';
import { readProgram } from '../read-program.ts';
import { openBackend } from '../run-backends.ts';
import { readRunInputs } from '../run-inputs.ts';
import { BACKEND_NAMES } from '../open-backend.ts';
import { parseRunOptions } from '../run-options.ts';
import { writeOutputFile } from '../write-files.ts';

export const runCommand: CommandSpec = {
  name: 'run',
  summary:
    'Run a program on a backend and print its outputs, typed by element type; --race-check runs every lane order.',
  usage: 'vyre run <program.json|-> --input NAME=JSON-ARRAY|FILE ... [options]',
  optionHelp: [
    `--backend <name>   The backend: ${BACKEND_NAMES.join(', ')} (default cpu-ref).`,
    '--input NAME=VALUE',
    '                   One per input buffer: a JSON array of elements, or a file of raw bytes.',
    '                   u64/i64 elements are decimal strings; f32 allows "NaN", "Infinity".',
    '--grid x[,y[,z]]   Workgroups per axis (required for 2-D and 3-D workgroup sizes).',
    '--json             Print a JSON report: outputs, steps, out-of-bounds tallies, timing.',
    '--out <dir>        Write each output to <dir>/<name>.bin (raw little-endian bytes).',
    '--race-check       Run every lane order and report outputs that depend on it (exit 1 if any).',
    '--schedule <order>',
    '                   Lane order on the CPU reference: sequential (default), reversed or roundRobin.',
    '--timeout <ms>     Give up after this many milliseconds (BACKEND_TIMEOUT).',
  ],
  exitProblem:
    'the program is invalid, an input cannot be read, the dispatch failed, or --race-check found a race.',
  examples: [
    'vyre run examples/programs/saxpy.json --input "params=[2]" --input "x=[1,2,3]" --input "y=[10,20,30]"',
    'vyre run examples/programs/workgroup-sum.json --input input=data.bin --grid 4 --json',
    'vyre run examples/programs/histogram.json --input "bytes=[1,2,2,3]" --race-check',
  ],
  options: {
    backend: { type: 'string' },
    input: { type: 'string', multiple: true },
    grid: { type: 'string' },
    json: { type: 'boolean' },
    out: { type: 'string' },
    'race-check': { type: 'boolean' },
    schedule: { type: 'string' },
    timeout: { type: 'string' },
  },
  positionals: { min: 1, max: 1 },
  run: async (args, io) => {
    const options = parseRunOptions(args);
    if (!options.ok) {
      io.error(options.error);
      return ExitCode.USAGE;
    }
    const parsed = await readProgram(args.positionals[0] ?? '-');
    if (!parsed.ok) {
      return failed(io, parsed.error);
    }
    const opened = await openBackend(
      options.value.backend,
      options.value.schedule,
    );
    if (!opened.ok) {
      return failed(io, opened.error);
    }
    const backend = opened.value;
    try {
      // An invalid program is reported as such before its inputs are looked at.
      const report = validateProgram(parsed.value, {
        capabilities: backend.capabilities,
      });
      if (!report.ok) {
        return failed(io, new ProgramValidationError('run', report.errors));
      }
      const inputs = await readRunInputs(parsed.value, inputSpecs(args));
      if (!inputs.ok) {
        return failed(io, inputs.error);
      }
      if (backend.cpuRef !== undefined && args.values['race-check'] === true) {
        const race = await backend.cpuRef.raceCheck(
          parsed.value,
          inputs.value,
          options.value.config,
        );
        if (!race.ok) {
          return failed(io, race.error);
        }
        io.out(
          args.values['json'] === true
            ? `${JSON.stringify(race.value, undefined, 2)}\n`
            : renderRaceReport(race.value),
        );
        return race.value.racy ? ExitCode.PROBLEM : ExitCode.OK;
      }
      const result = await backend.run(
        parsed.value,
        inputs.value,
        options.value.config,
      );
      if (!result.ok) {
        return failed(io, result.error);
      }
      const outputs = namedOutputs(parsed.value, result.value.outputs);
      const out = args.values['out'];
      const files: Record<string, string> = {};
      if (typeof out === 'string') {
        for (const output of outputs) {
          const path = join(out, `${output.name}.bin`);
          const written = await writeOutputFile(path, output.bytes, out);
          if (!written.ok) {
            return failed(io, written.error);
          }
          files[output.name] = path;
        }
      }
      if (args.values['json'] === true) {
        const report = {
          ...result.value.summary,
          outputs: Object.fromEntries(
            outputs.map((output) => [
              output.name,
              {
                element: output.element,
                byteLength: output.bytes.byteLength,
                ...(output.name in files
                  ? { file: files[output.name] }
                  : { values: decodeValues(output.element, output.bytes) }),
              },
            ]),
          ),
        };
        io.out(`${JSON.stringify(report, undefined, 2)}\n`);
        return ExitCode.OK;
      }
      for (const output of outputs) {
        const file = files[output.name];
        io.out(
          file === undefined
            ? `${output.name} (${output.element}): ${JSON.stringify(decodeValues(output.element, output.bytes))}\n`
            : `${output.name} (${output.element}): wrote ${output.bytes.byteLength} bytes to ${file}\n`,
        );
      }
      io.err(`${result.value.line}\n`);
      return ExitCode.OK;
    } finally {
      backend.dispose();
    }
  },
};

function inputSpecs(args: CommandArgs): string[] {
  const value: unknown = args.values['input'];
  if (Array.isArray(value)) {
    return value.filter((item): item is string => typeof item === 'string');
  }
  return typeof value === 'string' ? [value] : [];
}

function namedOutputs(
  program: Program,
  outputs: readonly Uint8Array[],
): Array<{
  name: string;
  element: Program['buffers'][number]['element'];
  bytes: Uint8Array;
}> {
  return planBindings(program).outputs.flatMap((index, position) => {
    const decl = program.buffers[index];
    const bytes = outputs[position];
    return decl === undefined || bytes === undefined
      ? []
      : [{ name: decl.name, element: decl.element, bytes }];
  });
}

function renderRaceReport(report: RaceReport): string {
  if (!report.racy) {
    return `race-free: ${report.schedules.join(', ')} give identical outputs, and no two unordered invocations write one word of an 8/16-bit buffer\n`;
  }
  const lines: string[] = [];
  const differing = report.differences.length;
  if (differing > 0) {
    lines.push(
      `racy: ${differing} output${differing === 1 ? '' : 's'} depend${differing === 1 ? 's' : ''} on the lane order`,
      ...report.differences.map(
        (difference) =>
          `  ${difference.output}: ${difference.schedules[0]} and ${difference.schedules[1]} differ from byte ${difference.firstDifferentByte}`,
      ),
    );
  }
  const words = report.narrowStoreConflictWords;
  if (words > 0) {
    lines.push(
      `racy: ${words} word${words === 1 ? '' : 's'} of 8/16-bit buffers written by unordered invocations (a GPU rewrites the whole word, so one write can be lost)`,
      ...report.narrowStoreConflicts.map(
        (conflict) =>
          `  ${conflict.buffer}${conflict.workgroup === undefined ? '' : ` (workgroup ${conflict.workgroup})`}: word ${conflict.word}, invocations ${conflict.invocations[0]} and ${conflict.invocations[1]}`,
      ),
    );
    if (report.narrowStoreConflicts.length < words) {
      lines.push(
        `  ... and ${words - report.narrowStoreConflicts.length} more`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

function failed(io: CommandIo, error: StackError): ExitCode {
  io.error(error);
  if (error instanceof ProgramValidationError) {
    for (const diagnostic of error.diagnostics) {
      io.err(`${formatDiagnostic(diagnostic)}\n`);
    }
  }
  return error.code === 'CLI_USAGE' ? ExitCode.USAGE : ExitCode.PROBLEM;
}
