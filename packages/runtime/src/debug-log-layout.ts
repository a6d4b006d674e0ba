/**
 * The debug log's layout (vyre `protocol/debug.rs`): word 0 is the atomic write cursor, records of
 * four words (`fmtId`, two arguments, the slot's base word) follow from word 1, 64 of them at most.
 *
 * @public
 */
export const DebugLog = {
  CURSOR_WORD: 0,
  RECORDS_BASE: 1,
  RECORD_WORDS: 4,
  RECORD_CAPACITY: 64,
  BUFFER_WORDS: 257,
} as const;
