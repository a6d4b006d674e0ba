import { err, StackError, type Result } from '@vyre/foundation';

/** A `CLI_USAGE` failure: the command line itself is wrong (exit code 2). */
export function cliUsage(message: string): Result<never> {
  return err(new StackError('CLI_USAGE', message));
}
