import { err, ok, StackError, type Result } from '@vyre/foundation';
import type { BindingPlan } from './binding-plan.ts';
import type { Diagnostic } from './diagnostic.ts';
import type { DispatchConfig } from './dispatch-config.ts';
import type { PreparedDispatch } from './prepare-dispatch.ts';
import type { Program } from './program.ts';
import { ProgramValidationError } from './program-validation-error.ts';
import type { TargetCapabilities } from './target-capabilities.ts';
import { validateProgram } from './validate.ts';

// The checks every way of preparing a dispatch shares: the workgroup size and the program against the
// target, and, once the bound sizes are known, the readback ranges and the grid.

export const roundUp4 = (bytes: number): number => Math.ceil(bytes / 4) * 4;

export function problem(
  code:
    | 'DISPATCH_INPUT_COUNT'
    | 'DISPATCH_INPUT_SIZE'
    | 'DISPATCH_GRID_REQUIRED'
    | 'DISPATCH_GRID_INVALID'
    | 'DISPATCH_WORKGROUP_INVALID'
    | 'DISPATCH_TOO_LARGE',
  message: string,
): Result<never> {
  return err(new StackError(code, message));
}

function describeAxes(axes: readonly unknown[]): string {
  return `[${axes.map(String).join(', ')}]`;
}

function checkAxes(
  what: string,
  axes: unknown,
  maxima: readonly [number, number, number],
  code: 'DISPATCH_GRID_INVALID' | 'DISPATCH_WORKGROUP_INVALID',
): Result<readonly [number, number, number]> {
  if (!Array.isArray(axes) || axes.length !== 3) {
    return problem(
      code,
      `${what} must have three axes: expected [x, y, z], found ${String(axes)}.`,
    );
  }
  for (let axis = 0; axis < 3; axis++) {
    const value: unknown = axes[axis];
    const max = maxima[axis] ?? 0;
    if (
      typeof value !== 'number' ||
      !Number.isInteger(value) ||
      value < 1 ||
      value > max
    ) {
      return problem(
        code,
        `${what} ${describeAxes(axes)} is out of range on axis ${'xyz'[axis] ?? axis}: expected an integer in 1..${max}, found ${String(value)}.`,
      );
    }
  }
  return ok(axes as unknown as readonly [number, number, number]);
}

/** The workgroup size in effect and the program as it will run (validated for the target). */
export function checkProgramShape(
  program: Program,
  config: DispatchConfig,
  capabilities: TargetCapabilities,
): Result<{
  readonly workgroup: readonly [number, number, number];
  readonly effective: Program;
}> {
  const { limits } = capabilities;
  const workgroup = checkAxes(
    config.workgroupOverride === undefined
      ? 'the workgroup size'
      : 'workgroupOverride',
    config.workgroupOverride ?? program.workgroupSize,
    [
      limits.maxComputeWorkgroupSizeX,
      limits.maxComputeWorkgroupSizeY,
      limits.maxComputeWorkgroupSizeZ,
    ],
    'DISPATCH_WORKGROUP_INVALID',
  );
  if (!workgroup.ok) {
    return workgroup;
  }
  const [wx, wy, wz] = workgroup.value;
  if (wx * wy * wz > limits.maxComputeInvocationsPerWorkgroup) {
    return problem(
      'DISPATCH_WORKGROUP_INVALID',
      `the workgroup size ${describeAxes(workgroup.value)} is too large: expected at most ${limits.maxComputeInvocationsPerWorkgroup} invocations, found ${wx * wy * wz}.`,
    );
  }
  const effective =
    config.workgroupOverride === undefined
      ? program
      : { ...program, workgroupSize: workgroup.value };
  const errors = validationErrors(effective, capabilities);
  if (errors.length > 0) {
    return err(new ProgramValidationError('dispatch', errors));
  }
  return ok({ workgroup: workgroup.value, effective });
}

// Programs are immutable, so a program object validated once for a target stays valid for it: the
// errors are remembered per program object and capabilities object, and repeated dispatches of one
// program skip validation.
const validated = new WeakMap<
  Program,
  WeakMap<TargetCapabilities, readonly Diagnostic[]>
