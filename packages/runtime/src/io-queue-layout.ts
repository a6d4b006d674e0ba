/**
 * The IO queue's layout (vyre `io/mod.rs`): 64 slots of 8 words.
 *
 * @public
 */
export const IoQueue = {
  SLOT_COUNT: 64,
  SLOT_WORDS: 8,
  BUFFER_WORDS: 512,
} as const;

/**
 * Word offsets inside an IO slot.
 *
 * @public
 */
export const IoWord = {
  OP_TYPE: 0,
  SRC_HANDLE: 1,
  DST_HANDLE: 2,
  OFFSET_LO: 3,
  OFFSET_HI: 4,
  BYTE_COUNT: 5,
  STATUS: 6,
  TAG: 7,
} as const;

/**
 * IO operations.
 *
 * @public
 */
export const IoOp = {
  READ: 0x01,
  WRITE: 0x02,
  FENCE: 0x03,
} as const;

/**
 * Host completion codes of an IO slot's status word (besides the slot statuses).
 *
 * @public
 */
export const IoCompletion = {
  OK: 0x10,
  ERROR: 0x11,
} as const;
