/**
 * The vyre megakernel runtime: a ring of 16-word work slots, a control buffer of atomic counters, and
 * a megakernel (itself an IR Program) that drains thousands of heterogeneous work items per dispatch.
 *
 * @remarks
 * Depends on `@vyre/foundation`, `@vyre/ir` and `@vyre/telemetry` only: it runs on any `VyreBackend`
 * it is given, so the drivers are the caller's choice. Nothing in the stack may depend on it. It holds
 * the protocol constants (kept verbatim from vyre), the megakernel builder and planner, slot batches,
 * bounded drains, readback and recovery.
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
  RingStatus,
  SLOT_WORDS,
  SlotPriority,
  SlotWord,
  TENANT_FAIRNESS_SLOTS,
  WindowClass,
} from '@vyre/telemetry';
export { DebugLog } from './debug-log-layout.ts';
export {
  dispatchMegakernel,
  megakernelCaps,
  type MegakernelCaps,
  type MegakernelDispatchConfig,
  type MegakernelRunReport,
} from './dispatch-megakernel.ts';
export {
  drainWorkItems,
  runWorkItems,
  type DrainOptions,
  type DrainProgress,
  type DrainReport,
  type FaultedItem,
  type FaultReason,
  type RunOptions,
} from './drain-work.ts';
export {
  controlWords,
  DEFAULT_TENANT_QUOTA,
  encodeControl,
  encodeEmptyDebugLog,
  encodeEmptyIoQueue,
  encodeEmptyRing,
  encodePriorityOffsets,
  MAX_OBSERVABLE_SLOTS,
  MAX_TENANTS,
  type ControlOptions,
} from './encode-control.ts';
export { IoCompletion, IoOp, IoQueue, IoWord } from './io-queue-layout.ts';
export {
  INTERPRETED_OPCODES,
  interpretedMegakernel,
  slotArg,
  type MegakernelGeometry,
  type MegakernelOptions,
  type OpcodeHandler,
} from './megakernel-program.ts';
export {
  Megakernel,
  type MegakernelBuffers,
  type MegakernelConfig,
  type MegakernelRecoveryDecision,
  type MegakernelResidentHandles,
  type MegakernelResidentScratch,
} from './megakernel.ts';
export {
  allocateReadback,
  decodeReadback,
  readbackCounters,
  type MegakernelReadback,
  type MegakernelReadbackCounters,
  type ReadbackShape,
} from './megakernel-readback.ts';
export { jitMegakernel, type JitMegakernelOptions } from './megakernel-jit.ts';
export {
  priorityMegakernel,
  STARVATION_THRESHOLD,
  type PriorityMegakernelOptions,
} from './megakernel-priority.ts';
export {
  buildMegakernel,
  type MegakernelVariant,
} from './megakernel-variant.ts';
export {
  workgroupMegakernel,
  type WorkgroupMegakernelOptions,
  type WorkgroupOpcodeHandler,
} from './megakernel-workgroup.ts';
export { isSystemOpcode, Opcode } from './opcode.ts';
export {
  dedupeSlots,
  dedupeWorkItems,
  type Deduped,
} from './planner-dedupe.ts';
export {
  defaultWorkerGroupsFromLimits,
  dispatchGridFor,
  paddedSlotCount,
  planLaunchGeometry,
  SCHEDULING_POLICY,
  workerGroupsForGeometry,
  workerWorkgroupSize,
  type LaunchGeometry,
  type LaunchGeometryRequest,
  type WorkerGroupLimits,
} from './planner-geometry.ts';
export {
  LAUNCH_POLICY,
  type LaunchRecommendation,
  type LaunchRequest,
} from './planner-policy.ts';
export { recommendLaunch } from './planner-recommend.ts';
export {
  countDoneRingSlots,
  readDebugLog,
  readDoneCount,
  readEpoch,
  readMetrics,
  readObservable,
  type DebugRecord,
} from './protocol-readers.ts';
export {
  batchPublish,
  encodeWorkItemsRing,
  publishSlots,
  publishWorkItems,
  workItemSlot,
  type WorkItem,
} from './publish-batch.ts';
export {
  MAX_PACKED_OPS,
  packSlotArgs,
  publishPackedSlot,
  type PackedOp,
} from './publish-packed.ts';
export {
  publishSlot,
  TENANT_ID_MAX,
  type SlotDescriptor,
} from './publish-slot.ts';
export { SlotBatch } from './slot-batch.ts';
export { ResidentSlotBatch } from './resident-batch.ts';
export {
  applySlotTransition,
  type RingSlotTransition,
} from './slot-transition.ts';
