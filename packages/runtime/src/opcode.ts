/**
 * Built-in and system opcodes (vyre `protocol/opcode.rs`).
 *
 * @public
 */
export const Opcode = {
  NOP: 0,
  STORE_U32: 1,
  ATOMIC_ADD: 2,
  LOAD_U32: 3,
  COMPARE_SWAP: 4,
  MEMCPY: 5,
  DFA_STEP: 6,
  BATCH_FENCE: 7,
  LOAD_MISS: 0xfffd,
  PRINTF: 0xfffe,
  PACKED_SLOT: 0x8000_0001,
  SHUTDOWN: 0xffff_ffff,
} as const;

/**
 * A named built-in or system opcode: one of the values of {@link (Opcode:variable)}. User opcodes are other u32 values.
 *
 * @public
 */
export type Opcode = (typeof Opcode)[keyof typeof Opcode];

/**
 * Whether `opcode` is reserved for the system: the built-ins `0..7`, `0xFFF0..0xFFFF`, and every
 * opcode with the high bit set. User opcodes must not be system opcodes.
 *
 * @param opcode - an opcode word
 *
 * @public
 */
export function isSystemOpcode(opcode: number): boolean {
  const word = opcode >>> 0;
  return (
    word >= 0x8000_0000 ||
    (word >= 0xfff0 && word <= 0xffff) ||
    word <= Opcode.BATCH_FENCE
  );
}
