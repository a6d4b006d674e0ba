import { parseArgs } from 'node:util';
import { StackError } from '@vyre/foundation';
import type { CliIo } from './cli-io.ts';
import { runDoctor } from './commands/doctor.ts';
import { ExitCode } from './exit-code.ts';

const COMMANDS = ['doctor'] as const;
type CommandName = (typeof COMMANDS)[number];

const USAGE = `Usage: vyre <command> [options]

Commands:
  doctor     Check Node, pnpm and the WebGPU adapter; print a fix for anything missing.

Options:
  --json     Print machine-readable JSON (doctor).
  -h, --help Show this help.

Examples:
  vyre doctor
  vyre doctor --json

Exit codes: 0 ok, 1 a problem was found, 2 invalid command line.
`;

/** Runs one CLI invocation and returns its exit code; never throws for bad input. */
export async function runCli(
  argv: readonly string[],
  io: CliIo,
): Promise<ExitCode> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (thrown) {
    return usageError(
      io,
      thrown instanceof Error ? thrown.message : String(thrown),
    );
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (values.help === true || command === undefined) {
    io.out(USAGE);
    return command === undefined && values.help !== true
      ? ExitCode.USAGE
      : ExitCode.OK;
  }
  if (!isCommand(command)) {
    return usageError(
      io,
      `unknown command "${command}": expected one of ${COMMANDS.join(', ')}, found "${command}".`,
    );
  }
  if (rest.length > 0) {
    return usageError(
      io,
      `${command} takes no arguments: expected none, found "${rest.join(' ')}".`,
    );
  }
  switch (command) {
    case 'doctor':
      return runDoctor(values.json === true, io);
  }
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

function isCommand(name: string): name is CommandName {
  return (COMMANDS as readonly string[]).includes(name);
}

function usageError(io: CliIo, message: string): ExitCode {
  io.err(`error: ${new StackError('CLI_USAGE', message).format()}\n`);
  return ExitCode.USAGE;
}
