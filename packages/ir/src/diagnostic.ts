import type { ValidationCode, ValidationPhase } from './validation-code.ts';

/**
 * Where a diagnostic points: a JSON Pointer (RFC 6901) into the program's JSON form, such as
 * `/entry/0/body/2/value/left` or `/buffers/1/count`, plus the buffer involved, if any.
 *
 * @public
 */
export interface DiagnosticLocation {
  /** A JSON Pointer into the program's JSON form. */
  readonly path: string;
  /** The buffer involved, if any. */
  readonly buffer?: string;
}

/**
 * One finding of the validator.
 *
 * @public
 */
export interface Diagnostic {
  /** The validation code. */
  readonly code: ValidationCode;
  /** `error` makes the program invalid; `warning` does not. */
  readonly severity: 'error' | 'warning';
  /** The validation phase the rule belongs to. */
  readonly phase: ValidationPhase;
  /** Where in the program. */
  readonly location: DiagnosticLocation;
  /** What is wrong, what was expected and what was found. */
  readonly message: string;
  /** How to fix it; rendered as "Fix: …". */
  readonly hint: string;
}

/**
 * Everything the validator found; the program is valid when `errors` is empty.
 *
 * @public
 */
export interface ValidationReport {
  /** True when there are no errors. */
  readonly ok: boolean;
  /** Diagnostics that make the program invalid, in program order. */
  readonly errors: readonly Diagnostic[];
  /** Diagnostics that do not, in program order. */
  readonly warnings: readonly Diagnostic[];
}
