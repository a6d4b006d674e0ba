/**
 * Word offsets of the control buffer (vyre `protocol/control.rs`).
 *
 * @remarks
 * `SHUTDOWN` (nonzero stops every lane), `DONE_COUNT` (one atomic increment per drained slot),
 * `TENANT_BASE` (index of the tenant-mask table), the tenant quota, tenant fairness and per-opcode
 * metrics tables, `EPOCH` (incremented by BATCH_FENCE), the six priority-partition offsets, the
 * starvation counter, five per-priority fairness counters, and user-visible observables from
 * `OBSERVABLE_BASE`.
 *
 * @public
 */
export const ControlWord = {
  SHUTDOWN: 0,
  DONE_COUNT: 1,
  TENANT_BASE: 2,
  TENANT_QUOTA_BASE: 32,
  TENANT_FAIRNESS_BASE: 64,
  METRICS_BASE: 96,
  EPOCH: 128,
  PRIORITY_OFFSETS_BASE: 129,
  PRIORITY_STARVATION_COUNTER: 135,
  PRIORITY_FAIRNESS_BASE: 136,
  OBSERVABLE_BASE: 160,
} as const;

/**
 * A named word offset of the control buffer: one of the values of {@link (ControlWord:variable)}.
 *
 * @public
 */
export type ControlWord = (typeof ControlWord)[keyof typeof ControlWord];

/**
 * Per-opcode metric counters at `METRICS_BASE` (opcodes below 32 are counted).
 *
 * @public
 */
export const METRICS_SLOTS = 32;

/**
 * Per-tenant fairness counters at `TENANT_FAIRNESS_BASE` (indexed by `tenant % 32`).
 *
 * @public
 */
export const TENANT_FAIRNESS_SLOTS = 32;

/**
 * Per-priority fairness counters at `PRIORITY_FAIRNESS_BASE`, one per slot priority (CRITICAL … IDLE).
 *
 * @public
 */
export const PRIORITY_FAIRNESS_SLOTS = 5;

/**
 * The smallest control buffer, in words: everything before `OBSERVABLE_BASE`.
 *
 * @public
 */
export const CONTROL_MIN_WORDS = 160;
