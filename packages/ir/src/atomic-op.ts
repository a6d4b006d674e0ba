/**
 * Atomic read-modify-write operators with vyre's wire tags (`vyre-spec` `AtomicOp`).
 *
 * @remarks
 * Every atomic returns the value before the operation. `min`/`max` are unsigned. `compareExchange` is
 * strong: it fails only when the observed value differs from `expected`. `compareExchangeWeak` may fail
 * spuriously on GPUs, so it is representable but rejected (use `compareExchange`). `lruUpdate` is vyre's
 * alias of `max`; `fetchNand` stores `~(old & value)`.
 *
 * @public
 */
export const AtomicOp = {
  add: 0x01,
  or: 0x02,
  and: 0x03,
  xor: 0x04,
  min: 0x05,
  max: 0x06,
  exchange: 0x07,
  compareExchange: 0x08,
  compareExchangeWeak: 0x09,
  fetchNand: 0x0a,
  lruUpdate: 0x0b,
} as const;

/**
 * An atomic operator: a key of {@link (AtomicOp:variable)}.
 *
 * @public
 */
export type AtomicOp = keyof typeof AtomicOp;
