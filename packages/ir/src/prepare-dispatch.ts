import { err, ok, StackError, type Result } from '@vyre/foundation';
import { planBindings, type BindingPlan } from './binding-plan.ts';
import type { BufferDecl } from './buffer-decl.ts';
import type { DataType } from './data-type.ts';
import type { DispatchConfig } from './dispatch-config.ts';
import type { Program } from './program.ts';
import { ProgramValidationError } from './program-validation-error.ts';
import type { TargetCapabilities } from './target-capabilities.ts';
import { validateProgram } from './validate.ts';

/**
 * Everything a backend needs to run one dispatch, checked once for every backend by
 * {@link prepareDispatch}.
 *
 * @public
 */
export interface PreparedDispatch {
  readonly program: Program;
  readonly plan: BindingPlan;
  /** The workgroup size in effect (the override, or the program's). */
  readonly workgroupSize: readonly [number, number, number];
  /** Workgroups along x, y and z. */
  readonly grid: readonly [number, number, number];
  /** Elements of each buffer, by declaration index: the static count, or what the bound input holds. */
  readonly elementCounts: readonly number[];
  /** Bytes bound for each buffer, by declaration index (a multiple of 4; 0 for workgroup buffers). */
  readonly boundByteLengths: readonly number[];
  /** The input bound to each buffer, by declaration index (`undefined` for outputs and workgroup buffers). */
  readonly inputs: readonly (Uint8Array | undefined)[];
  /** For each entry of `plan.outputs`: the byte range of the bound buffer that is read back. */
  readonly readback: readonly {
    readonly byteOffset: number;
    readonly byteLength: number;
  }[];
}

/**
 * Bytes one element of `type` occupies in a storage buffer (narrow integers are packed).
 *
 * @param type - an element type
 *
 * @public
 */
export function storageElementSize(type: DataType): number {
  switch (type) {
    case 'u8':
    case 'i8':
      return 1;
    case 'u16':
    case 'i16':
    case 'f16':
      return 2;
    case 'u32':
    case 'i32':
    case 'f32':
    case 'bool':
      return 4;
    case 'u64':
    case 'i64':
    case 'vec2u32':
      return 8;
    case 'vec4u32':
      return 16;
  }
}

const roundUp4 = (bytes: number): number => Math.ceil(bytes / 4) * 4;

function problem(
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

function inputFor(
  decl: BufferDecl,
  input: unknown,
  position: number,
  maxBytes: number,
): Result<Uint8Array> {
  const size = storageElementSize(decl.element);
  if (!(input instanceof Uint8Array)) {
    return problem(
      'DISPATCH_INPUT_SIZE',
      `input ${position} (buffer "${decl.name}") is not a Uint8Array: expected the buffer's bytes, found ${input === null ? 'null' : typeof input}.`,
    );
  }
  const granule = Math.max(4, size);
  if (input.byteLength % granule !== 0) {
    return problem(
      'DISPATCH_INPUT_SIZE',
      `input ${position} (buffer "${decl.name}", ${decl.element}) is ${input.byteLength} bytes: expected a multiple of ${granule}, found ${input.byteLength}.`,
    );
  }
  const required = roundUp4(decl.count * size);
  if (input.byteLength < required) {
    return problem(
      'DISPATCH_INPUT_SIZE',
      `input ${position} (buffer "${decl.name}", ${decl.count} × ${decl.element}) is too short: expected at least ${required} bytes, found ${input.byteLength}.`,
    );
  }
  if (input.byteLength > maxBytes) {
    return problem(
      'DISPATCH_TOO_LARGE',
      `input ${position} (buffer "${decl.name}") is too large: expected at most the backend's storage binding limit of ${maxBytes} bytes, found ${input.byteLength}.`,
    );
  }
  return ok(input);
}

/**
 * Checks a dispatch once, for every backend: the program validates for the backend's capabilities;
 * the number, types and sizes of the inputs match the binding ABI; the workgroup size and grid fit the
 * limits. It infers the grid when the config gives none.
 *
 * @remarks
 * Grid inference: `config.gridOverride` wins; a 1-D workgroup size gets
 * `ceil(max(largest output element count, config.dispatchElements, 1) / workgroupSize.x)` workgroups;
 * a 2-D or 3-D workgroup size needs `gridOverride` (`DISPATCH_GRID_REQUIRED`). Inputs are `Uint8Array`s
 * whose length is a whole number of elements and of 4-byte words; a buffer with a static count binds
 * exactly its (word-padded) static size, even when the input is longer.
 *
 * @param program - the program to run
 * @param inputs - one byte array per input of the binding ABI, in order
 * @param config - overrides and the dispatch-elements floor
 * @param capabilities - the backend's capabilities and limits
 *
 * @public
 */
export function prepareDispatch(
  program: Program,
  inputs: readonly Uint8Array[],
  config: DispatchConfig,
  capabilities: TargetCapabilities,
): Result<PreparedDispatch> {
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
  const report = validateProgram(effective, { capabilities });
  if (!report.ok) {
    return err(new ProgramValidationError('dispatch', report.errors));
  }

  const plan = planBindings(program);
  if (!Array.isArray(inputs) || inputs.length !== plan.inputs.length) {
    const names = plan.inputs
      .map((index) => program.buffers[index]?.name ?? '?')
      .join(', ');
    return problem(
      'DISPATCH_INPUT_COUNT',
      `the program takes ${plan.inputs.length} input${plan.inputs.length === 1 ? '' : 's'} (${names || 'none'}): expected ${plan.inputs.length}, found ${Array.isArray(inputs) ? inputs.length : String(inputs)}.`,
    );
  }

  const bound: (Uint8Array | undefined)[] = program.buffers.map(
    () => undefined,
  );
  for (const [position, index] of plan.inputs.entries()) {
    const decl = program.buffers[index];
    if (decl === undefined) {
      continue;
    }
    const checked = inputFor(
      decl,
      inputs[position],
      position,
      limits.maxStorageBufferBindingSize,
    );
    if (!checked.ok) {
      return checked;
    }
    bound[index] = checked.value;
  }

  const elementCounts: number[] = [];
  const boundByteLengths: number[] = [];
  for (const [index, decl] of program.buffers.entries()) {
    const size = storageElementSize(decl.element);
    const input = bound[index];
    if (decl.access === 'workgroup') {
      elementCounts.push(decl.count);
      boundByteLengths.push(0);
    } else if (decl.count > 0) {
      elementCounts.push(decl.count);
      boundByteLengths.push(roundUp4(decl.count * size));
    } else {
      const bytes = input?.byteLength ?? 0;
      elementCounts.push(bytes / size);
      boundByteLengths.push(bytes);
    }
    const bytes = boundByteLengths[index] ?? 0;
    if (bytes > limits.maxStorageBufferBindingSize) {
      return problem(
        'DISPATCH_TOO_LARGE',
        `buffer "${decl.name}" is too large: expected at most the backend's storage binding limit of ${limits.maxStorageBufferBindingSize} bytes, found ${bytes}.`,
      );
    }
  }

  const readback = plan.outputs.map((index) => {
    const range = program.buffers[index]?.outputByteRange;
    const bytes = boundByteLengths[index] ?? 0;
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
      `the workgroup size ${describeAxes(workgroup.value)} is not 1-D: expected a gridOverride, found none.`,
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
    program: effective,
    plan,
    workgroupSize: workgroup.value,
    grid,
    elementCounts,
    boundByteLengths,
    inputs: bound,
    readback,
  });
}
