import { validateProgram } from '@vyre/ir';
import {
  CAPABILITY_HELP,
  CAPABILITY_OPTIONS,
  capabilitiesFrom,
} from '../capability-options.ts';
import type { CommandSpec } from '../command-spec.ts';
import { formatDiagnostic } from '../diagnostic-text.ts';
import { ExitCode } from '../exit-code.ts';
import { readProgram } from '../read-program.ts';

export const validateCommand: CommandSpec = {
  name: 'validate',
  summary:
    'Check a program (JSON, "format": "vyre.program/v1") and print every diagnostic with its V-code and fix.',
  usage: 'vyre validate <program.json|-> [options]',
  optionHelp: [
    '--json             Print the report { ok, errors, warnings } as JSON (ok false for an invalid',
    '                   program; a program that cannot be read is { ok: false, error }, like every command).',
    ...CAPABILITY_HELP,
  ],
  exitProblem:
    'the program is invalid (an error diagnostic) or cannot be read.',
  examples: [
    'vyre validate examples/programs/add-one.json',
    'cat program.json | vyre validate - --json',
  ],
  options: { json: { type: 'boolean' }, ...CAPABILITY_OPTIONS },
  positionals: { min: 1, max: 1 },
  run: async (args, io) => {
    const parsed = await readProgram(args.positionals[0] ?? '-');
    if (!parsed.ok) {
      io.error(parsed.error);
      return ExitCode.PROBLEM;
    }
    const report = validateProgram(parsed.value, {
      capabilities: capabilitiesFrom(args),
    });
    if (args.values['json'] === true) {
      io.out(`${JSON.stringify(report, undefined, 2)}\n`);
    } else {
      for (const diagnostic of [...report.errors, ...report.warnings]) {
        io.out(`${formatDiagnostic(diagnostic)}\n`);
      }
      io.out(
        report.ok
          ? `valid (${report.warnings.length} warning${report.warnings.length === 1 ? '' : 's'})\n`
          : `invalid: ${report.errors.length} error${report.errors.length === 1 ? '' : 's'}, ${report.warnings.length} warning${report.warnings.length === 1 ? '' : 's'}\n`,
      );
    }
    return report.ok ? ExitCode.OK : ExitCode.PROBLEM;
  },
};
