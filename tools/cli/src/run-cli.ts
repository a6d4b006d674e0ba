import { parseArgs } from 'node:util';
import { InternalError, StackError } from '@vyre/foundation';
import type { CliIo, CommandIo } from './cli-io.ts';
import { commandIo } from './command-io.ts';
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
import { versionText } from './version.ts';

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
  'Run `vyre <command> --help` for its options and examples; `vyre --version` for the version.',
  '',
  'Exit codes: 0 ok, 1 a problem was found (invalid program, missing adapter, ...), 2 invalid command line.',
  'Errors print as `error: [CODE] message` and `Fix: ...` on standard error (docs/errors.md lists the codes);',
  'with --json, also as {"ok": false, "error": {...}} on standard output.',
  '',
].join('\n');

/**
 * Runs one CLI invocation and returns its exit code. It never throws: bad input is a coded error, and
 * anything a command throws is reported as `INTERNAL_BUG` (exit 1).
 */
export async function runCli(
  argv: readonly string[],
  io: CliIo,
): Promise<ExitCode> {
  const [name, ...rest] = argv;
  if (name === '--help' || name === '-h') {
    io.out(USAGE);
    return ExitCode.OK;
  }
  if (name === undefined) {
    io.err(USAGE);
    return ExitCode.USAGE;
  }
  if (name === '--version' || name === '-V') {
    io.out(versionText());
    return ExitCode.OK;
  }
  // One sink for the whole invocation, so that under --json at most one document reaches standard output.
  const cio = commandIo(io, argv.includes('--json'));
  const command = COMMANDS.find((candidate) => candidate.name === name);
  if (command === undefined) {
    const names = COMMANDS.map((candidate) => candidate.name).join(', ');
    return usageError(
      cio,
      `unknown command "${name}": expected one of ${names}, found "${name}".`,
      'Run `vyre --help` for the commands.',
    );
  }
  try {
    return await runOne(command, rest, cio);
  } catch (thrown) {
    cio.error(
      new InternalError(
        `vyre ${command.name} threw instead of returning a result or a coded error: ${thrown instanceof Error ? thrown.message : String(thrown)}`,
        { cause: thrown },
      ),
    );
    // The stack, for the bug report: on standard error only.
    if (thrown instanceof Error && thrown.stack !== undefined) {
      io.err(`${thrown.stack}\n`);
    }
    return ExitCode.PROBLEM;
  }
}

async function runOne(
  command: CommandSpec,
  rest: readonly string[],
  io: CommandIo,
): Promise<ExitCode> {
  const helpHint = `Run \`vyre ${command.name} --help\` for its options and examples.`;
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
      helpHint,
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
      helpHint,
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

function usageError(io: CommandIo, message: string, hint: string): ExitCode {
  io.error(new StackError('CLI_USAGE', message, { hint }));
  return ExitCode.USAGE;
}
