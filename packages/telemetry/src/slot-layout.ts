/**
 * Words in one ring slot: 16 little-endian u32 words, 64 bytes, one cache line.
 *
 * @public
 */
export const SLOT_WORDS = 16;

/**
 * Argument words in one slot (words 4..15).
 *
 * @public
 */
export const ARGS_PER_SLOT = 12;

/**
 * The largest ring the protocol allows: `floor(U32_MAX / SLOT_WORDS)` = 268,435,455 slots, so that the
 * ring's length in words fits in a u32.
 *
 * @public
 */
export const MAX_RING_SLOTS = 268_435_455;

/**
 * Word offsets inside a slot (vyre `protocol.rs`).
 *
 * @remarks
 * `STATUS` is the compare-exchange target; a publisher writes every other word before it.
 *
 * @public
 */
export const SlotWord = {
  STATUS: 0,
  OPCODE: 1,
  TENANT: 2,
  PRIORITY: 3,
  ARG0: 4,
} as const;

/**
 * A word offset inside a slot: one of the values of {@link (SlotWord:variable)}.
 *
 * @public
 */
export type SlotWord = (typeof SlotWord)[keyof typeof SlotWord];

/**
 * Slot priorities, most urgent first (vyre `protocol/slot.rs`).
 *
 * @public
 */
export const SlotPriority = {
  CRITICAL: 0,
  HIGH: 1,
  NORMAL: 2,
  LOW: 3,
  IDLE: 4,
} as const;

/**
 * A slot priority: one of the values of {@link (SlotPriority:variable)}.
 *
 * @public
 */
export type SlotPriority = (typeof SlotPriority)[keyof typeof SlotPriority];
