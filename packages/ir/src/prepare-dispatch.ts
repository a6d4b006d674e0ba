import { ok, type Result } from '@vyre/foundation';
import { planBindings, type BindingPlan } from './binding-plan.ts';
import type { BufferDecl } from './buffer-decl.ts';
import type { DataType } from './data-type.ts';
import type { DispatchConfig } from './dispatch-config.ts';
import {
  checkProgramShape,
  finishPrepared,
  problem,
  roundUp4,
} from './dispatch-checks.ts';
import type { Program } from './program.ts';
import type { TargetCapabilities } from './target-capabilities.ts';

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
 * exactly its (word-padded) static size, even when the input is longer. An empty input of a
 * runtime-sized buffer binds one zero element (WebGPU has no empty bindings), so `bufLen` sees 1 (4 for
 * 8-bit and 2 for 16-bit elements, which share a word); its output, if it is one, reads back empty.
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
  const shape = checkProgramShape(program, config, capabilities);
  if (!shape.ok) {
    return shape;
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
      capabilities.limits.maxStorageBufferBindingSize,
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
    if (decl.access === 'workgroup') {
      elementCounts.push(decl.count);
      boundByteLengths.push(0);
    } else if (decl.count > 0) {
      elementCounts.push(decl.count);
      boundByteLengths.push(roundUp4(decl.count * size));
    } else {
      // WebGPU cannot bind an empty buffer: an empty runtime-sized buffer binds one zero element.
      const given = bound[index]?.byteLength ?? 0;
      const bytes = given === 0 ? roundUp4(size) : given;
      elementCounts.push(bytes / size);
      boundByteLengths.push(bytes);
    }
  }
  return finishPrepared(
    shape.value,
    plan,
    { elementCounts, boundByteLengths, inputs: bound },
    config,
    capabilities,
  );
}
