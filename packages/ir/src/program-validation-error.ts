import { StackError } from '@vyre/foundation';
import type { Diagnostic } from './diagnostic.ts';

/**
 * The error an operation returns when its program does not validate (code `IR_INVALID_PROGRAM`); it
 * carries every error diagnostic.
 *
 * @public
 */
export class ProgramValidationError extends StackError {
  /** Always `'ProgramValidationError'`. */
  override readonly name: string = 'ProgramValidationError';
  /** The validator's error diagnostics, in program order. */
  readonly diagnostics: readonly Diagnostic[];

  /**
   * @param operation - what needed a valid program (for example `'emitWgsl'`)
   * @param diagnostics - the error diagnostics (at least one)
   */
  constructor(operation: string, diagnostics: readonly Diagnostic[]) {
    const first = diagnostics[0];
    const summary =
      first === undefined
        ? 'no diagnostics'
        : `${first.code} at ${first.location.path}: ${first.message}`;
    super(
      'IR_INVALID_PROGRAM',
      `${operation} needs a valid program: expected no validation errors, found ${diagnostics.length} (first: ${summary}).`,
      first === undefined ? {} : { hint: first.hint },
    );
    this.diagnostics = diagnostics;
  }
}
