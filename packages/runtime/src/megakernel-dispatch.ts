import { eq, ifThen, local, store, u32, type Node } from '@vyre/ir';
import { err, StackError, type Result } from '@vyre/foundation';
import { RingStatus } from '@vyre/telemetry';
import type { OpcodeBody } from './megakernel-builtins.ts';
import { finishDone } from './megakernel-claim.ts';
import { RING } from './megakernel-protocol.ts';
import { isSystemOpcode } from './opcode.ts';

// The opcode if-tree of the interpreting variants, and the check of user handlers' opcodes.

/**
 * `if (op == a) { …; done } else if (op == b) { …; done } … else { fault }`: an opcode no body handles
 * faults the slot (the host names the reason).
 *
 * @param bodies - the opcodes and their bodies, in test order
 * @returns the statements, for a lane where `op` and `base` are bound
 */
export function dispatchTree(bodies: readonly OpcodeBody[]): Node[] {
  let tree: Node[] = [store(RING, local('base'), u32(RingStatus.FAULT))];
  for (let i = bodies.length - 1; i >= 0; i--) {
    const [opcode, body] = bodies[i] ?? [0, []];
    tree = [
      ifThen(
        eq(local('op'), u32(opcode)),
        [...body, ...finishDone(`x_done${i}`)],
        tree,
      ),
    ];
  }
  return tree;
}

/**
 * Checks that every handler's opcode is a user opcode, given once.
 *
 * @param handlers - the handlers
 * @returns undefined, or RUNTIME_PUBLISH_REFUSED naming the first bad opcode
 */
export function checkHandlerOpcodes(
  handlers: readonly { readonly opcode: number }[],
): Result<never> | undefined {
  const seen = new Set<number>();
  for (const handler of handlers) {
    if (
      !Number.isInteger(handler.opcode) ||
      handler.opcode < 0 ||
      handler.opcode > 0xffff_ffff ||
      isSystemOpcode(handler.opcode) ||
      seen.has(handler.opcode)
    ) {
      return err(
        new StackError(
          'RUNTIME_PUBLISH_REFUSED',
          `a handler's opcode must be a user opcode given once: found ${String(handler.opcode)}${seen.has(handler.opcode) ? ' twice' : ', a system opcode'}.`,
        ),
      );
    }
    seen.add(handler.opcode);
  }
  return undefined;
}
