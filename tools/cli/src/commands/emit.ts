import { emitWgsl } from '@vyre/ir';
import {
  CAPABILITY_HELP,
  CAPABILITY_OPTIONS,
  capabilitiesFrom,
} from '../capability-options.ts';
import type { CommandSpec } from '../command-spec.ts';
import { formatDiagnostic } from '../diagnostic-text.ts';
import { ExitCode } from '../exit-code.ts';
import { readProgram } from '../read-program.ts';
import { writeOutputFile } from '../write-files.ts';

export const emitCommand: CommandSpec = {
  name: 'emit',
  summary:
    'Print the WGSL a program compiles to (after validating it), or write it to a file.',
  usage: 'vyre emit <program.json|-> [options]',
  optionHelp: [
    '--out <file>       Write the WGSL to <file> instead of standard output.',
    '--json             Print { code, entryPoint, workgroupSize, bindings, enables } as JSON.',
    ...CAPABILITY_HELP,
  ],
  exitProblem:
    'the program is invalid or cannot be read, or --out cannot be written.',
  examples: [
    'vyre emit examples/programs/add-one.json',
    'vyre emit examples/programs/histogram.json --out histogram.wgsl',
  ],
  options: {
    json: { type: 'boolean' },
    out: { type: 'string' },
    ...CAPABILITY_OPTIONS,
  },
  positionals: { min: 1, max: 1 },
  run: async (args, io) => {
    const parsed = await readProgram(args.positionals[0] ?? '-');
    if (!parsed.ok) {
      io.error(parsed.error);
      return ExitCode.PROBLEM;
    }
    const emitted = emitWgsl(parsed.value, {
      capabilities: capabilitiesFrom(args),
    });
    if (!emitted.ok) {
      io.error(emitted.error);
      for (const diagnostic of emitted.error.diagnostics) {
        io.err(`${formatDiagnostic(diagnostic)}\n`);
      }
      return ExitCode.PROBLEM;
    }
    const text =
      args.values['json'] === true
        ? `${JSON.stringify(emitted.value, undefined, 2)}\n`
        : emitted.value.code;
    const out = args.values['out'];
    if (typeof out === 'string') {
      const written = await writeOutputFile(out, text);
      if (!written.ok) {
        io.error(written.error);
        return ExitCode.PROBLEM;
      }
    } else {
      io.out(text);
    }
    return ExitCode.OK;
  },
};
