import {
  BASELINE_WGSL_CAPABILITIES,
  type TargetCapabilities,
} from './target-capabilities.ts';
import type { ValidationReport } from './diagnostic.ts';
import type { Program } from './program.ts';

/**
 * Options for {@link validateProgram}.
 *
 * @public
 */
export interface ValidationOptions {
  /** What the target can lower; defaults to {@link BASELINE_WGSL_CAPABILITIES}. */
  readonly capabilities?: TargetCapabilities;
}

/**
 * Checks a program against every rule of `docs/validation.md`.
 *
 * @remarks
 * PLACEHOLDER while the validator is written in parallel: it accepts everything. Replaced before this
 * work lands.
 *
 * @param program - the program to check
 * @param options - the target's capabilities
 *
 * @public
 */
export function validateProgram(
  program: Program,
  options: ValidationOptions = {},
): ValidationReport {
  void program;
  void (options.capabilities ?? BASELINE_WGSL_CAPABILITIES);
  return { ok: true, errors: [], warnings: [] };
}
