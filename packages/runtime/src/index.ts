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

// The wire layout is defined once, in @vyre/telemetry (which decodes it); the runtime re-exports it as
// part of its protocol.
export {
  ARGS_PER_SLOT,
  CONTROL_MIN_WORDS,
  ControlWord,
  MAX_RING_SLOTS,
  METRICS_SLOTS,
  PRIORITY_FAIRNESS_SLOTS,
  SLOT_WORDS,
  SlotPriority,
  SlotWord,
  TENANT_FAIRNESS_SLOTS,
} from '@vyre/telemetry';
export { isSystemOpcode, Opcode } from './opcode.ts';
export {
  applySlotTransition,
  type RingSlotTransition,
} from './slot-transition.ts';
