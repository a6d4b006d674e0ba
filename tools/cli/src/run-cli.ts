import { parseArgs } from 'node:util';
import { StackError } from '@vyre/foundation';
import type { CliIo } from './cli-io.ts';
import { commandHelp, type CommandSpec } from './command-spec.ts';
import { benchCommand } from './commands/bench.ts';
import { demoCommand } from './commands/demo.ts';
import { diffCommand } from './commands/diff.ts';
import { doctorCommand } from './commands/doctor.ts';
import { emitCommand } from './commands/emit.ts';
import { runCommand } from './commands/run.ts';
import { soakCommand } from './commands/soak.ts';
import { telemetryCommand } from './commands/telemetry.ts';
import { validateCommand } from './commands/validate.ts';
import { ExitCode } from './exit-code.ts';

const COMMANDS: readonly CommandSpec[] = [
  doctorCommand,
  demoCommand,
  validateCommand,
  emitCommand,
  runCommand,
  diffCommand,
  benchCommand,
  soakCommand,
  telemetryCommand,
];

const USAGE = [
  'Usage: vyre <command> [options]',
  '',
  'Commands:',
  ...COMMANDS.map(
    (command) => `  ${command.name.padEnd(10)} ${command.summary}`,
  ),
  '',
  'Run `vyre <command> --help` for its options and examples.',
  '',
  'Exit codes: 0 ok, 1 a problem was found (invalid program, missing adapter, ...), 2 invalid command line.',
  '',
].join('\n');

/** Runs one CLI invocation and returns its exit code; never throws for bad input. */
export async function runCli(
  argv: readonly string[],
  io: CliIo,
): Promise<ExitCode> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h') {
    io.out(USAGE);
    return name === undefined ? ExitCode.USAGE : ExitCode.OK;
  }
  const command = COMMANDS.find((candidate) => candidate.name === name);
  if (command === undefined) {
    const names = COMMANDS.map((candidate) => candidate.name).join(', ');
    return usageError(
      io,
      `unknown command "${name}": expected one of ${names}, found "${name}".`,
    );
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: [...rest],
      allowPositionals: true,
      strict: true,
      options: { ...command.options, help: { type: 'boolean', short: 'h' } },
    });
  } catch (thrown) {
    return usageError(
      io,
      `${command.name}: ${thrown instanceof Error ? thrown.message : String(thrown)}`,
    );
  }
  if (parsed.values['help'] === true) {
    io.out(commandHelp(command));
    return ExitCode.OK;
  }
  const { min, max } = command.positionals;
  if (parsed.positionals.length < min || parsed.positionals.length > max) {
    const expected = min === max ? `${min}` : `${min} to ${max}`;
    return usageError(
      io,
      `${command.name} takes ${expected} argument${max === 1 ? '' : 's'}: expected ${command.usage}, found ${parsed.positionals.length} (${parsed.positionals.join(' ') || 'none'}).`,
    );
  }
  return command.run(
    {
      positionals: parsed.positionals,
      values: parsed.values as Record<string, string | boolean | undefined>,
    },
    io,
  );
}

function usageError(io: CliIo, message: string): ExitCode {
  io.err(`error: ${new StackError('CLI_USAGE', message).format()}\n`);
  return ExitCode.USAGE;
}
