import type { StackError } from '@vyre/foundation';
import { ProgramValidationError } from '@vyre/ir';
import type { CliIo, CommandIo } from './cli-io.ts';
import { formatDiagnostic } from './diagnostic-text.ts';

// The CommandIo of one invocation: failures printed as text on standard error, and as one JSON object on
// standard output when the command line asked for `--json`.

/** A failure as `--json` prints it. */
interface JsonFailure {
  readonly ok: false;
  readonly error: {
    readonly code: string;
    readonly message: string;
    readonly hint: string;
    /** A validation failure's diagnostics, formatted as the text output prints them. */
    readonly diagnostics?: readonly string[];
  };
}

/** The JSON form of `error`. */
function jsonFailure(error: StackError): JsonFailure {
  return {
    ok: false,
    error: {
      code: error.code,
      message: error.message,
      hint: error.hint,
      ...(error instanceof ProgramValidationError
        ? { diagnostics: error.diagnostics.map(formatDiagnostic) }
        : {}),
    },
  };
}

/** `io` for a command, printing failures as JSON too when `json` is set. */
export function commandIo(io: CliIo, json: boolean): CommandIo {
  let wroteOut = false;
  return {
    out: (text) => {
      wroteOut = true;
      io.out(text);
    },
    err: io.err,
    ...(io.errIsTerminal === undefined
      ? {}
      : { errIsTerminal: io.errIsTerminal }),
    error: (error) => {
      io.err(`error: ${error.format()}\n`);
      if (json && !wroteOut) {
        wroteOut = true;
        io.out(`${JSON.stringify(jsonFailure(error), undefined, 2)}\n`);
      }
    },
  };
}
