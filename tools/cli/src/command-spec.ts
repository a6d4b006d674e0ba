import type { ParseArgsConfig } from 'node:util';
import type { CommandIo } from './cli-io.ts';
import type { ExitCode } from './exit-code.ts';

/** The option declarations of one command, as `node:util` parseArgs takes them. */
export type CommandOptions = NonNullable<ParseArgsConfig['options']>;

/** The parsed command line a command receives. */
export interface CommandArgs {
  readonly positionals: readonly string[];
  readonly values: Readonly<Record<string, string | boolean | undefined>>;
}

/** One `vyre` command: its help text, its options, and how to run it. */
export interface CommandSpec {
  readonly name: string;
  /** One line for `vyre --help`. */
  readonly summary: string;
  /** For example `vyre validate <program.json|-> [options]`. */
  readonly usage: string;
  /** Lines describing each option, for `vyre <command> --help`. */
  readonly optionHelp: readonly string[];
  /** When the command exits 1, for its help's exit codes (finishing "1 "). */
  readonly exitProblem: string;
  readonly examples: readonly string[];
  readonly options: CommandOptions;
  /** How many positional arguments the command takes. */
  readonly positionals: { readonly min: number; readonly max: number };
  readonly run: (args: CommandArgs, io: CommandIo) => Promise<ExitCode>;
}

/** `vyre <command> --help`. */
export function commandHelp(spec: CommandSpec): string {
  return [
    `Usage: ${spec.usage}`,
    '',
    spec.summary,
    '',
    'Options:',
    ...spec.optionHelp.map((line) => `  ${line}`),
    '  -h, --help         Show this help.',
    '',
    'Examples:',
    ...spec.examples.map((line) => `  ${line}`),
    '',
    'Exit codes:',
    '  0  done, nothing wrong found',
    `  1  ${spec.exitProblem}`,
    '  2  invalid command line (CLI_USAGE)',
    'Errors print as `error: [CODE] message` and a `Fix:` line on standard error; with --json, also as',
    '{"ok": false, "error": {"code", "message", "hint"}} on standard output.',
    '',
  ].join('\n');
}
