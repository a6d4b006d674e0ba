import type { Diagnostic, ValidationReport } from './diagnostic.ts';
import type { Program } from './program.ts';
import {
  BASELINE_WGSL_CAPABILITIES,
  type TargetCapabilities,
} from './target-capabilities.ts';
import { checkUniformity } from './uniformity-check.ts';
import { ValidationContext } from './validate-context.ts';
import {
  checkBuffers,
  checkWorkgroupSize,
  isRecord,
} from './validate-program-rules.ts';
import { walkEntry } from './validate-statements.ts';
import { describeValue } from './validate-value-description.ts';

/**
 * Options for {@link validateProgram}.
 *
 * @public
 */
export interface ValidationOptions {
  /** What the target can lower, and its limits; defaults to {@link BASELINE_WGSL_CAPABILITIES}. */
  readonly capabilities?: TargetCapabilities;
}

/**
 * Checks a program against every rule of `docs/validation.md`.
 *
 * @remarks
 * Reports every problem it finds, in program order, each at a JSON Pointer into the program's JSON
 * form; a mistake is reported once, not again by every expression that depends on it. It never throws
 * on a value shaped like a program, however malformed its contents (unknown kinds, operators or
 * element types are reported, mostly as V056), and never recurses deeper than the nesting limits of
 * {@link ValidationLimits}. One pass over the program, plus a solve of the uniformity graph when it
 * has barriers or subgroup collectives.
 *
 * @param program - the program to check
 * @param options - the target's capabilities
 *
 * @example
 * ```ts
 * import { gidX, outputBuffer, program, store, u32, validateProgram } from '@vyre/ir';
 * const report = validateProgram(
 *   program({ buffers: [outputBuffer('out', 0, 'u32', 64)], entry: [store('out', gidX(), u32(1))] }),
 * );
 * report.ok; // true
 * ```
 *
 * @public
 */
export function validateProgram(
  program: Program,
  options: ValidationOptions = {},
): ValidationReport {
  const ctx = new ValidationContext(
    options.capabilities ?? BASELINE_WGSL_CAPABILITIES,
  );
  if (isRecord(program)) {
    checkWorkgroupSize(ctx, program.workgroupSize);
    checkBuffers(ctx, program.buffers);
    walkEntry(ctx, program.entry);
    checkUniformity(ctx);
  } else {
    ctx.report(
      'V056',
      0,
      '',
      `the program is ${describeValue(program)}: expected an object with workgroupSize, buffers and entry`,
    );
  }
  const errors: Diagnostic[] = [];
  const warnings: Diagnostic[] = [];
  for (const diagnostic of ctx.diagnostics()) {
    (diagnostic.severity === 'error' ? errors : warnings).push(diagnostic);
  }
  return { ok: errors.length === 0, errors, warnings };
}
