import { isBackendAllocatedOutput, type BufferDecl } from './buffer-decl.ts';
import type { Program } from './program.ts';

/**
 * What a buffer is in the binding ABI.
 *
 * @remarks
 * `input` (readOnly) and `uniform` buffers take an input and are not read back; `inputOutput`
 * (readWrite, not backend-allocated) buffers take an input and are read back; `output` buffers are
 * allocated and zero-filled by the backend and read back; `workgroup` buffers are never bound.
 *
 * @public
 */
export type BufferRole =
  'input' | 'uniform' | 'inputOutput' | 'output' | 'workgroup';

/**
 * The binding ABI of a program: which buffers take inputs and which are read back, in declaration
 * order.
 *
 * @public
 */
export interface BindingPlan {
  /** The role of each buffer, by declaration index. */
  readonly roles: readonly BufferRole[];
  /** Declaration indices of the buffers that take an input, in the order inputs are passed. */
  readonly inputs: readonly number[];
  /** Declaration indices of the buffers that are read back, in the order outputs are returned. */
  readonly outputs: readonly number[];
}

/**
 * The role of one buffer in the binding ABI.
 *
 * @param decl - the buffer
 *
 * @public
 */
export function bufferRole(decl: BufferDecl): BufferRole {
  if (decl.access === 'workgroup') {
    return 'workgroup';
  }
  if (isBackendAllocatedOutput(decl)) {
    return 'output';
  }
  switch (decl.access) {
    case 'readOnly':
      return 'input';
    case 'uniform':
      return 'uniform';
    case 'readWrite':
    case 'writeOnly':
      return 'inputOutput';
  }
}

/**
 * The binding ABI of `program`: inputs are the read-only, uniform and read-write buffers that the
 * backend does not allocate, in declaration order; outputs are the writable buffers (read-write and
 * backend-allocated), in declaration order.
 *
 * @param program - the program
 *
 * @example
 * ```ts
 * import { outputBuffer, planBindings, program, readBuffer, ret } from '@vyre/ir';
 * const plan = planBindings(program({ buffers: [readBuffer('a', 0, 'u32'), outputBuffer('out', 1, 'u32', 4)], entry: [ret()] }));
 * // plan.inputs = [0], plan.outputs = [1]
 * ```
 *
 * @public
 */
export function planBindings(program: Program): BindingPlan {
  const roles = program.buffers.map(bufferRole);
  const inputs: number[] = [];
  const outputs: number[] = [];
  roles.forEach((role, index) => {
    if (role === 'input' || role === 'uniform' || role === 'inputOutput') {
      inputs.push(index);
    }
    if (role === 'inputOutput' || role === 'output') {
      outputs.push(index);
    }
  });
  return { roles, inputs, outputs };
}
