import { ok, type Result } from '@vyre/foundation';
import { ARGS_PER_SLOT } from '@vyre/telemetry';
import { Opcode } from './opcode.ts';
import { publishSlot, refused } from './publish-slot.ts';

/**
 * One operation packed into a PACKED_SLOT (vyre `PackedOpDescriptor`): an 8-bit opcode and three
 * argument words.
 *
 * @public
 */
export interface PackedOp {
  readonly opcode: number;
  readonly args: readonly [number, number, number];
}

/**
 * The most operations a packed slot runs: its metadata (a count byte, a spare byte and two bytes per
 * operation) and three words per operation must fit the 12 argument words, so 3.
 *
 * @public
 */
export const MAX_PACKED_OPS = 3;

/**
 * The 12 argument words of a packed slot (vyre's layout): byte 0 the operation count, then from byte 2
 * one `(opcode, first argument word)` byte pair per operation; the arguments start after the metadata
 * words, three per operation.
 *
 * @param ops - the operations
 * @returns the words, or RUNTIME_PUBLISH_REFUSED
 *
 * @public
 */
export function packSlotArgs(ops: readonly PackedOp[]): Result<number[]> {
  if (ops.length === 0 || ops.length > MAX_PACKED_OPS) {
    return refused(
      `a packed slot runs 1 to ${MAX_PACKED_OPS} operations, found ${ops.length}.`,
    );
  }
  const bad = ops.findIndex(
    (op) =>
      !Number.isInteger(op.opcode) ||
      op.opcode < 0 ||
      op.opcode > 0xff ||
      op.args.length !== 3 ||
      op.args.some((a) => !Number.isInteger(a) || a < 0 || a > 0xffff_ffff),
  );
  if (bad >= 0) {
    return refused(
      `packed operation ${bad} needs an opcode from 0 to 255 and three u32 arguments.`,
    );
  }
  const metaWords = Math.ceil((2 + 2 * ops.length) / 4);
  const bytes = new Uint8Array(ARGS_PER_SLOT * 4);
  const view = new DataView(bytes.buffer);
  bytes[0] = ops.length;
  ops.forEach((op, i) => {
    const argBase = metaWords + 3 * i;
    bytes[2 + 2 * i] = op.opcode;
    bytes[3 + 2 * i] = argBase;
    op.args.forEach((arg, k) => {
      view.setUint32((argBase + k) * 4, arg, true);
    });
  });
  return ok(Array.from(new Uint32Array(bytes.buffer)));
}

/**
 * Publishes a PACKED_SLOT holding up to three operations (vyre `publish_packed_slot`).
 *
 * @param ring - the ring's words
 * @param index - the slot
 * @param tenant - the tenant
 * @param ops - the operations
 * @returns nothing, or the problem (the ring unchanged)
 *
 * @public
 */
export function publishPackedSlot(
  ring: Uint32Array,
  index: number,
  tenant: number,
  ops: readonly PackedOp[],
): Result<void> {
  const args = packSlotArgs(ops);
  if (!args.ok) {
    return args;
  }
  return publishSlot(ring, index, tenant, {
    opcode: Opcode.PACKED_SLOT,
    args: args.value,
  });
}