>();

function validationErrors(
  program: Program,
  capabilities: TargetCapabilities,
): readonly Diagnostic[] {
  let byTarget = validated.get(program);
  const known = byTarget?.get(capabilities);
  if (known !== undefined) {
    return known;
  }
  const { errors } = validateProgram(program, { capabilities });
  if (byTarget === undefined) {
    byTarget = new WeakMap();
    validated.set(program, byTarget);
  }
  byTarget.set(capabilities, errors);
  return errors;
}

/** Completes a prepared dispatch from the bound sizes: checks them, then the readback ranges and grid. */
export function finishPrepared(
  shape: {
    readonly workgroup: readonly [number, number, number];
    readonly effective: Program;
  },
  plan: BindingPlan,
  bound: {
    readonly elementCounts: readonly number[];
    readonly boundByteLengths: readonly number[];
    readonly inputs: readonly (Uint8Array | undefined)[];
  },
  config: DispatchConfig,
  capabilities: TargetCapabilities,
): Result<PreparedDispatch> {
  const { limits } = capabilities;
  const { effective: program, workgroup } = shape;
  const [wx, wy, wz] = workgroup;
  const { elementCounts, boundByteLengths } = bound;
  for (const [index, decl] of program.buffers.entries()) {
    const bytes = boundByteLengths[index] ?? 0;
    if (bytes > limits.maxStorageBufferBindingSize) {
      return problem(
        'DISPATCH_TOO_LARGE',
        `buffer "${decl.name}" is too large: expected at most the backend's storage binding limit of ${limits.maxStorageBufferBindingSize} bytes, found ${bytes}.`,
      );
    }
  }
  const readback = plan.outputs.map((index) => {
    const decl = program.buffers[index];
    const range = decl?.outputByteRange;
    // A runtime-sized buffer reads back what its input held (an empty input binds one padding element).
    const given =
      decl?.count === 0 ? bound.inputs[index]?.byteLength : undefined;
    const bytes = given ?? boundByteLengths[index] ?? 0;
    return range === undefined
      ? { byteOffset: 0, byteLength: bytes }
      : { byteOffset: range.start, byteLength: range.end - range.start };
  });

  let grid: readonly [number, number, number];
  if (config.gridOverride !== undefined) {
    const checked = checkAxes(
      'gridOverride',
      config.gridOverride,
      [
        limits.maxComputeWorkgroupsPerDimension,
        limits.maxComputeWorkgroupsPerDimension,
        limits.maxComputeWorkgroupsPerDimension,
      ],
      'DISPATCH_GRID_INVALID',
    );
    if (!checked.ok) {
      return checked;
    }
    grid = checked.value;
  } else if (wy !== 1 || wz !== 1) {
    return problem(
      'DISPATCH_GRID_REQUIRED',
      `the workgroup size ${describeAxes(workgroup)} is not 1-D: expected a gridOverride, found none.`,
    );
  } else {
    const floor = config.dispatchElements ?? 0;
    if (!Number.isInteger(floor) || floor < 0) {
      return problem(
        'DISPATCH_GRID_INVALID',
        `dispatchElements must be a non-negative integer: expected 0..${limits.maxComputeWorkgroupsPerDimension * wx}, found ${String(floor)}.`,
      );
    }
    const largestOutput = Math.max(
      0,
      ...plan.outputs.map((index) => elementCounts[index] ?? 0),
    );
    const invocations = Math.max(largestOutput, floor, 1);
    const x = Math.ceil(invocations / wx);
    if (x > limits.maxComputeWorkgroupsPerDimension) {
      return problem(
        'DISPATCH_TOO_LARGE',
        `covering ${invocations} invocations with workgroups of ${wx} is too large: expected at most ${limits.maxComputeWorkgroupsPerDimension} workgroups per dimension, found ${x} (pass a 2-D gridOverride, or split the work).`,
      );
    }
    grid = [x, 1, 1];
  }

  return ok({
    program,
    plan,
    workgroupSize: workgroup,
    grid,
    elementCounts,
    boundByteLengths,
    inputs: bound.inputs,
    readback,
  });
}
