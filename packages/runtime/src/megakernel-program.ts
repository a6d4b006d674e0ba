import {
  add,
  load,
  local,
  u32,
  type BufferDecl,
  type Expr,
  type Node,
  type Program,
} from '@vyre/ir';
import type { Result } from '@vyre/foundation';
import { SlotWord } from '@vyre/telemetry';
import { interpretedBodies } from './megakernel-builtins.ts';
import { stridedDrain } from './megakernel-claim.ts';
import { checkHandlerOpcodes, dispatchTree } from './megakernel-dispatch.ts';
import { protocolProgram, RING } from './megakernel-protocol.ts';

// The megakernel as an IR Program (interpreted variant, one bounded drain per dispatch): every lane
// checks SHUTDOWN, then walks the ring with a stride of the lane count; for each PUBLISHED slot it
// checks the tenant mask (an unauthorized tenant's slot becomes FAULT), claims it with a
// compare-exchange PUBLISHED → CLAIMED, counts the opcode's metric, runs the opcode, and marks the slot
// DONE (counting DONE_COUNT), or FAULT for an opcode it does not know. No lane ever waits for another:
// WebGPU gives no forward-progress guarantee, so the host repeats drains until the ring is empty.

/**
 * The geometry a megakernel program is built for.
 *
 * @public
 */
export interface MegakernelGeometry {
  /** Lanes per workgroup (default 256). */
  readonly workgroupSize?: number;
  /** Workgroups per dispatch (default 1; the planner caps it at 1024). */
  readonly workgroups?: number;
}

/**
 * A user opcode's body, given as IR statements (vyre `OpcodeHandler`). The body runs in the lane that
 * claimed the slot, where `local('op')`, `local('a0')` … `local('a2')` (the first three arguments) and
 * `local('base')` (the slot's first word) are bound; `slotArg(k)` reads any of the 12 arguments. It may
 * read and write the program's data buffers and the control buffer; names it binds must not start with
 * `x_` or clash with those locals.
 *
 * @public
 */
export interface OpcodeHandler {
  /** A user opcode: not a system one (see `isSystemOpcode`). */
  readonly opcode: number;
  readonly body: readonly Node[];
}

/**
 * What a megakernel program is built from.
 *
 * @public
 */
export interface MegakernelOptions extends MegakernelGeometry {
  /** User opcodes and their bodies. */
  readonly handlers?: readonly OpcodeHandler[];
  /**
   * Data buffers the handlers use, declared after the four protocol buffers (bindings 4 and up; they
   * follow the binding ABI: inputs and outputs in declaration order after the protocol buffers').
   */
  readonly dataBuffers?: readonly BufferDecl[];
}

/**
 * Argument word `k` (0..11) of the slot being run, for handler bodies.
 *
 * @param k - the argument index
 *
 * @public
 */
export function slotArg(k: number): Expr {
  return load(RING, add(local('base'), u32(SlotWord.ARG0 + k)));
}

/** The opcodes this builder runs; any other published opcode ends FAULT. @public */
export const INTERPRETED_OPCODES: readonly number[] = interpretedBodies().map(
  ([op]) => op,
);

/**
 * The interpreted megakernel: buffers `control` (binding 0), `ring` (1), `debug_log` (2) and
 * `io_queue` (3), all read-write inputs that come back as outputs in that order, then the data buffers.
 *
 * @param options - geometry, user opcode handlers and their data buffers
 * @returns the program, RUNTIME_PUBLISH_REFUSED for a handler opcode that is a system opcode or
 *   repeated, or IR_INVALID_PROGRAM when a handler body does not validate
 *
 * @public
 */
export function interpretedMegakernel(
  options: MegakernelOptions = {},
): Result<Program> {
  const handlers = options.handlers ?? [];
  const refused = checkHandlerOpcodes(handlers);
  if (refused !== undefined) {
    return refused;
  }
  const size = options.workgroupSize ?? 256;
  const lanes = size * (options.workgroups ?? 1);
  const body = stridedDrain(
    lanes,
    dispatchTree([
      ...handlers.map((h) => [h.opcode, h.body] as const),
      ...interpretedBodies(),
    ]),
  );
  return protocolProgram(
    'interpretedMegakernel',
    size,
    options.dataBuffers ?? [],
    body,
  );
}
