import type { ValidationCode, ValidationPhase } from './validation-code.ts';

/**
 * Where a diagnostic points: a JSON Pointer (RFC 6901) into the program's JSON form, such as
 * `/entry/0/body/2/value/left` or `/buffers/1/count`, plus the buffer involved, if any.
 *
 * @public
 */
export interface DiagnosticLocation {
  readonly path: string;
  readonly buffer?: string;
}

/**
 * One finding of the validator.
 *
 * @public
 */
export interface Diagnostic {
  readonly code: ValidationCode;
  readonly severity: 'error' | 'warning';
  readonly phase: ValidationPhase;
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
  readonly ok: boolean;
  readonly errors: readonly Diagnostic[];
  readonly warnings: readonly Diagnostic[];
}
