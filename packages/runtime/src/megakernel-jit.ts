import { type BufferDecl, type Node, type Program } from '@vyre/ir';
import type { Result } from '@vyre/foundation';
import { finishDone, stridedDrain } from './megakernel-claim.ts';
import type { MegakernelGeometry } from './megakernel-program.ts';
import { protocolProgram } from './megakernel-protocol.ts';

// The JIT megakernel (vyre `build_program_jit`): the interpreted variant's walk and claim, with one
// caller-supplied, fused payload in place of the opcode if-tree.

/**
 * What a JIT megakernel is built from.
 *
 * @public
 */
export interface JitMegakernelOptions extends MegakernelGeometry {
  /**
   * The payload processor: IR statements that run for every claimed slot, in the lane that claimed it,
   * with `local('op')`, `local('a0')` … `local('a2')` and `local('base')` bound (`slotArg(k)` reads
   * any argument). It interprets the opcodes itself; names it binds must not start with `x_` or clash
   * with those locals or `slots`, `k`, `slot`, `tenant` and `mask`.
   */
  readonly payload: readonly Node[];
  /** Data buffers the payload uses, declared after the four protocol buffers (bindings 4 and up). */
  readonly dataBuffers?: readonly BufferDecl[];
}

/**
 * The JIT megakernel: the same buffers, bounded drain, SHUTDOWN check, tenant-mask check (an
 * unauthorized tenant's slot ends FAULT), claim and metrics (opcodes below 32) as
 * `interpretedMegakernel`, but every claimed slot runs `payload` and then ends DONE, counting
 * DONE_COUNT. No opcode is built in and none faults: the payload decides what each opcode means, and a
 * slot whose opcode it ignores still ends DONE.
 *
 * @param options - geometry, the payload and its data buffers
 * @returns the program, or IR_INVALID_PROGRAM when the payload does not validate
 *
 * @public
 */
export function jitMegakernel(options: JitMegakernelOptions): Result<Program> {
  const size = options.workgroupSize ?? 256;
  const lanes = size * (options.workgroups ?? 1);
  const body = stridedDrain(lanes, [
    ...options.payload,
    ...finishDone('x_done'),
  ]);
  return protocolProgram(
    'jitMegakernel',
    size,
    options.dataBuffers ?? [],
    body,
  );
}
