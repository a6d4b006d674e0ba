/**
 * The vyre megakernel runtime: a ring of 16-word work slots, a control buffer of atomic counters, and
 * a megakernel (itself an IR Program) that drains thousands of heterogeneous work items per dispatch.
 *
 * @remarks
 * May depend on `@vyre/foundation`, `@vyre/ir`, the drivers and `@vyre/telemetry`; nothing in the
 * stack may depend on it. This release holds the protocol constants, kept verbatim from vyre.
 *
 * @packageDocumentation
 */

export {
  CONTROL_MIN_WORDS,
  ControlWord,
  METRICS_SLOTS,
  TENANT_FAIRNESS_SLOTS,
} from './control-layout.ts';
export { isSystemOpcode, Opcode } from './opcode.ts';
export {
  ARGS_PER_SLOT,
  MAX_RING_SLOTS,
  SLOT_WORDS,
  SlotPriority,
  SlotWord,
} from './slot-layout.ts';
export {
  applySlotTransition,
  type RingSlotTransition,
} from './slot-transition.ts';
