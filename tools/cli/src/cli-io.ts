import type { StackError } from '@vyre/foundation';

/**
 * Where a command writes. `process.stdout`/`stderr` in the binary; string sinks in tests.
 */
export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  /** Standard error is a terminal: progress redraws in place (default: a line per tenth, for logs). */
  readonly errIsTerminal?: boolean;
}

/** What a command receives: its sinks, and one way to report a failure. */
export interface CommandIo extends CliIo {
  /**
   * Reports a failure: `error: [CODE] message` and its `Fix:` on standard error, and under `--json`
   * also `{ "ok": false, "error": { code, message, hint } }` on standard output (unless the command
   * already wrote its result there), so that scripts read one JSON document either way.
   */
  readonly error: (error: StackError) => void;
}

export const processIo: CliIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  errIsTerminal: process.stderr.isTTY,
};
